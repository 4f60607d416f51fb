import {Args} from '@oclif/core'

import {CliError, NotFoundError} from '../../errors.js'
import {connectionDetailView, toRow} from '../../session/connection-view.js'
import {noConnectionError} from '../../session/connection.js'
import {explain} from '../../session/recovery.js'
import {SessionCommand} from '../../session/session-command.js'

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

  public async run(): Promise<unknown> {
    const current = this.currentConnection
    const id = this.args.id ?? current?.id
    if (!id) throw noConnectionError(this.flags.sandbox)
    let connection
    try {
      connection = await this.membrane.getConnection(id)
    } catch (error) {
      if (error instanceof CliError && error.code === 'connection_not_found') {
        if (!this.args.id && current) throw explain(this.session, current, error)
        throw new NotFoundError(`Membrane has no connection ${id}.`, {
          code: 'connection_not_found',
          hint: `See the ones it has with ${this.suggest('connections list')}.`,
        })
      }

      throw error
    }

    const row = toRow(connection, current?.id)
    await this.out.record(connectionDetailView, row)
    return row
  }
}
