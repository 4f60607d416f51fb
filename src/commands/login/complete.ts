import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {chooseConnection} from '../../session/connection-setup.js'
import {completeLogin} from '../../session/login.js'

export default class LoginComplete extends SessionCommand<typeof LoginComplete> {
  static args = {
    code: Args.string({description: 'The code the browser showed after you approved the login.', required: true}),
  }
  static description = `The second step of a headless \`close login\`: runs \`membrane login complete CODE\`, checks that Membrane now reports you logged in, then makes sure a Close connection is chosen (the only one is used; several give a picker on a terminal, or exit 4 with the list so you can pass --connection or run \`close connections use ID\`; none offers to create one on a terminal, or names \`close connections add\`).`
  static examples = [
    '<%= config.bin %> <%= command.id %> ABCD-1234',
    '<%= config.bin %> <%= command.id %> ABCD-1234 --json',
  ]
  static summary = 'Finish a headless login with the code shown in the browser.'

  public async execute(): Promise<unknown> {
    const ctx = this.session
    await completeLogin(ctx, this.args.code)
    const connection = await chooseConnection(ctx, {keepCurrent: true})
    if (!this.io.json) this.tell(`Ready. Try: ${this.suggest('leads list')}`)
    return {connection, loggedIn: true}
  }
}
