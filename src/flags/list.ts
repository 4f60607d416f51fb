/** Flags of commands that print Close records, and of every list command. */
import {Flags} from '@oclif/core'

/** `--fields` on every command that prints Close records. */
export const fieldsFlag = {
  fields: Flags.string({
    description: 'Comma-separated fields: table/csv/tsv columns or JSON keys (custom.cf_… allowed).',
  }),
}

/** On every list command. */
export const listFlags = {
  ...fieldsFlag,
  all: Flags.boolean({
    description: 'Fetch every page (streamed as it arrives).',
    exclusive: ['limit'],
  }),
  limit: Flags.integer({
    default: 50,
    description: 'How many records to show.',
    min: 1,
  }),
}
