import {SessionCommand} from '../command-base/session-command.js'
import {CliError} from '../errors.js'
import {label} from '../session/connection-info.js'
import {forgetConnection} from '../session/connection.js'

export default class Logout extends SessionCommand<typeof Logout> {
  static description = `Runs \`membrane logout\` and forgets the Close connection cached by \`close login\` (with --sandbox: the sandbox's login and its cached connection). Your connections stay in Membrane; log in again with \`close login\`.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static summary = 'Log out of Membrane and forget the cached connection.'

  public async execute(): Promise<unknown> {
    let wasLoggedIn = true
    try {
      await this.membrane.logout()
    } catch (error) {
      if (!(error instanceof CliError && error.code === 'not_logged_in')) throw error
      wasLoggedIn = false
    }

    const forgotten = await forgetConnection(this.settings, this.flags.sandbox)
    const result = {forgotConnection: forgotten ?? null, loggedOut: true, wasLoggedIn}
    if (!this.io.json) {
      this.tell(wasLoggedIn ? 'Logged out of Membrane.' : 'You were not logged in to Membrane.')
      this.tell(
        forgotten
          ? `Forgot the cached connection ${label(forgotten)} (in ${this.settings.path}).`
          : 'No connection was cached.',
      )
      this.tell(`Log in again with ${this.suggest('login')}.`)
    }

    return result
  }
}
