import type {ListSummary} from '../../output/types.js'

import {users} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'

export default class UsersList extends BaseCommand<typeof UsersList> {
  static aliases = ['users:ls']
  static description = `Everyone who shares an organization with you, for --user and --assignee values elsewhere (an ID, an email or a name). On a terminal the result is a table; piped, it is tab-separated without a header.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --fields id,email -o csv',
  ]
  static flags = {...listFlags}
  static summary = 'List the users of your organization.'

  public async execute(): Promise<ListSummary> {
    const close = await this.close()
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(users, close.list(users, {}, limit))
  }
}
