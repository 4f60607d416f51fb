import type {CloseObject} from '../../close/normalize.js'

import {users} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'

export default class UsersGet extends RecordCommand<typeof UsersGet> {
  static aliases = ['users:show', 'users:view']
  static args = idArg(users)
  static examples = [
    '<%= config.bin %> <%= command.id %> user_8dWqYqDz3mTBxqZ2Y0n7kA',
    '<%= config.bin %> <%= command.id %> user_8dWqYqDz3mTBxqZ2Y0n7kA --json',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one user.'

  public async execute(): Promise<CloseObject> {
    return this.show(users, this.args.id)
  }
}
