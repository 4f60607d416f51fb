import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {notes} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {noteTextArgs, noteTextFlags} from '../../flags/notes.js'
import {updateNote} from '../../services/notes.js'

export default class NotesUpdate extends RecordCommand<typeof NotesUpdate> {
  static aliases = ['notes:edit']
  static args = {id: Args.string({description: 'Note ID (acti_…).', required: true}), ...noteTextArgs}
  static description = [
    "Replaces the note's text with TEXT, --file PATH or stdin (-). On a terminal without any of them your",
    '$EDITOR opens on the current text; off a terminal a missing text exits 2.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 "Called Charles: quote sent"',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 --file notes.md --json',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8',
  ]
  static flags = {...fieldsFlag, ...noteTextFlags}
  static summary = "Change a note's text."

  public async execute(): Promise<CloseObject> {
    const {note, unchanged} = await updateNote(this.deps(), {...this.flags, id: this.args.id, text: this.args.text})
    if (unchanged) this.out.message('The note is unchanged; nothing was sent.')
    return this.shown(notes, note)
  }
}
