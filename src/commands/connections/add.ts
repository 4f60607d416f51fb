import {Flags} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {beginCreate, finishAuthorization} from '../../session/connection-setup.js'

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
    const ctx = {...this.session, connectTimeoutMs: this.flags.timeout ? this.flags.timeout * 1000 : undefined}
    const started = await beginCreate(ctx)
    if (!this.flags.wait && !started.ready) {
      const id = started.connectionId
      const next = id ? `close connections use ${id}${this.flags.sandbox ? ' --sandbox' : ''}` : undefined
      const result = {
        id: id ?? null,
        next: next ?? null,
        requestId: started.requestId ?? null,
        url: started.url ?? null,
      }
      if (!this.io.json) {
        this.tell(
          `\nAuthorize access to Close at this URL (on this or any other device):\n\n    ${started.url ?? '(Membrane gave no URL; use its console)'}\n`,
        )
        this.tell(next ? `Then run:\n\n    ${next}\n` : `Then choose it with ${this.suggest('connections use')}.`)
      }

      return result
    }

    const connection = await finishAuthorization(ctx, started, 'authorize access to Close')
    return connection
  }
}
