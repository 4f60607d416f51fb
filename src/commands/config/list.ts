import {SessionCommand} from '../../command-base/session-command.js'
import {CONFIG_KEYS} from '../../session/prefs.js'

export default class ConfigList extends SessionCommand<typeof ConfigList> {
  static description = `One \`key=value\` line per key, with the default shown for keys you have not set (an unset key without a default prints \`key=\`). --json prints an object: key → value (null when unset). Keys: ${CONFIG_KEYS.map((entry) => entry.key).join(', ')}.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static hiddenAliases = ['config:ls']
  static summary = 'List the local preferences and their values.'

  public async execute(): Promise<Record<string, null | string>> {
    const data = this.settings.read()
    const values: Record<string, null | string> = {}
    for (const entry of CONFIG_KEYS) values[entry.key] = entry.get(data) ?? entry.default ?? null
    if (!this.io.json) {
      const lines = CONFIG_KEYS.map((entry) => {
        const set = entry.get(data)
        const suffix = set === undefined && entry.default !== undefined && this.io.stdoutIsTTY ? '  (default)' : ''
        return `${entry.key}=${values[entry.key] ?? ''}${suffix}`
      })
      await this.io.stdout(`${lines.join('\n')}\n`)
    }

    return values
  }
}
