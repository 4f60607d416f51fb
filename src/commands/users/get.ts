import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {users} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'

export default class UsersGet extends BaseCommand<typeof UsersGet> {
  static aliases = ['users:show', 'users:view']
  static args = {
    id: Args.string({description: 'User ID (user_…).', required: true}),
  }
  static examples = [
    '<%= config.bin %> <%= command.id %> user_8dWqYqDz3mTBxqZ2Y0n7kA',
    '<%= config.bin %> <%= command.id %> user_8dWqYqDz3mTBxqZ2Y0n7kA --json',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one user.'

  public async execute(): Promise<CloseObject> {
    const id = assertId(users, this.args.id)
    const close = await this.close()
    const user = await close.get(users, id)
    await this.out.record(users, user)
    return user
  }
}
