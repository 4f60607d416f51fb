/**
 * The Membrane gateway: runs the Membrane executable through the spawner port (./spawn.ts, the only
 * code that starts a process) with an argv array, a timeout and cancellation; finds the JSON value
 * in stdout even with notices around it; turns every failure into a typed error (./errors.ts);
 * retries reads with backoff.
 */
import {type CliError, InterruptedError, NotFoundError, RateLimitError, RemoteError, UsageError} from '../errors.js'
import {backoffMs, badOutputError, classifyOutcome, type Failure, missingBinaryError, timeoutError} from './failures.js'
import {type Extracted, extractJson, MAX_JSON_DEPTH, stripAnsi} from './parse-output.js'
import {redact, redactArgs} from './redact.js'
import {type Child, type ChildSpec, startProcess, tuneHeapForPaging} from './spawn.js'

export {redactArgs} from './redact.js'

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
  /** Told as each Membrane process starts (a TTY spinner); the returned function is called when it ends. */
  onCall?: (args: string[]) => (() => void) | void
  /**
   * Told before each wait between attempts (a rate-limit or 5xx backoff), so a TTY can show a
   * countdown; `reason` is the failure's message.
   */
  onWait?: (ms: number, reason: string) => void
  /** Aborted on Ctrl-C: the child is killed and the call rejects with InterruptedError. */
  signal?: AbortSignal
  /** Sleep used between retries (stubbed in tests). */
  sleep?: (ms: number) => Promise<void>
  /** How children are started: `node` (node:child_process) everywhere but Windows, `execa` there. */
  spawner?: 'execa' | 'node'
  /** `CLOSE_MEMBRANE_TIMEOUT_MS`, default 60000. */
  timeoutMs: number
}

/** What a write changes, for the message when its outcome is unknown (a 5xx, a timeout, an interrupt). */
export interface WriteIntent {
  /** The command that shows whether it happened, e.g. `close leads list --query "Acme"`. */
  check: string
  /** What may have happened, e.g. `the lead may have been created`. */
  effect: string
}

export interface CallOptions {
  /**
   * A retried call answered 404: the first attempt went through (a delete whose answer was lost),
   * so the call succeeded with a null body.
   */
  goneIsDone?: boolean
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
  /** A write whose outcome may be unknown: a 5xx, a timeout or an interrupt says so and how to check. */
  write?: WriteIntent
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
    if (result.json.problem) throw incompleteOutputError(result.json.problem, result.stdout)
    if (options.proxy && stripAnsi(result.stdout).trim() === '') return null
    throw scrub(badOutputError(result.stdout, result.stderr))
  }

  /**
   * Run membrane and classify the outcome like json() (failures throw typed errors, retries apply),
   * but a zero exit without JSON is fine: for commands whose output is text (logout, login complete).
   */
  async run(args: string[], options: CallOptions = {}): Promise<RunResult> {
    const maxRetries = options.retry ? (this.options.maxRetries ?? 4) : 0
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(args, options)
      const json = extractJson(result.stdout)
      const failure = classifyOutcome({...result, args, json, proxy: options.proxy})
      if (!failure) return {...result, json}
      if (attempt > 0 && options.goneIsDone && failure.error instanceof NotFoundError) {
        this.options.debug?.('answered 404 after a retry: the earlier attempt went through')
        return {...result, json: {found: true, value: null}}
      }

      const wait = this.retryDelay(failure, attempt, maxRetries)
      if (wait === undefined) throw scrub(uncertain(this.finalError(failure, attempt), options.write, failure))
      this.options.debug?.(`retry ${attempt + 1}/${maxRetries} after ${wait} ms`)
      this.options.onWait?.(wait, failure.error.message)
      await this.sleep(wait)
    }
  }

  /** Run membrane and return its raw output without interpreting it (login URL capture, --version). */
  async text(args: string[], options: CallOptions = {}): Promise<TextResult> {
    return this.attempt(args, options)
  }

  /** One spawn, with a write's uncertain outcome (timeout, interrupt) named and secrets scrubbed. */
  private async attempt(args: string[], options: CallOptions): Promise<TextResult> {
    const done = this.options.onCall?.(args)
    try {
      return await this.spawn(args, options)
    } catch (error) {
      if (error instanceof RemoteError || error instanceof InterruptedError)
        throw scrub(uncertain(error, options.write))
      throw error
    } finally {
      done?.()
    }
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
        redact(
          `membrane ${redactArgs(args)
            .map((arg) => quote(arg))
            .join(' ')} → ${outcome} in ${durationMs} ms`,
        ),
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
    const env = {...this.options.env, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1'}
    checkArgvSize([binPath, ...binArgs, ...args], env)
    const spec: ChildSpec = {
      args: [...binArgs, ...args],
      env,
      file: binPath,
      killGraceMs: this.options.killGraceMs ?? 2000,
      signal,
      timeoutMs: Math.max(timeoutMs, 0),
      ...(options.write ? {write: true} : {}),
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

/** Linux's MAX_ARG_STRLEN: one argv or environment string, NUL included (32 pages of 4 KiB). */
export const MAX_ARG_BYTES = 128 * 1024
/** What argv + environment may total before execve refuses (ARG_MAX on Linux with an 8 MiB stack; macOS: 1 MiB). */
export const MAX_ARGV_TOTAL_BYTES = process.platform === 'darwin' ? 1024 * 1024 : 2 * 1024 * 1024

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`
}

/** The flag an argument belongs to (`--input`, `--data`, `--api`…), for messages. */
function flagOf(arg: string): string {
  return /^(--?[\w-]+)=/.exec(arg)?.[1] ?? 'an argument'
}

/**
 * Exit 2 before spawning when the OS would refuse the argv (design §10): one argument over
 * MAX_ARG_STRLEN, or argv + environment over ARG_MAX. Never "membrane was unable to start".
 */
export function checkArgvSize(argv: readonly string[], env: Record<string, string | undefined>): void {
  let total = 0
  for (const arg of argv) {
    const bytes = Buffer.byteLength(arg) + 1
    total += bytes + 8
    if (bytes > MAX_ARG_BYTES) {
      throw new UsageError(
        `The input is too large for one Membrane call: ${flagOf(arg)} would be ${kib(bytes)}, more than the ${kib(MAX_ARG_BYTES)} the operating system allows in one argument (MAX_ARG_STRLEN).`,
        {
          code: 'input_too_large',
          details: {bytes, flag: flagOf(arg), limitBytes: MAX_ARG_BYTES},
          hint: 'Shorten the text (for example split a long note in two), or send less per call.',
        },
      )
    }
  }

  for (const [name, value] of Object.entries({...process.env, ...env})) {
    if (value !== undefined) total += Buffer.byteLength(name) + Buffer.byteLength(value) + 2 + 8
  }

  if (total > MAX_ARGV_TOTAL_BYTES) {
    throw new UsageError(
      `The input is too large for one Membrane call: arguments and environment would be ${kib(total)}, more than the ${kib(MAX_ARGV_TOTAL_BYTES)} the operating system allows (ARG_MAX).`,
      {
        code: 'input_too_large',
        details: {bytes: total, limitBytes: MAX_ARGV_TOTAL_BYTES},
        hint: 'Send less per call, or unset large environment variables.',
      },
    )
  }
}

/** Exit 3 `bad_output` for a document that was cut off or nests too deep: nothing reaches stdout. */
export function incompleteOutputError(problem: 'too_deep' | 'truncated', stdout: string): RemoteError {
  const bytes = Buffer.byteLength(stdout)
  const message =
    problem === 'truncated'
      ? `Membrane's answer was cut off: the JSON document it printed (${bytes} bytes) never ends.`
      : `Membrane's answer nests deeper than ${MAX_JSON_DEPTH} levels; it is not read.`
  return new RemoteError(message, {
    code: 'bad_output',
    details: {problem, stdoutBytes: bytes},
    hint: 'Nothing was printed. Try again; if it persists, update the Membrane CLI or run with --debug.',
  })
}

/** Secrets out of a failure's message and details (design §10), kept as the same typed error. */
function scrub<E extends CliError>(error: E): E {
  const message = redact(error.message)
  if (message !== error.message) error.message = message
  if (error.details) {
    const details = redact(error.details)
    Object.defineProperty(error, 'details', {configurable: true, enumerable: true, value: details, writable: false})
  }

  return error
}

/**
 * A write whose outcome is unknown (5xx after it was sent, timeout, interrupt) says the change may
 * have happened and how to check, instead of "try again" (a retried create would duplicate it).
 */
function uncertain<E extends CliError>(error: E, write: undefined | WriteIntent, failure?: Failure): E {
  if (!write) return error
  const unknown =
    error instanceof InterruptedError ||
    error.code === 'timeout' ||
    (error.code === 'membrane_failed' && /was killed by|stopped:/.test(error.message)) ||
    (failure?.retryable === true && !(error instanceof RateLimitError))
  if (!unknown) return error
  error.message = `${error.message.replace(/\.$/, '')}; ${write.effect}.`
  Object.defineProperty(error, 'hint', {
    configurable: true,
    enumerable: true,
    value: `Check with \`${write.check}\` before trying again.`,
    writable: false,
  })
  Object.defineProperty(error, 'details', {
    configurable: true,
    enumerable: true,
    value: {...error.details, mayHaveSucceeded: true},
    writable: false,
  })
  return error
}

/** Default and bounds of CLOSE_MEMBRANE_TIMEOUT_MS (design §3): 1 ms … 24 h; node timers overflow past 2^31 ms. */
export const DEFAULT_TIMEOUT_MS = 60_000
export const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000

/**
 * CLOSE_MEMBRANE_TIMEOUT_MS → milliseconds: unset or empty → 60000; a whole number from 1 to
 * 86400000 → itself; anything else (`abc`, `0`, `-5`, `1.5`, `3000000000`) → exit 2 naming it.
 */
export function parseTimeoutMs(text?: string, name = 'CLOSE_MEMBRANE_TIMEOUT_MS'): number {
  if (text === undefined || text.trim() === '') return DEFAULT_TIMEOUT_MS
  const value = Number(text.trim())
  if (/^\d+$/.test(text.trim()) && Number.isSafeInteger(value) && value >= 1 && value <= MAX_TIMEOUT_MS) return value
  throw new UsageError(
    `${name} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (24 h), not ${JSON.stringify(text)}.`,
    {
      code: 'invalid_env',
      details: {variable: name},
      hint: `Set ${name} to e.g. 60000 (one minute), or unset it.`,
    },
  )
}
