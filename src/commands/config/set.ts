import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {CONFIG_KEYS, configKey, setConfigValue} from '../../session/prefs.js'

export default class ConfigSet extends SessionCommand<typeof ConfigSet> {
  static args = {
    key: Args.string({description: `One of: ${CONFIG_KEYS.map((entry) => entry.key).join(', ')}.`, required: true}),
    value: Args.string({description: 'The new value.', required: true}),
  }
  static description = `Keys and what they accept:
${CONFIG_KEYS.map((entry) => `- ${entry.key}: ${entry.description}${entry.values ? ` (${entry.values.join('|')})` : ''}${entry.default ? `; default ${entry.default}` : ''}`).join('\n')}

The file is written atomically with mode 0600. An unknown key or an invalid value exits 2 and says what is accepted. Setting \`connection\` by hand skips the checks \`close connections use\` makes.`
  static examples = [
    '<%= config.bin %> <%= command.id %> browser never',
    '<%= config.bin %> <%= command.id %> connect-timeout 600',
    '<%= config.bin %> <%= command.id %> connection 6650c105e5a4d0b0c1a55e01',
  ]
  static summary = 'Set a preference.'

  public async execute(): Promise<unknown> {
    const entry = configKey(this.args.key)
    const value = entry.validate(this.args.value)
    await setConfigValue(this.settings, entry.key, value)
    const result = {key: entry.key, value}
    if (!this.io.json) this.tell(`Set ${entry.key} to ${value}.`)
    return result
  }
}
