import {Flags} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {prompts} from '../../prompts/index.js'
import {chooseConnection} from '../../session/connection-setup.js'
import {
  interactiveLogin,
  isLoggedIn,
  nextLoginCommand,
  showLoginNext,
  showLoginUrl,
  startLogin,
} from '../../session/login.js'

export default class Login extends SessionCommand<typeof Login> {
  static description = `Runs \`membrane login --tenant\` and shows the authorization URL. On a terminal it offers to open a browser (when there is one), asks for the code the page shows, and finishes the login; then it makes sure a Close connection is chosen: the only one is used, several give a picker, none offers to create one.

Headless (no terminal, --no-browser or --json) it prints the URL and the exact next command, \`close login complete <code>\`, and exits 0; with --json that is {"url", "next"} on stdout.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --no-browser',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --sandbox',
  ]
  static flags = {
    browser: Flags.boolean({
      allowNo: true,
      default: true,
      description: 'With --no-browser: only print the URL and the next command, then exit (headless login).',
    }),
  }
  static summary = 'Log in to Membrane and choose a Close connection.'

  public async execute(): Promise<unknown> {
    const ctx = this.session
    if (!this.interactive || !this.flags.browser || this.io.json) {
      const url = await startLogin(ctx)
      const next = nextLoginCommand(ctx)
      if (!this.io.json) {
        showLoginUrl(ctx, url)
        showLoginNext(ctx)
      }

      return {next, url}
    }

    const loggedIn = await isLoggedIn(ctx)
    if (!loggedIn || (await prompts.confirm('You are already logged in to Membrane. Log in again?', false))) {
      await interactiveLogin(ctx)
    }

    const connection = await chooseConnection(ctx, {keepCurrent: true})
    this.tell(`Ready. Try: ${this.suggest('leads list')}`)
    return connection
  }
}
