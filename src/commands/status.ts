import type {HealthReport} from '../services/health.js'

import {SessionCommand} from '../command-base/session-command.js'
import {checkHealth, healthError, healthText} from '../services/health.js'

export default class Status extends SessionCommand<typeof Status> {
  static description = `Checks everything close needs and says how to fix what is missing: the Membrane CLI (path, version and generation: A speaks \`action run\`/\`request\`, B \`act\`; a \`membrane\` that is not @membranehq/cli is flagged), the Membrane login, the connection close uses and its state, one real read of Close through it (GET /me/, so status is never healthy when data commands would fail), and where the config file is.

Exit codes: 0 when all is healthy; 4 when the Membrane CLI, the login or the connection is the problem; 3 when Membrane failed to answer or does not speak a dialect close knows (the code a data command would get). --json prints the same report as an object on stdout.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --sandbox',
  ]
  static summary = 'Check the Membrane CLI, the login and the Close connection.'

  protected async display(report: HealthReport): Promise<void> {
    await this.io.stdout(healthText(report))
  }

  public async execute(): Promise<HealthReport> {
    const {context} = this
    const deps = {configPath: context.settings.path, current: context.currentConnection(), env: context.env}
    const report = await checkHealth({
      ...deps,
      membrane: this.membrane,
      sandbox: context.sandbox,
      version: this.config.version,
    })
    await this.print(report)
    const error = healthError(report)
    if (error) throw error
    return report
  }
}
