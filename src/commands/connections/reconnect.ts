import {Args, Flags} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {reauthorizeConnection} from '../../session/connection-setup.js'
import {noConnectionError} from '../../session/connection.js'

export default class ConnectionsReconnect extends SessionCommand<typeof ConnectionsReconnect> {
  static args = {
    id: Args.string({description: 'Connection ID (default: the one close uses).'}),
  }
  static description = `For a connection whose credentials expired or were revoked (state CLIENT_ACTION_REQUIRED, disconnected): runs \`membrane connect --connectionId=ID\`, shows the URL where you authorize Close again, waits until it is READY (--timeout, default 300 s) and makes it the one close uses.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> 6650c105e5a4d0b0c1a55e02 --sandbox',
  ]
  static flags = {
    timeout: Flags.integer({description: 'Seconds to wait for the authorization (default 300).', min: 1}),
  }
  static hiddenAliases = ['connections:reauth']
  static summary = 'Re-authenticate a Close connection.'

  public async execute(): Promise<unknown> {
    const current = this.currentConnection
    const id = this.args.id ?? current?.id
    if (!id) throw noConnectionError(this.flags.sandbox)
    const ctx = {...this.session, connectTimeoutMs: this.flags.timeout ? this.flags.timeout * 1000 : undefined}
    const name = id === current?.id ? current.name : undefined
    const connection = await reauthorizeConnection(ctx, name ? {id, name} : {id})
    return connection
  }
}
