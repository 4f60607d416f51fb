import {Args} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {CONFIG_KEYS, configKey, unsetConfigValue} from '../../session/prefs.js'

export default class ConfigUnset extends SessionCommand<typeof ConfigUnset> {
  static args = {
    key: Args.string({description: `One of: ${CONFIG_KEYS.map((entry) => entry.key).join(', ')}.`, required: true}),
  }
  static description = `Removes the key from the config file, so its default applies again. Unsetting \`connection\`
makes close ask for a connection again (or \`close login\`). Unsetting a key that is not set is fine.`
  static examples = ['<%= config.bin %> <%= command.id %> browser', '<%= config.bin %> <%= command.id %> connection']
  static summary = 'Remove a preference (back to its default).'

  public async execute(): Promise<unknown> {
    const entry = configKey(this.args.key)
    const was = await unsetConfigValue(this.settings, entry.key)
    const result = {default: entry.default ?? null, key: entry.key, removed: was !== undefined}
    if (!this.io.json) {
      const now = entry.default === undefined ? '' : ` (now the default: ${entry.default})`
      this.tell(was === undefined ? `${entry.key} was not set.` : `Unset ${entry.key}${now}.`)
    }

    return result
  }
}
