import {BaseCommand} from '../../base-command.js'

export default class SandboxPath extends BaseCommand<typeof SandboxPath> {
  static description = 'The folder is under the CLI data directory (CLOSE_DATA_DIR or XDG_DATA_HOME decide where).'
  static examples = ['<%= config.bin %> <%= command.id %>', 'ls "$(<%= config.bin %> <%= command.id %>)"']
  static summary = 'Print where the sandbox keeps its data.'

  public async run(): Promise<{path: string}> {
    process.stdout.write(this.flags.json ? `${JSON.stringify({path: this.sandboxDir})}\n` : `${this.sandboxDir}\n`)
    return {path: this.sandboxDir}
  }
}
