import {Args} from '@oclif/core'

import {CONFIG_KEYS, configKey} from '../../session/prefs.js'
import {SessionCommand} from '../../session/session-command.js'

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

  public async run(): Promise<unknown> {
    const entry = configKey(this.args.key)
    const set = entry.get(this.settings.read())
    const value = set ?? entry.default ?? null
    const result = {
      key: entry.key,
      source: set === undefined ? (entry.default === undefined ? null : 'default') : 'config',
      value,
    }
    if (this.flags.json) this.writeJson(result)
    else if (value !== null) process.stdout.write(`${value}\n`)
    return result
  }
}
