import type {CloseObject} from '../../close/normalize.js'

import {users} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {userArg} from '../../flags/contacts.js'
import {fieldsFlag} from '../../flags/list.js'
import {userRef} from '../../services/lead-ref.js'

export default class UsersGet extends RecordCommand<typeof UsersGet> {
  static aliases = ['users:show', 'users:view']
  static args = userArg
  static examples = [
    '<%= config.bin %> <%= command.id %> me',
    '<%= config.bin %> <%= command.id %> "Jordan Lee"',
    '<%= config.bin %> <%= command.id %> user_q9DlEfFQtUnlr8argbHtpF --json',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one user: me, an ID, an email or a name.'

  public async execute(): Promise<CloseObject> {
    const {id} = await userRef(this.deps(), this.args.id, {flag: 'the user argument'})
    return this.show(users, id)
  }
}
