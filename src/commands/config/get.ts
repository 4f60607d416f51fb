import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {CONFIG_KEYS, configKey} from '../../session/prefs.js'

export default class ConfigGet extends SessionCommand<typeof ConfigGet> {
  static args = {
    key: Args.string({description: `One of: ${CONFIG_KEYS.map((entry) => entry.key).join(', ')}.`, required: true}),
  }
  static description = `Prints the value (the default when you have not set it; nothing when neither exists). An unknown key exits 2 and lists the valid ones. --json prints {"key", "value", "source"} with source "config", "default" or null.`
  static examples = [
    '<%= config.bin %> <%= command.id %> connection',
    '<%= config.bin %> <%= command.id %> connect-timeout --json',
  ]
  static summary = 'Print the value of one preference.'

  public async execute(): Promise<unknown> {
    const entry = configKey(this.args.key)
    const set = entry.get(this.settings.read())
    const value = set ?? entry.default ?? null
    const result = {
      key: entry.key,
      source: set === undefined ? (entry.default === undefined ? null : 'default') : 'config',
      value,
    }
    if (!this.io.json && value !== null) await this.io.stdout(`${value}\n`)
    return result
  }
}
