import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {notes} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {prompts} from '../../prompts/index.js'
import {NOTE_FIELD_FLAGS, noteBody, noteText, readNoteText, systemNoteReaders} from '../../services/notes.js'
import {withFieldErrors} from '../../services/records.js'
import {noteTextInput} from './create.js'

export default class NotesUpdate extends BaseCommand<typeof NotesUpdate> {
  static aliases = ['notes:edit']
  static args = {
    id: Args.string({description: 'Note ID (acti_…).', required: true}),
    ...noteTextInput.args,
  }
  static description = [
    "Replaces the note's text with TEXT, --file PATH or stdin (-). On a terminal without any of them your",
    '$EDITOR opens on the current text; off a terminal a missing text exits 2.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 "Called Dana: quote sent"',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 --file notes.md --json',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8',
  ]
  static flags = {...fieldsFlag, ...noteTextInput.flags}
  static summary = "Change a note's text."

  public async execute(): Promise<CloseObject> {
    const {args, flags} = this
    const id = assertId(notes, args.id)
    const editing = args.text === undefined && flags.file === undefined && this.interactive
    const close = editing ? await this.close() : undefined
    const before = close ? await close.get(notes, id) : undefined
    const current = before ? noteText(before) : ''
    const text = await readNoteText(
      {arg: args.text, file: flags.file, interactive: this.interactive},
      systemNoteReaders((initial) =>
        prompts.editor('Edit the note (save and close the editor to update it):', initial),
      ),
      'update',
      current,
    )
    if (before && text === current.replace(/\s+$/, '')) {
      this.out.message('The note is unchanged; nothing was sent.')
      await this.out.record(notes, before)
      return before
    }

    const api = close ?? (await this.close())
    const updated = await withFieldErrors(() => api.update(notes, id, noteBody({text})), NOTE_FIELD_FLAGS, 'note')
    await this.out.record(notes, updated)
    return updated
  }
}
