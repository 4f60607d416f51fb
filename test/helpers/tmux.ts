/**
 * Real-terminal tests: run `node bin/run.js …` inside a detached tmux session of a fixed size, on a
 * private tmux server (its own socket, no user config), with the isolated HOME of a TestHome. Keys
 * go in with `send-keys`; what the user sees comes back with `capture-pane -p`, polled until the
 * expected text appears (or a timeout fails the test with the screen in the message).
 *
 * A suite starts with `before(function () { requireTmux(this) })`: without tmux it is skipped, but
 * under CI (`CI` set and not `false`/`0`) the run fails instead (design §11).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {RUN, type TestHome} from './cli.js'
import {CODE_ROOT, COMPILED, MODULE_EXT} from './root.js'

let counter = 0

/** Whether a usable tmux is on PATH. */
export function tmuxAvailable(): boolean {
  const result = spawnSync('tmux', ['-V'], {encoding: 'utf8'})
  return result.status === 0
}

/** Skip the suite when tmux is missing; under CI, fail it. */
export function requireTmux(context: {skip(): void}): void {
  if (tmuxAvailable()) return
  const ci = process.env.CI
  if (ci && ci !== 'false' && ci !== '0') {
    throw new Error('tmux is not installed: the real-terminal tests cannot run, and under CI they must (install tmux)')
  }

  console.warn('    tmux is not installed: skipping the real-terminal tests')
  context.skip() // eslint-disable-line mocha/no-skipped-tests -- tmux is optional off CI
}

export interface TerminalOptions {
  env?: Record<string, string | undefined>
  height?: number
  width?: number
}

export class Terminal {
  private readonly session: string
  private readonly socket: string

  constructor(private readonly home: TestHome) {
    counter++
    this.socket = `close-test-${process.pid}-${counter}`
    this.session = 'close'
  }

  private get exitFile(): string {
    return join(this.home.dir, `exit-${this.socket}`)
  }

  /**
   * The exit code once the command has ended, else undefined. The wrapper shell writes it to a file:
   * tmux 3.3 sometimes marks a pane dead without ever recording `pane_dead_status`.
   */
  exitCode(): number | undefined {
    if (!existsSync(this.exitFile)) return undefined
    const text = readFileSync(this.exitFile, 'utf8').trim()
    return /^\d+$/.test(text) ? Number(text) : undefined
  }

  /** Stop the session and its tmux server. */
  kill(): void {
    this.tmux(['kill-server'])
  }

  /** Make the pane `width` columns wide (its process gets SIGWINCH). */
  resize(width: number): void {
    const result = this.tmux(['resize-window', '-t', this.session, '-x', String(width)])
    if (result.status !== 0) throw new Error(`tmux resize-window failed: ${result.stderr}`)
  }

  /**
   * What the terminal shows, with what scrolled off the top (tmux scrolls the screen by one line to
   * write its "Pane is dead" note when the command ends); that note and trailing blank lines removed.
   * `joined`: wrapped lines joined back (-J), to check that nothing was wider than the pane.
   */
  screen(options: {joined?: boolean} = {}): string {
    // joined: a line the terminal wrapped comes back as the one long line it was (-J).
    const join = options.joined ? ['-J'] : []
    const text = this.tmux(['capture-pane', '-p', ...join, '-S', '-', '-t', this.session]).stdout
    return text
      .split('\n')
      .filter((line) => !line.startsWith('Pane is dead'))
      .join('\n')
      .replace(/\s+$/, '\n')
  }

  /** Press keys by tmux name: `Enter`, `Down`, `C-c`… */
  send(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.session, ...keys])
  }

  /** Start `close ARGS…` in a fresh terminal of the given size. */
  start(args: string[], options: TerminalOptions = {}): void {
    this.launch([process.execPath, RUN, ...args], options)
  }

  /**
   * Run a series of `close` commands in one fresh terminal, in one process with Membrane answered
   * in-process (helpers/pane-cli.ts): for tests of what the screen shows, not of spawning. Each
   * command's output ends with a line `::exit N`. A number N in the series makes it wait, after a
   * line `::width N`, until the pane is N columns wide (resize).
   */
  startSeries(commands: Array<number | string[]>, options: TerminalOptions = {}): void {
    // Through tsx when the tests run from source (named by URL: the pane's cwd is the test home).
    const loader = COMPILED ? [] : ['--import', import.meta.resolve('tsx')]
    const harness = join(CODE_ROOT, 'test', 'helpers', `pane-cli${MODULE_EXT}`)
    this.launch([process.execPath, ...loader, harness, ...commands.map((argv) => JSON.stringify(argv))], options)
  }

  /** Type text literally. */
  type(text: string): void {
    this.tmux(['send-keys', '-t', this.session, '-l', text])
  }

  /** Poll the screen until it contains `expected`; returns the screen. */
  async waitFor(expected: RegExp | string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) return screen
      if (Date.now() > deadline || this.exitCode() !== undefined) {
        // One last look: the text may have arrived with the exit.
        const last = this.screen()
        if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last
        throw new Error(`the screen never showed ${String(expected)}. Screen:\n${last}`)
      }

      await pause(100)
    }
  }

  /** Poll until the command ends; returns its exit code. */
  async waitForExit(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const code = this.exitCode()
      if (code !== undefined) return code
      if (Date.now() > deadline)
        throw new Error(`the command did not end within ${timeoutMs} ms. Screen:\n${this.screen()}`)

      await pause(100)
    }
  }

  private launch(command: string[], options: TerminalOptions): void {
    const conf = join(this.home.dir, `tmux-${this.socket}.conf`)
    writeFileSync(conf, 'set -g remain-on-exit on\nset -g status off\nset -g history-limit 5000\n')
    const env = this.home.env({CLOSE_TEST_EXIT_FILE: this.exitFile, TERM: 'xterm-256color', ...options.env})
    const result = spawnSync(
      'tmux',
      [
        '-L',
        this.socket,
        '-f',
        conf,
        'new-session',
        '-d',
        '-s',
        this.session,
        '-x',
        String(options.width ?? 100),
        '-y',
        String(options.height ?? 30),
        '-c',
        this.home.dir,
        // A shell records the exit code (its INT trap only lets it outlive a Ctrl-C; node gets the default).
        'sh',
        '-c',
        'trap : INT; "$@"; echo $? > "$CLOSE_TEST_EXIT_FILE"',
        'sh',
        ...command,
      ],
      {encoding: 'utf8', env},
    )
    if (result.status !== 0) throw new Error(`tmux new-session failed: ${result.stderr}`)
  }

  private tmux(args: string[]): {status: null | number; stderr: string; stdout: string} {
    const result = spawnSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'})
    return {status: result.status, stderr: result.stderr ?? '', stdout: result.stdout ?? ''}
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[\d;?]*[A-Za-z]/g

/** What one command of a series showed: its exit code and its lines (wrapped ones joined, no colour codes). */
export interface SeriesView {
  argv: string[]
  exitCode: number
  lines: string[]
}

/**
 * Run `commands` one after another at each of `widths` in turn, in one fresh terminal and one
 * process (Terminal.startSeries), the pane resized between widths; return what each showed, by
 * width, in order. Fails with the screen when the series does not finish or an output is missing.
 */
export async function showSeries(
  home: TestHome,
  commands: string[][],
  widths: number[],
  options: Omit<TerminalOptions, 'width'> = {},
): Promise<SeriesView[][]> {
  const t = new Terminal(home)
  try {
    t.startSeries(
      widths.flatMap((width, i) => (i === 0 ? commands : [width, ...commands])),
      {...options, width: widths[0]},
    )
    for (const width of widths.slice(1)) {
      await t.waitFor(`::width ${width}\n`, 60_000)
      t.resize(width)
    }

    const code = await t.waitForExit(60_000)
    const screen = t.screen({joined: true})
    if (code !== 0) throw new Error(`the series exited ${code}. Screen:\n${screen}`)
    const views: SeriesView[] = []
    let lines: string[] = []
    for (const raw of screen.split('\n')) {
      const line = raw.replaceAll(ANSI, '').trimEnd()
      if (/^::width \d+$/.test(line)) continue
      const exit = /^::exit (\d+)$/.exec(line)
      if (!exit) {
        lines.push(line)
        continue
      }

      views.push({argv: commands[views.length % commands.length], exitCode: Number(exit[1]), lines})
      lines = []
    }

    if (views.length !== commands.length * widths.length)
      throw new Error(`${views.length} of ${commands.length * widths.length} ran. Screen:\n${screen}`)
    return widths.map((_, i) => views.slice(i * commands.length, (i + 1) * commands.length))
  } finally {
    t.kill()
  }
}
