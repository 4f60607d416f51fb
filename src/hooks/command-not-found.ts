/**
 * The `command_not_found` hook (package.json `oclif.hooks`), replacing @oclif/plugin-not-found,
 * which asked "Did you mean …? (Y/n)" even off a terminal and exited 127 (issue 13 item 4,
 * design §8). Here an unknown command never prompts: it exits 2 with the nearest command or topic
 * (`Did you mean \`leads list\`?`), and under --json (or `-o json`/`ndjson`) the JSON error line
 * `{"error":{"code":"usage",…,"exitCode":2}}` comes last on stderr, as for every other error.
 */
import type {Hook} from '@oclif/core'

import {ux} from '@oclif/core/ux'

import {UsageError} from '../errors.js'
import {GLOBAL_FLAGS} from './argv.js'
import {suggestCommand, suggestFlag} from './suggest.js'

const ROOT_FLAGS = [...Object.keys(GLOBAL_FLAGS), 'help', 'version']

/** The lines printed for an unknown command: the message, a hint, and (wantsJson) the JSON error. */
export function notFoundReport(
  typed: string[],
  ids: Iterable<string>,
  bin: string,
  wantsJson: boolean,
): {error: UsageError; lines: string[]} {
  const name = typed.join(' ')
  const flag = typed[0]?.startsWith('-')
  if (flag && isGlobalFlag(typed[0]!)) {
    // `close --json` or `close --connection X` with no command after it.
    const message = `No command given after \`${typed[0]}\`.`
    const value = GLOBAL_FLAGS[typed[0]!.replace(/^--?/, '')] || typed[0] === '-o' ? ' …' : ''
    const hint = `Run \`${bin} --help\` for every command, e.g. \`${bin} leads list ${typed[0]}${value}\`.`
    const error = new UsageError(message, {code: 'usage', hint})
    const lines = [`Error: ${message}`, `  ${hint}`]
    if (wantsJson) lines.push(JSON.stringify(error.toJSON()))
    return {error, lines}
  }

  // A flag first that is not a global one (`close --stauts`): oclif took it for the command.
  const suggestion = flag ? suggestFlag(typed[0]!, ROOT_FLAGS) : suggestCommand(typed, ids)
  const message = `Unknown ${flag ? 'flag' : 'command'} \`${flag ? typed[0] : name}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`
  const hint = suggestion
    ? flag
      ? `Run \`${bin} --help\` for every command; global flags work before or after the command.`
      : `Run \`${bin} ${suggestion} --help\`, or \`${bin} --help\` for every command.`
    : `Run \`${bin} --help\` for every command.`
  const error = new UsageError(message, {code: 'usage', details: suggestion ? {suggestion} : {}, hint})
  const lines = [`Error: ${message}`, `  ${hint}`]
  if (wantsJson) lines.push(JSON.stringify(error.toJSON()))
  return {error, lines}
}

function isGlobalFlag(arg: string): boolean {
  const name = arg.replace(/^--?/, '').replace(/=.*$/, '')
  return name in GLOBAL_FLAGS || arg === '-o' || arg.startsWith('-o')
}

/** The command words typed: the id oclif could not find (`lead:list` or `lead`), then the plain words after it. */
export function typedWords(id: string, argv: readonly string[] = []): string[] {
  const words = id.split(/[\s:]+/).filter(Boolean)
  if (words[0]?.startsWith('-')) return words
  for (const arg of argv) {
    // Command words are plain words; an ID, a name with capitals or a flag ends them.
    if (!/^[a-z][\da-z-]*$/.test(arg) || words.length >= 3) break
    words.push(arg)
  }

  return words
}

/** --json, -o json/ndjson, --output=json …: the caller wants the JSON error line. */
export function wantsJsonError(argv: readonly string[]): boolean {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') break
    if (arg === '--json') return true
    const value =
      arg === '-o' || arg === '--output'
        ? argv[i + 1]
        : arg.startsWith('--output=')
          ? arg.slice('--output='.length)
          : /^-o./.test(arg)
            ? arg.slice(2).replace(/^=/, '')
            : undefined
    if (value === 'json' || value === 'ndjson') return true
  }

  return false
}

const hook: Hook.CommandNotFound = async function (options) {
  const argv = options.argv ?? []
  const ids = [...options.config.commandIDs, ...options.config.topics.map((t) => t.name)]
  const {lines} = notFoundReport(
    typedWords(options.id, argv),
    ids,
    options.config.bin,
    wantsJsonError([options.id, ...argv]),
  )
  ux.stderr(lines.join('\n'))
  this.exit(2)
}

export default hook
