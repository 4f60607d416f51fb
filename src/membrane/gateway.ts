/**
 * The Membrane gateway: runs the Membrane executable through the spawner port (./spawn.ts, the only
 * code that starts a process) with an argv array, a timeout and cancellation; finds the JSON value
 * in stdout even with notices around it; turns every failure into a typed error (./errors.ts);
 * retries reads with backoff.
 */
import {type CliError, InterruptedError, RateLimitError} from '../errors.js'
import {backoffMs, badOutputError, classifyOutcome, type Failure, missingBinaryError, timeoutError} from './failures.js'
import {type Extracted, extractJson, stripAnsi} from './parse-output.js'
import {type Child, type ChildSpec, startProcess, tuneHeapForPaging} from './spawn.js'

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
    const child = await startProcess(spec, this.options.spawner)
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

