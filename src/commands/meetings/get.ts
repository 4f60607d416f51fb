import type {CloseObject} from '../../close/normalize.js'

import {meetings} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg, webFlag} from '../../flags/record.js'

export default class MeetingsGet extends RecordCommand<typeof MeetingsGet> {
  static aliases = ['meetings:show', 'meetings:view']
  static args = idArg(meetings)
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_R7cZZWZqqi1WnsQNhmTvTP',
    '<%= config.bin %> <%= command.id %> acti_R7cZZWZqqi1WnsQNhmTvTP --json',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one meeting.'

  public async execute(): Promise<CloseObject> {
    return this.show(meetings, this.args.id)
  }
}
