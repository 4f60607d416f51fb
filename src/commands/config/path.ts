import {SessionCommand} from '../../command-base/session-command.js'

export default class ConfigPath extends SessionCommand<typeof ConfigPath> {
  static description = `The file holds the chosen connection, cached Membrane action IDs and your preferences; never a secret. Its folder follows CLOSE_CONFIG_DIR, else XDG_CONFIG_HOME/close, else ~/.config/close.`
  static examples = ['<%= config.bin %> <%= command.id %>', 'cat "$(<%= config.bin %> <%= command.id %>)"']
  static summary = 'Print where the config file is.'

  public async execute(): Promise<{path: string}> {
    const result = {path: this.settings.path}
    if (!this.io.json) await this.io.stdout(`${result.path}\n`)
    return result
  }
}
