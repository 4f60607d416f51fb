import {Flags} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {login} from '../../services/connections.js'

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
    return login(this.session, {browser: this.flags.browser})
  }
}
