import type {CloseObject} from '../../close/normalize.js'

import {calls} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg, webFlag} from '../../flags/record.js'

export default class CallsGet extends RecordCommand<typeof CallsGet> {
  static aliases = ['calls:show', 'calls:view']
  static args = idArg(calls)
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_EajK3WnnUPVnkjKWAZ7qlf',
    '<%= config.bin %> <%= command.id %> acti_EajK3WnnUPVnkjKWAZ7qlf --json',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one call.'

  public async execute(): Promise<CloseObject> {
    return this.show(calls, this.args.id)
  }
}
