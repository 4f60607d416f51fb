/** Flags shared across commands, grouped as in design §3. */
import {Flags} from '@oclif/core'

import {outputFormats} from './output/types.js'

/** On every command (the GLOBAL help group). */
export const globalFlags = {
  color: Flags.boolean({
    allowNo: true,
    default: true,
    description: 'Colour on a terminal; --no-color (or NO_COLOR) turns it off.',
    helpGroup: 'GLOBAL',
  }),
  connection: Flags.string({
    description: 'Membrane connection ID to use (default: the one chosen with `close login`).',
    env: 'CLOSE_CONNECTION_ID',
    helpGroup: 'GLOBAL',
  }),
  debug: Flags.boolean({
    description: 'Log each Membrane call (argv with input values redacted, duration, exit code) to stderr.',
    env: 'CLOSE_DEBUG',
    helpGroup: 'GLOBAL',
  }),
  json: Flags.boolean({
    description: 'Print JSON (same as -o json). Never prompts.',
    helpGroup: 'GLOBAL',
  }),
  output: Flags.option({
    char: 'o',
    description: 'Output format (default: table on a terminal, tsv when piped).',
    helpGroup: 'GLOBAL',
    options: outputFormats,
  })(),
  sandbox: Flags.boolean({
    description: 'Use the bundled offline sandbox instead of the real Membrane CLI.',
    env: 'CLOSE_SANDBOX',
    helpGroup: 'GLOBAL',
  }),
}

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
