import type {CloseObject} from '../../close/normalize.js'

import {notes} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg, webFlag} from '../../flags/record.js'

export default class NotesGet extends RecordCommand<typeof NotesGet> {
  static aliases = ['notes:show', 'notes:view']
  static args = idArg(notes)
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 --json',
    '<%= config.bin %> <%= command.id %> acti_cYS2Tf2Cux3f7Ad4NQioU8 --fields note -o tsv',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one note with its full text.'

  public async execute(): Promise<CloseObject> {
    return this.show(notes, this.args.id)
  }
}
