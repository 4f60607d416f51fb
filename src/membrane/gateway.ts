/**
 * The one place in the CLI that spawns a process (design §4). Runs the Membrane executable with an
 * argv array (never a shell), stdin not a TTY, a timeout and cancellation; finds the JSON value in
 * stdout even with notices around it; turns every failure into a typed error (./errors.ts).
 *
 * IMPLEMENTATION PENDING (foundation issue): see the method docs for the contract.
 */
export interface GatewayOptions {
  /** Extra argv placed before the caller's (unused for the real binary). */
  binArgs?: string[]
  /** Path or name of the executable: `CLOSE_MEMBRANE_BIN`, default `membrane`; the sandbox's bin for `--sandbox`. */
  binPath: string
  /** Receives one line per call when `--debug` is on (argv with input values redacted, duration, exit code). */
  debug?: (line: string) => void
  /** Extra environment for the child (merged over process.env). */
  env?: Record<string, string>
  /** How many times a retryable call is retried on 429/5xx. Default 4. */
  maxRetries?: number
  /** Aborted on Ctrl-C: the child is killed and the call rejects with InterruptedError. */
  signal?: AbortSignal
  /** Sleep used between retries (stubbed in tests). */
  sleep?: (ms: number) => Promise<void>
  /** `CLOSE_MEMBRANE_TIMEOUT_MS`, default 60000. */
  timeoutMs: number
}

export interface CallOptions {
  /** Retry on 429/5xx with backoff honouring retry-after. Only for reads and idempotent updates. */
  retry?: boolean
  /** Override the gateway timeout for this call (login waits). */
  timeoutMs?: number
}

export interface TextResult {
  durationMs: number
  exitCode: number
  stderr: string
  stdout: string
}

export class MembraneGateway {
  constructor(readonly options: GatewayOptions) {}

  /**
   * Run membrane and return the JSON value it printed on stdout. Rejects with a typed CliError on a
   * missing binary (AuthError exit 4 naming `npm install -g @membranehq/cli` and `--sandbox`), timeout,
   * non-zero exit, a zero exit whose JSON is an error, non-JSON output, not authenticated, rate limits
   * after retries, Close errors passed through (field errors → exit 3, 404 → exit 5).
   */
  async json(_args: string[], _options: CallOptions = {}): Promise<unknown> {
    throw new Error('not implemented')
  }

  /** Run membrane and return its raw output without interpreting it (login URL capture, --version). */
  async text(_args: string[], _options: CallOptions = {}): Promise<TextResult> {
    throw new Error('not implemented')
  }
}
