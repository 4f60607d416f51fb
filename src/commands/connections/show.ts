import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {connectionDetailView, showConnection} from '../../services/connections.js'

export default class ConnectionsShow extends SessionCommand<typeof ConnectionsShow> {
  static args = {
    id: Args.string({description: 'Connection ID (default: the one close uses).'}),
  }
  static description = `Shows one connection as Membrane reports it now: name, state, app, when it was created and updated, and the URL to authorize it when it needs you. Without ID, the connection close uses.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> 6650c105e5a4d0b0c1a55e01',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static hiddenAliases = ['connections:get', 'connections:view']
  static summary = 'Show a connection and its state.'

  public async execute(): Promise<unknown> {
    const row = await showConnection(this.session, this.args.id, this.currentConnection)
    await this.out.record(connectionDetailView, row)
    return row
  }
}
