import {Args, Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {leads, notes} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {prompts} from '../../prompts/index.js'
import {NOTE_FIELD_FLAGS, noteBody, readNoteText, systemNoteReaders} from '../../services/notes.js'
import {withFieldErrors} from '../../services/records.js'
import {failIfMissing} from '../../services/support.js'

/** Where `notes create` and `notes update` take the text from. */
export const noteTextInput = {
  args: {
    text: Args.string({
      description: 'The note text; - reads it from stdin. Omit it on a terminal to write in $EDITOR.',
    }),
  },
  flags: {
    file: Flags.string({char: 'f', description: 'Read the note text from this file (- for stdin).'}),
  },
}

export default class NotesCreate extends BaseCommand<typeof NotesCreate> {
  static aliases = ['notes:add']
  static args = noteTextInput.args
  static description = [
    'The text comes from the TEXT argument, from --file PATH, or from stdin with -. On a terminal without',
    'any of them your $EDITOR opens (multi-line notes); off a terminal a missing text or --lead exits 2.',
    'Line breaks are kept (Close stores the text as note and a rendered note_html).',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV "Called Dana: wants a quote by Friday"',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --file meeting-notes.md',
    'pbpaste | <%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV - --json',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV',
  ]
  static flags = {
    ...fieldsFlag,
    ...noteTextInput.flags,
    lead: Flags.string({description: 'Lead ID (lead_…) the note is logged on.'}),
  }
  static summary = "Log a note on a lead's timeline."

  public async execute(): Promise<CloseObject> {
    const {args, flags} = this
    if (flags.lead !== undefined) assertId(leads, flags.lead, '--lead')
    const hasText = args.text !== undefined || flags.file !== undefined
    if (flags.lead === undefined) {
      failIfMissing(['--lead', ...(hasText ? [] : ['TEXT (or --file PATH, or - for stdin)'])], this.interactive)
    }

    const lead =
      flags.lead ?? assertId(leads, (await prompts.input('Lead ID (lead_…):', {required: true})).trim(), '--lead')
    const text = await readNoteText(
      {arg: args.text, file: flags.file, interactive: this.interactive},
      systemNoteReaders((initial) => prompts.editor('Write the note (save and close the editor to log it):', initial)),
      'create',
    )
    const close = await this.close()
    const created = await withFieldErrors(() => close.create(notes, noteBody({lead, text})), NOTE_FIELD_FLAGS, 'note')
    await this.out.record(notes, created)
    return created
  }
}
