import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {AuthError, CliError} from '../../errors.js'
import {connectionDetailView, toRow} from '../../session/connection-view.js'
import {noConnectionError} from '../../session/connection.js'
import {explain} from '../../session/recovery.js'

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
    const current = this.currentConnection
    const id = this.args.id ?? current?.id
    if (!id) throw noConnectionError(this.flags.sandbox)
    let connection
    try {
      connection = await this.lookUpConnection(id)
    } catch (error) {
      // The connection close uses is gone: say so the way data commands do (exit 4 and the fix).
      if (
        !this.args.id &&
        current &&
        current.source !== 'flag' &&
        error instanceof CliError &&
        error.code === 'connection_not_found'
      ) {
        throw explain(this.session, current, new AuthError(error.message, {code: 'connection_not_found'}))
      }

      throw error
    }

    const row = toRow(connection, current?.id)
    await this.out.record(connectionDetailView, row)
    return row
  }
}
