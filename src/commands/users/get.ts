import type {CloseObject} from '../../close/normalize.js'

import {users} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'

export default class UsersGet extends RecordCommand<typeof UsersGet> {
  static aliases = ['users:show', 'users:view']
  static args = idArg(users)
  static examples = [
    '<%= config.bin %> <%= command.id %> user_q9DlEfFQtUnlr8argbHtpF',
    '<%= config.bin %> <%= command.id %> user_q9DlEfFQtUnlr8argbHtpF --json',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one user.'

  public async execute(): Promise<CloseObject> {
    return this.show(users, this.args.id)
  }
}
