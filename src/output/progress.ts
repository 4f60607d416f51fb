/**
 * Progress on stderr (design §6, issue 13 item 2): a spinner naming what a wait is for, shown only
 * once the wait has lasted ~300 ms; a running count while paging (`Fetched 4,200 of 20,000
 * leads`); a countdown during rate-limit waits (`Rate limited by Close; retrying in 42 s`).
 *
 * Hand-written and dependency-free (no start-up cost): one line, redrawn with CR and erase-line,
 * never wider than the terminal, the label made terminal-safe. When disabled (stderr not a TTY,
 * `--json`, CLOSE_NO_PROGRESS…; see `progressEnabled`) every method does nothing. Anything else
 * written to stderr must go through `clear()` first (or `write()`), so a message never lands on the
 * end of a spinner line; the spinner redraws itself on its next tick.
 *
 * Time comes in through `now`/`setInterval`/`clearInterval`, so tests drive it without waiting.
 */
import {sanitize} from './sanitize.js'
import {truncate} from './width.js'

export interface ProgressStream {
  columns?: number
  write(text: string): unknown
}

export interface ProgressOptions {
  clearInterval?: (handle: unknown) => void
  /** Nothing is drawn until a wait has lasted this long (default 300 ms); countdowns show at once. */
  delayMs?: number
  /** False → every method is a no-op (use progressEnabled). */
  enabled: boolean
  /** Frame interval (default 80 ms). */
  intervalMs?: number
  now?: () => number
  setInterval?: (callback: () => void, ms: number) => unknown
  stream: ProgressStream
}

export interface Progress {
  /** Erase the progress line now (before other stderr output); it comes back on the next tick. */
  clear(): void
  /** Show `label in N s`, counting down to zero, at once. */
  countdown(ms: number, label: string): void
  /** True while a spinner, count or countdown is running. */
  readonly running: boolean
  /** Start a spinner for `label` (drawn once it has run for `delayMs`). Restarting is fine. */
  start(label: string): void
  /** Stop and erase the line. Safe to call when not running. */
  stop(): void
  /** Change the label (e.g. the running count); shown at once if the spinner is already visible. */
  update(label: string): void
  /** Write other stderr text: clears the progress line first; the line is redrawn on the next tick. */
  write(text: string): void
}

export const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const ERASE_LINE = '\r\u001B[2K'

/**
 * Whether progress may be shown: stderr is a terminal, not `--json` (nor a JSON output format),
 * and neither CLOSE_NO_PROGRESS nor CI is set, and TERM is not `dumb`.
 */
export function progressEnabled(options: {
  env?: NodeJS.ProcessEnv
  isTTY: boolean | undefined
  json?: boolean
}): boolean {
  const env = options.env ?? {}
  if (!options.isTTY || options.json) return false
  if (env.TERM === 'dumb') return false
  if (env.CLOSE_NO_PROGRESS && env.CLOSE_NO_PROGRESS !== '0') return false
  return !(env.CI && env.CI !== '0' && env.CI !== 'false')
}

function n(x: number): string {
  // Not Intl.NumberFormat: creating one costs ~15 ms of ICU start-up on every paged run.
  const [whole, fraction] = String(x).split('.')
  const grouped = whole.replaceAll(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/** `Fetched 4,200 of 20,000 leads` (or `Fetched 4,200 leads` when the total is unknown). */
export function fetchedLabel(count: number, plural: string, total?: number): string {
  return total === undefined ? `Fetched ${n(count)} ${plural}` : `Fetched ${n(count)} of ${n(total)} ${plural}`
}

const NOOP: Progress = {
  clear() {},
  countdown() {},
  running: false,
  start() {},
  stop() {},
  update() {},
  write() {},
}

export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) {
    return {
      ...NOOP,
      write(text) {
        options.stream.write(text)
      },
    }
  }

  const {stream} = options
  const now = options.now ?? Date.now
  const every = options.setInterval ?? ((callback: () => void, ms: number) => setInterval(callback, ms).unref())
  const cancel = options.clearInterval ?? ((handle: unknown) => clearInterval(handle as NodeJS.Timeout))
  const delayMs = options.delayMs ?? 300
  const intervalMs = options.intervalMs ?? 80

  let timer: unknown
  let label = ''
  let startedAt = 0
  let deadline: number | undefined
  let frame = 0
  let drawn = false

  const text = (): string => {
    if (deadline === undefined) return `${FRAMES[frame % FRAMES.length]} ${label}`
    const seconds = Math.max(0, Math.ceil((deadline - now()) / 1000))
    return `${FRAMES[frame % FRAMES.length]} ${label} in ${seconds} s`
  }

  const draw = () => {
    const width = Math.max(10, (stream.columns ?? 80) - 1)
    stream.write(`${ERASE_LINE}${truncate(text(), width)}`)
    drawn = true
  }

  const tick = () => {
    frame++
    if (deadline !== undefined || now() - startedAt >= delayMs) draw()
  }

  const ensureTimer = () => {
    timer ??= every(tick, intervalMs)
  }

  const clear = () => {
    if (drawn) stream.write(ERASE_LINE)
    drawn = false
  }

  return {
    clear,
    countdown(ms, newLabel) {
      label = sanitize(newLabel)
      startedAt = now()
      deadline = startedAt + Math.max(0, ms)
      ensureTimer()
      draw()
    },
    get running() {
      return timer !== undefined
    },
    start(newLabel) {
      label = sanitize(newLabel)
      deadline = undefined
      if (timer === undefined) startedAt = now()
      ensureTimer()
      if (drawn) draw()
    },
    stop() {
      if (timer !== undefined) cancel(timer)
      timer = undefined
      deadline = undefined
      clear()
    },
    update(newLabel) {
      label = sanitize(newLabel)
      deadline = undefined
      if (timer === undefined) {
        startedAt = now()
        ensureTimer()
      }

      if (drawn) draw()
    },
    write(output) {
      clear()
      stream.write(output)
    },
  }
}

/**
 * What a Membrane process is waiting for, from its argv: `Waiting for Close: GET /lead/`, `Waiting
 * for Membrane: action run`. Never shows input values (they may hold personal data).
 */
export function waitLabel(args: string[]): string {
  const [first, second] = args
  if (first === 'request') {
    const method = args.find((a) => a.startsWith('--method='))?.slice('--method='.length) ?? 'GET'
    return `Waiting for Close: ${method.toUpperCase()} ${pathOnly(args[2] ?? '')}`
  }

  if (first === 'act') {
    const api = args.find((a) => a.startsWith('--api='))
    if (api) {
      try {
        const spec = JSON.parse(api.slice('--api='.length)) as {method?: string; path?: string}
        return `Waiting for Close: ${(spec.method ?? 'GET').toUpperCase()} ${pathOnly(spec.path ?? '')}`
      } catch {
        // fall through
      }
    }

    return 'Waiting for Membrane: running an action'
  }

  if (first === 'action' && second === 'run') return 'Waiting for Membrane: running an action'
  return `Waiting for Membrane: ${[first, second].filter((a) => a && !a.startsWith('-')).join(' ')}`
}

function pathOnly(path: string): string {
  return path.split('?')[0] ?? ''
}

/**
 * The gateway's hooks over one Progress: each Membrane call gets a spinner naming it unless
 * something else (a list's running count) already shows; a retry wait shows a countdown, and the
 * call that follows takes the line back.
 */
export function waitHooks(progress: Progress): {
  onCall(args: string[]): (() => void) | void
  onWait(ms: number, reason: string): void
} {
  let mine = false
  return {
    onCall(args) {
      if (progress.running && !mine) return
      mine = true
      progress.start(waitLabel(args))
      return () => {
        if (!mine) return
        mine = false
        progress.stop()
      }
    },
    onWait(ms, reason) {
      const before = progress.running
      progress.countdown(ms, `${reason.replace(/\.$/, '')}; retrying`)
      if (!before) mine = true
    },
  }
}
