/**
 * The interactive paths of opps, tasks and notes in a real terminal (design §11): tmux runs the
 * built CLI against the sandbox, keys are sent, and the screen is read back. Guided creation asks
 * only for what Close requires (the lead with the search picker, a value asked again until it reads
 * as money); `tasks done` offers a multi-select of the inbox; a delete asks first and keeps the
 * record on "no"; a note without text opens $EDITOR. Skipped where tmux is not installed (fails under CI).
 * Needs a build: `npm run build`.
 */
import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {RUN, TestHome} from '../helpers/cli.js'
import {requireTmux} from '../helpers/tmux.js'

/** One tmux server of our own (its own socket), one window running one command. */
class Terminal {
  private readonly socket = `close-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`

  constructor(
    private readonly home: TestHome,
    private readonly env: Record<string, string> = {},
  ) {}

  close(): void {
    try {
      this.tmux('kill-server')
    } catch {
      // already gone
    }
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'cli', ...keys)
  }

  /** Start `close ARGS… --sandbox`; the window stays open after it exits, showing `[exit N]`. */
  start(args: string[]): void {
    const env = Object.entries(this.home.env({TERM: 'xterm-256color', ...this.env}))
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => `${key}=${shellQuote(value)}`)
    const command = [process.execPath, RUN, ...args, '--sandbox'].map((arg) => shellQuote(arg)).join(' ')
    const script = `cd ${shellQuote(this.home.dir)} && env -i ${env.join(' ')} ${command}; echo "[exit $?]"; sleep 600`
    this.tmux('new-session', '-d', '-s', 'cli', '-x', '200', '-y', '50', script)
  }

  text(): string {
    return this.tmux('capture-pane', '-p', '-t', 'cli', '-S', '-200')
  }

  /** Wait until the screen shows `wanted` (polling; fails with the screen after `ms`). */
  async waitFor(wanted: RegExp | string, ms = 30_000): Promise<string> {
    const deadline = Date.now() + ms
    for (;;) {
      const screen = this.text()
      if (typeof wanted === 'string' ? screen.includes(wanted) : wanted.test(screen)) return screen
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(wanted)}; the screen:\n${screen}`)

      await new Promise((resolve) => {
        setTimeout(resolve, 100)
      })
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'})
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

describe('tmux: opps, tasks and notes on a terminal (tmux, sandbox)', () => {
  const home = new TestHome()
  const terminals: Terminal[] = []
  let leadId: string

  function terminal(env: Record<string, string> = {}): Terminal {
    const t = new Terminal(home, env)
    terminals.push(t)
    return t
  }

  before(async function () {
    requireTmux(this)
    const leads = await home.runHere(['leads', 'list', '--limit', '1', '--json', '--sandbox'])
    expect(leads.exitCode, leads.stderr).to.equal(0)
    leadId = (JSON.parse(leads.stdout) as Array<{id: string}>)[0].id
  })

  afterEach(() => {
    for (const t of terminals.splice(0)) t.close()
  })

  after(() => home.remove())

  it('opps create asks only for the lead (search picker) and the value; a wrong value is asked again, the lead kept', async () => {
    const t = terminal()
    t.start(['opps', 'create'])
    await t.waitFor('Lead (type to search):')
    t.keys('Aurio')
    await t.waitFor('auriocomponents.com')
    t.keys('Enter')
    await t.waitFor('Value (12000, 12k, $12,000.50):')
    t.keys('1,2,3', 'Enter')
    await t.waitFor('commas must group the digits in threes')
    t.keys('BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', '12k', 'Enter')
    const screen = await t.waitFor('[exit 0]')
    expect(screen).to.contain('✔ Lead (type to search): Aurio Components')
    expect(screen).to.not.contain('Paid:')
    expect(screen).to.not.contain('Confidence %')
    expect(screen).to.match(/Status\s+Demo Scheduled/)
    expect(screen).to.match(/Value\s+\$12,000/)
    expect(screen).to.match(/Lead\s+Aurio Components/)
  })

  it('tasks done without IDs: a multi-select of my inbox; nothing ticked is asked again', async () => {
    const created = await home.runHere(
      ['tasks', 'create', '--lead', leadId, '--text', 'Tick me in tmux', '--due', '2000-01-03', '--json', '--sandbox'],
      {},
    )
    expect(created.exitCode, created.stderr).to.equal(0)
    const {id} = JSON.parse(created.stdout) as {id: string}
    const t = terminal()
    t.start(['tasks', 'done', '-o', 'tsv', '--fields', 'id,is_complete'])
    await t.waitFor('Which tasks are done?')
    await t.waitFor('Tick me in tmux')
    t.keys('Enter')
    await t.waitFor('Tick at least one (space), then press enter.')
    t.keys('Space', 'Enter')
    const screen = await t.waitFor('[exit 0]')
    expect(screen).to.contain('Completed 1 task.')
    const ticked = /(task_\w+)\s+true/.exec(screen)![1]
    const after = await home.runHere(['tasks', 'get', ticked, '--json', '--sandbox'])
    expect(JSON.parse(after.stdout)).to.include({is_complete: true})
    const mine = await home.runHere(['tasks', 'get', id, '--json', '--sandbox'])
    expect(JSON.parse(mine.stdout)).to.include({is_complete: ticked === id})
  })

  it('opps delete asks first; "no" keeps the opportunity', async () => {
    const created = await home.runHere(
      ['opps', 'create', '--lead', leadId, '--value', '500', '--status', 'Won', '--json', '--sandbox'],
      {},
    )
    expect(created.exitCode, created.stderr).to.equal(0)
    const {id} = JSON.parse(created.stdout) as {id: string}
    const t = terminal()
    t.start(['opps', 'delete', id])
    await t.waitFor(`(${id})? This cannot be undone.`)
    t.keys('n', 'Enter')
    const screen = await t.waitFor('[exit 2]')
    expect(screen).to.contain('Nothing deleted: kept opportunity')
    const still = await home.runHere(['opps', 'get', id, '--json', '--sandbox'])
    expect(still.exitCode, still.stderr).to.equal(0)
  })

  it('tasks create asks only for the text: due today and assigned to me are defaults, not questions', async () => {
    const t = terminal()
    t.start(['tasks', 'create', '--lead', leadId, '-o', 'tsv', '--fields', 'text,is_complete'])
    await t.waitFor('What needs doing?')
    t.keys('Enter')
    await t.waitFor('You must provide a value')
    t.keys('Call Dana back', 'Enter')
    const screen = await t.waitFor('[exit 0]')
    expect(screen).to.match(/Call Dana back\s+false/)
    expect(screen).to.not.contain('Assign to:')
  })

  it('notes create without text opens $EDITOR and logs what was saved', async () => {
    const editor = join(home.dir, 'editor.sh')
    writeFileSync(editor, '#!/bin/sh\nprintf "Typed in the editor\\nsecond line\\n" > "$1"\n')
    chmodSync(editor, 0o755)
    const t = terminal({EDITOR: editor, VISUAL: editor})
    t.start(['notes', 'create', '--lead', leadId, '-o', 'tsv', '--fields', 'note'])
    const screen = await t.waitFor('[exit 0]')
    expect(screen).to.contain('Typed in the editor second line')
  })
})
