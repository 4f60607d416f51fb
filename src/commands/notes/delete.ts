import type {CloseObject} from '../../close/normalize.js'
import type {DeleteResult} from '../../services/records.js'

import {notes} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {idArg, yesFlag} from '../../flags/record.js'
import {noteText} from '../../services/notes.js'

export default class NotesDelete extends RecordCommand<typeof NotesDelete> {
  static aliases = ['notes:rm']
  static args = idArg(notes)
  static description = [
    'On a terminal you are shown the start of the note and asked to confirm; off a terminal (scripts, CI)',
    '--yes is required. There is no undo.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 --yes',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 --yes --json',
  ]
  static flags = yesFlag
  static summary = 'Delete a note.'

  public async execute(): Promise<DeleteResult> {
    return this.deleteAndReport(notes, this.args.id, this.flags.yes, describe)
  }
}

/** How the confirmation question and the result name the note. */
function describe(note: CloseObject): string {
  const text = noteText(note).split('\n')[0] ?? ''
  return text.length > 50 ? `${text.slice(0, 49)}…` : text
}
