import {BaseCommand} from '../../command-base/base-command.js'

export default class SandboxPath extends BaseCommand<typeof SandboxPath> {
  static description = 'The folder is under the CLI data directory (CLOSE_DATA_DIR or XDG_DATA_HOME decide where).'
  static examples = ['<%= config.bin %> <%= command.id %>', 'ls "$(<%= config.bin %> <%= command.id %>)"']
  static summary = 'Print where the sandbox keeps its data.'

  protected async display(result: {path: string}): Promise<void> {
    await this.io.stdout(`${result.path}\n`)
  }

  public async execute(): Promise<{path: string}> {
    return {path: this.sandboxDir}
  }
}
