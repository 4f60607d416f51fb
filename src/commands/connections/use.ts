import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {useConnection} from '../../services/connections.js'

export default class ConnectionsUse extends SessionCommand<typeof ConnectionsUse> {
  static args = {
    id: Args.string({description: 'Connection ID (see `close connections list`); omit it on a terminal to pick.'}),
  }
  static description = `Caches the connection close uses from now on (--connection and CLOSE_CONNECTION_ID still win for one run). Without ID, a picker on a terminal; off a terminal the ID is required. A connection that needs re-authentication is chosen too; on a terminal you are offered to re-authenticate it at once, otherwise the command exits 4 naming \`close connections reconnect\`.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> 6650c105e5a4d0b0c1a55e01',
    '<%= config.bin %> <%= command.id %> 6650c105e5a4d0b0c1a55e01 --sandbox',
  ]
  static summary = 'Choose the Close connection to use.'

  public async execute(): Promise<unknown> {
    return useConnection(this.session, this.args.id)
  }
}
