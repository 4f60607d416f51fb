import type {CloseObject} from '../../close/normalize.js'

import {users} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'

export default class UsersMe extends BaseCommand<typeof UsersMe> {
  static description = `The Close user behind the chosen Membrane connection, with their organizations and memberships (Close's GET /me/). Handy to check which account a connection acts as.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --fields id,email',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show the user you act as.'

  public async execute(): Promise<CloseObject> {
    const close = await this.close()
    const me = await close.proxy('GET', '/me/')
    await this.out.record(users, me)
    return me
  }
}
