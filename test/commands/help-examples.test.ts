/**
 * Issue 13 item 5: every example in every command's help runs as written against the sandbox
 * (`--sandbox` appended when absent) and exits 0. Each example runs in a fresh home with a copy of
 * the seeded sandbox, so a delete in one example cannot break the next.
 *
 * How an example line is run, shell-like but in process:
 * - `close … > file` runs `close …` (the redirect is dropped); `close … | cmd` runs the left side;
 *   `echo 'x' | close …` and `pbpaste | close …` run `close …` with that text on stdin.
 * - Files an example reads (`@note.json`, `--file notes.md`, `--input query.json`) are created in
 *   the working directory first, with content valid for the seed.
 *
 * Skipped, each with its reason (SKIP below): examples that only make sense on a terminal (no
 * arguments: the command asks for everything), that need a real Membrane login or a browser, that
 * use command substitution `$(…)`, or that change this CLI's own config in a way the sandbox cannot
 * show (the connection a real Membrane created). Everything else must pass, including commands other
 * helpers add later: the list of examples comes from oclif's own command list.
 */
import type {Command} from '@oclif/core'

import {expect} from 'chai'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, loadConfig} from '../helpers/run-command.js'

/** Examples not run, by the exact example text (after templating) or by command ID, with the reason. */
const SKIP_COMMANDS: Record<string, string> = {
  'connections:add': 'opens a browser to authorize Close; no sandbox equivalent of the wait',
  'connections:reconnect': 'opens a browser to re-authorize a connection',
  login: 'logs in to Membrane (a browser, a code); the sandbox needs no login',
  'login:complete': 'takes the code of a real login in progress',
  logout: 'logs out of the real Membrane',
}
/** Single examples not run, by their text after templating, with the reason. */
const SKIP_EXAMPLES: Record<string, string> = {}
const INTERACTIVE = 'interactive only: without arguments the command asks for what is missing (a terminal)'

interface Example {
  argv: string[]
  id: string
  stdin?: string
  text: string
}

function templated(text: string, id: string): string {
  return text.replaceAll('<%= config.bin %>', 'close').replaceAll('<%= command.id %>', id.replaceAll(':', ' '))
}

/** Split a command line into words, honouring '…' and "…" quoting (no escapes, no globbing). */
function words(line: string): string[] {
  const out: string[] = []
  let current = ''
  let quote: string | undefined
  let started = false
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined
      else current += ch
    } else if (ch === "'" || ch === '"') {
      quote = ch
      started = true
    } else if (ch === ' ') {
      if (started || current) out.push(current)
      current = ''
      started = false
    } else {
      current += ch
    }
  }

  if (started || current) out.push(current)
  return out
}

/** An example line → what to run, or the reason it is skipped. */
function parse(id: string, raw: string, args: Record<string, unknown> = {}): Example | string {
  const text = templated(raw, id)
  if (SKIP_COMMANDS[id]) return SKIP_COMMANDS[id]!
  if (SKIP_EXAMPLES[text]) return SKIP_EXAMPLES[text]!
  if (text.includes('$(')) return 'command substitution $(…): needs a shell'
  let line = text
  let stdin: string | undefined
  const pipe = line.indexOf(' | ')
  if (pipe !== -1) {
    const left = line.slice(0, pipe).trim()
    const right = line.slice(pipe + 3).trim()
    if (left.startsWith('close ')) line = left
    else {
      const producer = words(left)
      // `echo '{…}' | close …`: the echoed words are stdin; any other producer stands for pasted text.
      stdin = producer[0] === 'echo' ? producer.slice(1).join(' ') : 'Pasted from the clipboard: call notes.'
      line = right
    }
  }

  line = line.replace(/\s>\s*\S+$/, '')
  const argv = words(line)
  if (argv[0] !== 'close') return `does not start with close: ${text}`
  argv.shift()
  const idWords = id.split(':').length
  if (
    argv.length === idWords && // `close opps create` alone asks for everything; a list or a status alone runs fine.
    (/:(create|update|use)$/.test(id) || id === 'connections:use')
  )
    return INTERACTIVE
  // `close tasks done` alone offers a picker of my open tasks (a terminal); off one it exits 2.
  if (id === 'tasks:done' && argv.length === idWords) return 'interactive only: picks from my open tasks (a terminal)'

  // notes create/update without the text (no positional after the flags) open an editor.
  const positionals = argv
    .slice(idWords)
    .filter((w, i, all) => (w === '-' || !w.startsWith('-')) && !all[i - 1]?.startsWith('--'))
  if (/^notes:(create|update)$/.test(id) && !argv.includes('--file') && positionals.length < Object.keys(args).length)
    return 'interactive only: opens an editor for the note text'

  // A delete without --yes asks first; off a terminal it refuses (exit 2), as it should.
  if (id.endsWith(':delete') && !argv.includes('--yes')) return 'interactive only: asks before deleting'

  if (!argv.includes('--sandbox')) argv.push('--sandbox')
  return {argv, id, stdin, text}
}

const LEAD = 'lead_XZW0eDJ67uXvO0FeALnXUV' // Aurio Components in the seed

function writeFixtures(dir: string): void {
  writeFileSync(join(dir, 'note.json'), JSON.stringify({lead_id: LEAD, note: 'Called Charles: wants a quote.'}))
  writeFileSync(join(dir, 'meeting-notes.md'), 'Met Charles Anderson.\n\n- wants a quote by Friday\n')
  writeFileSync(join(dir, 'notes.md'), 'Quote sent to Charles.\n')
  writeFileSync(
    join(dir, 'query.json'),
    JSON.stringify({_limit: 5, query: {queries: [{object_type: 'lead', type: 'object_type'}], type: 'and'}}),
  )
}

describe('help examples run against the sandbox (issue 13 item 5)', function () {
  this.timeout(60_000)
  const examples: Array<Example | {id: string; reason: string; text: string}> = []

  before(async () => {
    const config = await loadConfig()
    const aliases = new Set(config.commands.flatMap((c) => c.aliases ?? []))
    for (const command of config.commands as Command.Loadable[]) {
      if (aliases.has(command.id)) continue // the same examples as the command it stands for
      // The class itself (src/ through tsx), not a manifest that may predate the source.

      const loaded = await command.load()
      for (const example of loaded.examples ?? []) {
        const raw = typeof example === 'string' ? example : example.command
        const parsed = parse(command.id, raw, loaded.args)
        examples.push(typeof parsed === 'string' ? {id: command.id, reason: parsed, text: raw} : parsed)
      }
    }
  })

  it('finds examples on the commands', () => {
    expect(examples.filter((e) => 'argv' in e).length).to.be.greaterThan(50)
  })

  it('runs every example (exit 0)', async () => {
    const failures: string[] = []
    for (const example of examples) {
      if (!('argv' in example)) continue
      const home = new CommandHome()
      try {
        writeFixtures(home.dir)

        const r = await home.runWith(example.argv, {stdin: example.stdin})
        if (r.exitCode !== 0) {
          const why = r.stderr.trim().split('\n').slice(0, 2).join(' | ')
          failures.push(`${example.text}\n    → exit ${r.exitCode}: ${why}`)
        }
      } finally {
        home.remove()
      }
    }

    expect(failures, `examples that fail:\n${failures.join('\n')}`).to.deep.equal([])
  })
})
