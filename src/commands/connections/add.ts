import {Flags} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {addConnection} from '../../services/connections.js'

export default class ConnectionsAdd extends SessionCommand<typeof ConnectionsAdd> {
  static description = `Finds Membrane's Close connector (\`membrane search close --elementType=connector\`), starts a connection (\`membrane connect --connectorId=ID\`), shows the URL where you authorize Close, waits until the connection is READY (a spinner on a terminal; --timeout, default 300 s or config connect-timeout) and makes it the one close uses.

With --no-wait it prints the URL and the next command and exits at once; after authorizing, run \`close connections use ID\`.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --timeout 600',
    '<%= config.bin %> <%= command.id %> --no-wait --json',
  ]
  static flags = {
    timeout: Flags.integer({description: 'Seconds to wait for the authorization (default 300).', min: 1}),
    wait: Flags.boolean({
      allowNo: true,
      default: true,
      description: 'With --no-wait: print the URL and the next command instead of waiting for READY.',
    }),
  }
  static hiddenAliases = ['connections:create']
  static summary = 'Create a Close connection in Membrane.'

  public async execute(): Promise<unknown> {
    return addConnection(this.session, {timeoutSeconds: this.flags.timeout, wait: this.flags.wait})
  }
}
