/**
 * Membrane's error shape (reference/membrane-cli.md §3.6): `{type, key?, message, data?}`. The
 * sandbox prints it on stdout under `--json`, always writes `Error: <message>` on stderr, exits 1.
 */
export type MembraneErrorType = 'action_run' | 'bad_request' | 'connection' | 'internal'

export interface MembraneErrorBody {
  actionRunId?: string
  data?: unknown
  key?: string
  message: string
  type: MembraneErrorType
}

export class MembraneError extends Error {
  /** Generation B's `act` reports the run's ID even when it failed. */
  readonly actionRunId?: string
  readonly data?: unknown
  readonly key?: string
  readonly type: MembraneErrorType

  constructor(
    type: MembraneErrorType,
    message: string,
    options: {actionRunId?: string; data?: unknown; key?: string} = {},
  ) {
    super(message)
    this.actionRunId = options.actionRunId
    this.name = 'MembraneError'
    this.type = type
    this.key = options.key
    this.data = options.data
  }

  toJSON(): MembraneErrorBody {
    return {
      type: this.type,
      ...(this.key === undefined ? {} : {key: this.key}),
      message: this.message,
      ...(this.data === undefined ? {} : {data: this.data}),
      ...(this.actionRunId === undefined ? {} : {actionRunId: this.actionRunId}),
    }
  }
}

export function notAuthenticated(): MembraneError {
  return new MembraneError('bad_request', 'Not logged in. Run: membrane login --tenant', {key: 'not_authenticated'})
}

export function notFound(message: string): MembraneError {
  return new MembraneError('bad_request', message, {key: 'not_found'})
}

export function connectionNotFound(id: string): MembraneError {
  return notFound(`Connection ${id} not found`)
}

export function connectionNotReady(id: string, state: string): MembraneError {
  return new MembraneError(
    'connection',
    `Connection ${id} is not ready (state ${state}): its access token expired or it was never authorized. ` +
      `Re-authenticate with: membrane connect --connectionId=${id}`,
    {data: {connectionId: id, state}, key: 'access_token_expired'},
  )
}
