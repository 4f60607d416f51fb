import {CONFIG_KEYS} from '../../session/prefs.js'
import {SessionCommand} from '../../session/session-command.js'

export default class ConfigList extends SessionCommand<typeof ConfigList> {
  static description = `One \`key=value\` line per key, with the default shown for keys you have not set (an unset key without a default prints \`key=\`). --json prints an object: key → value (null when unset). Keys: ${CONFIG_KEYS.map((entry) => entry.key).join(', ')}.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static hiddenAliases = ['config:ls']
  static summary = 'List the local preferences and their values.'

  public async run(): Promise<Record<string, null | string>> {
    const data = this.settings.read()
    const values: Record<string, null | string> = {}
    for (const entry of CONFIG_KEYS) values[entry.key] = entry.get(data) ?? entry.default ?? null
    if (this.flags.json) {
      this.writeJson(values)
    } else {
      const lines = CONFIG_KEYS.map((entry) => {
        const set = entry.get(data)
        const suffix = set === undefined && entry.default !== undefined && process.stdout.isTTY ? '  (default)' : ''
        return `${entry.key}=${values[entry.key] ?? ''}${suffix}`
      })
      process.stdout.write(`${lines.join('\n')}\n`)
    }

    return values
  }
}
