/**
 * The one place in the CLI that spawns a process (design §4). Runs the Membrane executable with an
 * argv array (never a shell), stdin not a TTY, a timeout and cancellation; finds the JSON value in
 * stdout even with notices around it; turns every failure into a typed error (./errors.ts).
 *
 * Children are started with `node:child_process` (startChild): execa costs about as much to import
 * as Node itself takes to start, and a list command spawns one child per page, so its import was the
 * largest part of the CLI's own time (BENCHMARKS.md). startChild keeps what the gateway used from
 * execa: the environment merged over process.env, stdin ignored, output decoded as UTF-8 and kept
 * whole up to 100,000,000 characters per stream (past that the child is stopped), a timeout and
 * cancellation that send SIGTERM and then SIGKILL after `killGraceMs`, the child killed if this
 * process exits first, and spawn failures (ENOENT, EACCES) reported by code. On Windows, where npm
 * installs `membrane` as a `.cmd` shim that only execa (cross-spawn) starts without a shell, execa
 * is still used.
 */
import type {ChildProcess} from 'node:child_process'
import type {Readable} from 'node:stream'

import {type CliError, InterruptedError, RateLimitError} from '../errors.js'
import {backoffMs, badOutputError, classifyOutcome, type Failure, missingBinaryError, timeoutError} from './errors.js'
import {type Extracted, extractJson, stripAnsi} from './parse-output.js'

export interface GatewayOptions {
  /** Extra argv placed before the caller's (unused for the real binary). */
  binArgs?: string[]
  /** Path or name of the executable: `CLOSE_MEMBRANE_BIN`, default `membrane`; the sandbox's bin for `--sandbox`. */
  binPath: string
  /** Receives one line per call when `--debug` is on (argv with input values redacted, duration, exit code). */
  debug?: (line: string) => void
  /** Extra environment for the child (merged over process.env). */
  env?: Record<string, string>
  /** After SIGTERM (timeout, abort), how long the child gets before SIGKILL. Default 2000 ms. */
  killGraceMs?: number
  /** How many times a retryable call is retried on 429/5xx. Default 4. */
  maxRetries?: number
  /** Aborted on Ctrl-C: the child is killed and the call rejects with InterruptedError. */
  signal?: AbortSignal
  /** Sleep used between retries (stubbed in tests). */
  sleep?: (ms: number) => Promise<void>
  /** How children are started: `node` (node:child_process) everywhere but Windows, `execa` there. */
  spawner?: 'execa' | 'node'
  /** `CLOSE_MEMBRANE_TIMEOUT_MS`, default 60000. */
  timeoutMs: number
}

export interface CallOptions {
  /**
   * stdout is Close's response (`membrane request`): a wrapped `{status, headers, data|body}` with
   * status ≥ 400, or a raw body with `HTTP <status>` on stderr, is a Close failure; an empty stdout
   * on a zero exit is a null body instead of `bad_output`.
   */
  proxy?: boolean
  /** Retry on 429/5xx with backoff honouring retry-after. Only for reads and idempotent updates. */
  retry?: boolean
  /** Override the gateway timeout for this call (login waits). */
  timeoutMs?: number
  /**
   * text() only: once stdout+stderr match, give the child `untilGraceMs` (default 1000) to exit on
   * its own, then stop it and return what it printed (a login that waits after printing its URL).
   */
  until?: RegExp
  untilGraceMs?: number
}

export interface TextResult {
  durationMs: number
  exitCode: number
  stderr: string
  stdout: string
}

/** A finished call that did not fail: its output and the JSON value found in stdout, if any. */
export interface RunResult extends TextResult {
  json: Extracted
}

/** Redact what may hold user data or secrets in a debug line: input values, bodies, the login code, auth headers. */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const inline = /^(--input|--data|-d|--rawData|--meta)=/.exec(arg)
    if (inline) {
      out.push(`${inline[1]}=<redacted>`)
    } else if (['--data', '--input', '--meta', '--rawData', '-d'].includes(arg) && i + 1 < args.length) {
      out.push(arg, '<redacted>')
      i++
    } else if (/^-d./.test(arg)) {
      out.push('-d<redacted>')
    } else if (/^(--header|-H)=(authorization|cookie|x-api-key|api-key)\s*:/i.test(arg)) {
      out.push(`${arg.slice(0, arg.indexOf(':') + 1)} <redacted>`)
    } else if (args[0] === 'login' && args[1] === 'complete' && i === 2) {
      out.push('<redacted>')
    } else {
      out.push(arg)
    }
  }

  return out
}

function quote(arg: string): string {
  return /^[\w@%+=:,./<>-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", String.raw`'\''`)}'`
}

const defaultSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  const {setTimeout: wait} = await import('node:timers/promises')
  await wait(ms, undefined, {signal})
}

/** What settle() reads of a finished child. */
interface Finished {
  code?: string
  durationMs: number
  exitCode?: number
  isCanceled: boolean
  isMaxBuffer: boolean
  /** `until` matched, and the child was stopped on purpose. */
  matched: boolean
  signal?: string
  stderr: string
  stdout: string
  timedOut: boolean
  timeoutMs: number
}

/** Longest server-requested wait we sit through; longer ones fail at once with the wait named. */
const MAX_SERVER_WAIT_MS = 60_000

export class MembraneGateway {
  constructor(readonly options: GatewayOptions) {}

  /**
   * Run membrane and return the JSON value it printed on stdout. Rejects with a typed CliError on a
   * missing binary (AuthError exit 4 naming `npm install -g @membranehq/cli` and `--sandbox`), timeout,
   * non-zero exit, a zero exit whose JSON is an error, non-JSON output, not authenticated, rate limits
   * after retries, Close errors passed through (field errors → exit 3, 404 → exit 5).
   */
  async json(args: string[], options: CallOptions = {}): Promise<unknown> {
    const result = await this.run(args, options)
    if (result.json.found) return result.json.value
    if (options.proxy && stripAnsi(result.stdout).trim() === '') return null
    throw badOutputError(result.stdout, result.stderr)
  }

  /**
   * Run membrane and classify the outcome like json() (failures throw typed errors, retries apply),
   * but a zero exit without JSON is fine: for commands whose output is text (logout, login complete).
   */
  async run(args: string[], options: CallOptions = {}): Promise<RunResult> {
    const maxRetries = options.retry ? (this.options.maxRetries ?? 4) : 0
    for (let attempt = 0; ; attempt++) {
      const result = await this.spawn(args, options)
      const json = extractJson(result.stdout)
      const failure = classifyOutcome({...result, args, json, proxy: options.proxy})
      if (!failure) return {...result, json}
      const wait = this.retryDelay(failure, attempt, maxRetries)
      if (wait === undefined) throw this.finalError(failure, attempt)
      this.options.debug?.(`retry ${attempt + 1}/${maxRetries} after ${wait} ms`)

      await this.sleep(wait)
    }
  }

  /** Run membrane and return its raw output without interpreting it (login URL capture, --version). */
  async text(args: string[], options: CallOptions = {}): Promise<TextResult> {
    return this.spawn(args, options)
  }

  private finalError(failure: Failure, attempt: number): CliError {
    const {error} = failure
    if (attempt > 0) {
      error.message = `${error.message.replace(/\.$/, '')} (gave up after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}).`
    } else if (error instanceof RateLimitError && (failure.retryAfterMs ?? 0) > MAX_SERVER_WAIT_MS) {
      error.message = `${error.message.replace(/\.$/, '')} (retry in ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s).`
    }

    return error
  }

  /** Wait before the next attempt, or undefined when this failure is final. */
  private retryDelay(failure: Failure, attempt: number, maxRetries: number): number | undefined {
    if (!failure.retryable || attempt >= maxRetries) return undefined
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > MAX_SERVER_WAIT_MS) return undefined
    return backoffMs(attempt + 1, failure.retryAfterMs)
  }

  /** What a finished process means before its output is read: ENOENT, abort, timeout → typed errors; debug line. */
  private settle(args: string[], finished: Finished): TextResult {
    const {durationMs, exitCode, stderr, stdout} = finished
    const log = (outcome: string): void =>
      this.options.debug?.(
        `membrane ${redactArgs(args)
          .map((arg) => quote(arg))
          .join(' ')} → ${outcome} in ${durationMs} ms`,
      )

    if (finished.code === 'ENOENT' || finished.code === 'EACCES') {
      log(`not found (${finished.code})`)
      throw missingBinaryError(this.options.binPath, finished.code)
    }

    if (finished.isCanceled || (this.options.signal?.aborted && exitCode === undefined)) {
      log('interrupted')
      throw new InterruptedError()
    }

    if (finished.matched) {
      log('stopped after its output matched')
      return {durationMs, exitCode: exitCode ?? 0, stderr, stdout}
    }

    if (finished.timedOut) {
      log('timed out')
      throw timeoutError(finished.timeoutMs)
    }

    if (exitCode === undefined) {
      const why = finished.isMaxBuffer
        ? 'stopped: its output was too large'
        : finished.signal
          ? `killed by ${finished.signal}`
          : 'unable to start'
      log(why)
      return {durationMs, exitCode: 128, stderr: stderr || `membrane was ${why}`, stdout}
    }

    log(`exit ${exitCode}`)
    return {durationMs, exitCode, stderr, stdout}
  }

  private async sleep(ms: number): Promise<void> {
    const {signal} = this.options
    if (signal?.aborted) throw new InterruptedError()
    try {
      await (this.options.sleep ? this.options.sleep(ms) : defaultSleep(ms, signal))
    } catch (error) {
      if (signal?.aborted) throw new InterruptedError()
      throw error
    }

    if (signal?.aborted) throw new InterruptedError()
  }

  /** One process: spawn, wait, map ENOENT/timeout/abort to typed errors, log the debug line. */
  private async spawn(args: string[], options: CallOptions): Promise<TextResult> {
    const {binArgs = [], binPath, signal} = this.options
    if (signal?.aborted) throw new InterruptedError()
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs
    const spec: ChildSpec = {
      args: [...binArgs, ...args],
      env: {...this.options.env, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1'},
      file: binPath,
      killGraceMs: this.options.killGraceMs ?? 2000,
      signal,
      timeoutMs: Math.max(timeoutMs, 0),
    }
    await tuneHeapForPaging()
    const spawner = this.options.spawner ?? (process.platform === 'win32' ? 'execa' : 'node')
    const child = spawner === 'execa' ? await startWithExeca(spec) : await startChild(spec)
    const stopped = options.until ? this.watch(child, options.until, options.untilGraceMs ?? 1000) : undefined
    const result = await child.finished
    stopped?.cancel()
    return this.settle(args, {...result, matched: stopped?.matched() ?? false, timeoutMs})
  }

  /** Stop the child a moment after its output matches `pattern`. */
  private watch(child: Child, pattern: RegExp, graceMs: number): {cancel: () => void; matched: () => boolean} {
    let seen = ''
    let matched = false
    let timer: NodeJS.Timeout | undefined
    child.onOutput((chunk) => {
      if (matched) return
      seen += chunk
      if (pattern.test(stripAnsi(seen))) {
        matched = true
        timer = setTimeout(() => child.stop(), graceMs)
      }
    })
    return {
      cancel() {
        if (timer) clearTimeout(timer)
      },
      matched: () => matched,
    }
  }
}

let heapTuned = false

/**
 * Keep this process's heap near its start-up size while pages stream (BENCHMARKS.md, flat memory).
 * V8's defaults suit long-running servers: the young generation grows to two 16 MB semi-spaces and
 * the old generation may fill to several times its live size between full collections, so the peak
 * RSS of an `--all` export kept rising with the number of pages (+15–25 MB from 2,000 to 20,000
 * leads) although only one page is ever alive. A CLI that waits on one child per page gains nothing
 * from that headroom: the young generation stops growing and the old one may grow by half its live
 * size. V8 reads both flags at each collection, so setting them now works; flags the user set
 * through NODE_OPTIONS or node's own arguments win.
 */
async function tuneHeapForPaging(): Promise<void> {
  if (heapTuned) return
  heapTuned = true
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.replaceAll('_', '-')
  const flags: string[] = []
  if (!/--(max-semi-space-size|min-semi-space-size|semi-space-growth-factor)/.test(given)) {
    flags.push('--semi-space-growth-factor=1')
  }

  if (!given.includes('--heap-growing-percent')) flags.push('--heap-growing-percent=50')
  if (flags.length === 0) return
  const {setFlagsFromString} = await import('node:v8')
  setFlagsFromString(flags.join(' '))
}

/** How to start one child. */
interface ChildSpec {
  args: string[]
  /** Merged over process.env. */
  env: Record<string, string>
  file: string
  /** After SIGTERM, how long before SIGKILL. */
  killGraceMs: number
  /** Aborting it stops the child (SIGTERM, then SIGKILL). */
  signal?: AbortSignal
  /** Stop the child after this long; 0 = never. */
  timeoutMs: number
}

/** A started child, whichever way it was started. */
interface Child {
  /** Settles (never rejects) once the child has exited and its output is read. */
  finished: Promise<Omit<Finished, 'matched' | 'timeoutMs'>>
  /** Called with each chunk of stdout and stderr as it arrives. */
  onOutput(listener: (text: string) => void): void
  /** SIGTERM now, SIGKILL after the grace period if it is still running. */
  stop(): void
}

/** Most characters kept per stream (execa's default maxBuffer); past it the child is stopped. */
const MAX_BUFFER = 100_000_000

/** Start `spec` with node:child_process (see the file header for what it keeps of execa). */
async function startChild(spec: ChildSpec): Promise<Child> {
  const {spawn} = await import('node:child_process')
  const started = performance.now()
  let child: ChildProcess
  try {
    child = spawn(spec.file, spec.args, {
      env: {...process.env, ...spec.env},
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    })
  } catch (error) {
    // Arguments node refuses (a NUL byte…): nothing was started.
    const code = (error as NodeJS.ErrnoException).code ?? 'ERR_SPAWN'
    const durationMs = Math.round(performance.now() - started)
    const finished = {code, durationMs, isCanceled: false, isMaxBuffer: false, stderr: '', stdout: '', timedOut: false}
    return {finished: Promise.resolve(finished), onOutput() {}, stop() {}}
  }

  const listeners: Array<(text: string) => void> = []
  const output = {stderr: '', stdout: ''}
  const state = {isCanceled: false, isMaxBuffer: false, timedOut: false}
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null
  let forceKill: NodeJS.Timeout | undefined
  const stop = () => {
    if (!running()) return
    child.kill('SIGTERM')
    forceKill ??= setTimeout(() => {
      if (running()) child.kill('SIGKILL')
    }, spec.killGraceMs)
  }

  const read = (stream: null | Readable, name: 'stderr' | 'stdout') => {
    stream?.setEncoding('utf8')
    stream?.on('error', () => {}) // a broken pipe ends the output; 'close' still reports the exit
    stream?.on('data', (text: string) => {
      if (!state.isMaxBuffer) {
        const room = MAX_BUFFER - output[name].length
        output[name] += text.length > room ? text.slice(0, room) : text
        if (text.length > room) {
          state.isMaxBuffer = true
          stop()
        }
      }

      for (const listener of listeners) listener(text)
    })
  }

  read(child.stdout, 'stdout')
  read(child.stderr, 'stderr')
  const timer =
    spec.timeoutMs > 0
      ? setTimeout(() => {
          if (!running()) return
          state.timedOut = true
          stop()
        }, spec.timeoutMs)
      : undefined
  const onAbort = () => {
    if (!running()) return
    state.isCanceled = true
    stop()
  }

  // Like execa's `cleanup`: a child never outlives this process.
  const onParentExit = () => {
    if (running()) child.kill('SIGTERM')
  }

  spec.signal?.addEventListener('abort', onAbort, {once: true})
  if (spec.signal?.aborted) onAbort() // aborted while node:child_process was loading
  process.on('exit', onParentExit)
  const finished = new Promise<Omit<Finished, 'matched' | 'timeoutMs'>>((resolve) => {
    let spawnError: string | undefined
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) spawnError ??= error.code ?? 'ERR_SPAWN'
    })
    child.once('close', (exitCode: null | number, signal: NodeJS.Signals | null) => {
      clearTimeout(timer)
      clearTimeout(forceKill)
      spec.signal?.removeEventListener('abort', onAbort)
      process.removeListener('exit', onParentExit)
      resolve({
        code: spawnError,
        durationMs: Math.round(performance.now() - started),
        // On a failed spawn node reports the negative errno as the exit code: there was no exit.
        exitCode: spawnError === undefined && exitCode !== null ? exitCode : undefined,
        signal: signal ?? undefined,
        ...output,
        ...state,
      })
    })
  })
  return {
    finished,
    onOutput(listener) {
      listeners.push(listener)
    },
    stop,
  }
}

/** Start `spec` with execa (Windows: cross-spawn runs `.cmd` shims without a shell). */
async function startWithExeca(spec: ChildSpec): Promise<Child> {
  const {execa} = await import('execa')
  const started = Date.now()
  const subprocess = execa(spec.file, spec.args, {
    cancelSignal: spec.signal,
    encoding: 'utf8',
    env: spec.env,
    extendEnv: true,
    forceKillAfterDelay: spec.killGraceMs,
    reject: false,
    shell: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    timeout: spec.timeoutMs > 0 ? spec.timeoutMs : undefined,
    windowsHide: true,
  })
  const finished = subprocess.then((result) => ({
    code: result.code,
    durationMs: Math.round(result.durationMs ?? Date.now() - started),
    exitCode: result.exitCode,
    isCanceled: result.isCanceled,
    isMaxBuffer: result.isMaxBuffer,
    signal: result.signal,
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    timedOut: result.timedOut,
  }))
  return {
    finished,
    onOutput(listener) {
      subprocess.stdout?.on('data', (chunk: Buffer | string) => listener(chunk.toString()))
      subprocess.stderr?.on('data', (chunk: Buffer | string) => listener(chunk.toString()))
    },
    stop() {
      subprocess.kill()
    },
  }
}
