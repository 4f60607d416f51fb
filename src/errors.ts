/**
 * Typed errors and the exit-code contract (design §8). Every failure a user can cause or meet is
 * one of these; anything else is a bug and exits 1.
 */
export const ExitCode = {
  Auth: 4,
  Failure: 1,
  Interrupted: 130,
  NotFound: 5,
  Ok: 0,
  RateLimited: 6,
  Remote: 3,
  Usage: 2,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export interface CliErrorOptions {
  /** Machine-readable code for scripts, e.g. `not_logged_in`, `close_validation`. */
  code?: string
  /** Extra data for the JSON error object (field errors, the Close body, …). */
  details?: Record<string, unknown>
  /** One line that names the fix: a command, a flag or an environment variable. */
  hint?: string
}

export class CliError extends Error {
  readonly code: string
  readonly details?: Record<string, unknown>
  readonly exitCode: number
  readonly hint?: string

  constructor(message: string, exitCode: number, defaultCode: string, options: CliErrorOptions = {}) {
    super(message)
    this.name = new.target.name
    this.exitCode = exitCode
    this.code = options.code ?? defaultCode
    this.hint = options.hint
    this.details = options.details
  }

  /** The JSON error object of design §6. */
  toJSON(): {error: Record<string, unknown>} {
    return {
      error: {
        code: this.code,
        exitCode: this.exitCode,
        message: this.message,
        ...(this.hint ? {hint: this.hint} : {}),
        ...this.details,
      },
    }
  }
}

/** Exit 2: the user's input is wrong or missing (bad flag value, malformed ID, missing flag off a TTY). */
export class UsageError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.Usage, 'usage', options)
  }
}

/** Exit 3: Membrane or Close refused or failed (validation, garbage output, timeout). */
export class RemoteError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.Remote, 'remote_failed', options)
  }
}

/** Exit 4: login or a usable connection is needed. */
export class AuthError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.Auth, 'auth_required', options)
  }
}

/** Exit 5: the object does not exist. */
export class NotFoundError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.NotFound, 'not_found', options)
  }
}

/** Exit 6: still rate limited after the retries. */
export class RateLimitError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super(message, ExitCode.RateLimited, 'rate_limited', options)
  }
}

/** Exit 130: Ctrl-C. */
export class InterruptedError extends CliError {
  constructor(message = 'Interrupted.') {
    super(message, ExitCode.Interrupted, 'interrupted')
  }
}
