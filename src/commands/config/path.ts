import {SessionCommand} from '../../session/session-command.js'

export default class ConfigPath extends SessionCommand<typeof ConfigPath> {
  static description = `The file holds the chosen connection, cached Membrane action IDs and your preferences; never a secret. Its folder follows CLOSE_CONFIG_DIR, else XDG_CONFIG_HOME/close, else ~/.config/close.`
  static examples = ['<%= config.bin %> <%= command.id %>', 'cat "$(<%= config.bin %> <%= command.id %>)"']
  static summary = 'Print where the config file is.'

  public async run(): Promise<{path: string}> {
    const result = {path: this.settings.path}
    if (this.flags.json) this.writeJson(result)
    else process.stdout.write(`${result.path}\n`)
    return result
  }
}
