/**
 * Membrane failures → the typed errors of ../errors.ts (design §8, reference/membrane-cli.md §3.6
 * and §5.3, reference/close-api.md §6–§7). Pure functions: the gateway spawns, this file decides
 * what a finished process meant and whether it is worth retrying.
 */
import {AuthError, type CliError, NotFoundError, RateLimitError, RemoteError} from '../errors.js'
import {type Extracted, extractJson, firstLines, stripAnsi} from './parse-output.js'

type Obj = Record<string, unknown>

/** What a finished Membrane process left behind. */
export interface Outcome {
  /** The argv given to membrane (without binArgs), for connection IDs in hints. */
  args: readonly string[]
  exitCode: number
  /** The JSON value found in stdout; computed from `stdout` when omitted. */
  json?: Extracted
  /** `membrane request`: stdout is Close's response (wrapped or bare), stderr may say `HTTP <status>`. */
  proxy?: boolean
  stderr: string
  stdout: string
}

/** A failed call: the error to throw, and whether retrying may help (429 and 5xx). */
export interface Failure {
  error: CliError
  retryable: boolean
  /** From retry-after / RateLimit reset, when the failure named one. */
  retryAfterMs?: number
}

/** Close's status, body and headers, when a failure passed a Close response through. */
interface CloseResponse {
  body: unknown
  headers: Obj[]
  status: number
}

/** A Membrane error object, however it was spelled (`{type,key,message,data}`, `{error:{…}}`, `{error,message}`). */
interface MembraneErrorInfo {
  code?: string
  data?: unknown
  key?: string
  /** Every object in the error and its causes, for status/body/header look-ups. */
  layers: Obj[]
  message?: string
  status?: number
  type?: string
}

const MESSAGE_MAX = 300
const LOGIN_HINT = 'Run `close login`.'
const DEBUG_HINT = 'Run again with --debug to see the Membrane call, or check `close status`.'

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value.trim())
  return undefined
}

function lower(value: string | undefined): string | undefined {
  return value?.toLowerCase()
}

function shorten(text: string, max = MESSAGE_MAX): string {
  const oneLine = text.replaceAll(/\s+/g, ' ').trim()
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}

function withStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}

/**
 * Whether a JSON value printed with exit 0 is really an error: a top-level `error`, or both `type`
 * and `message` (reference §5.3). Records (an `id`) and run results (`output`) are not errors even
 * when they carry an `error` field, as connection objects do.
 */
export function isErrorPayload(value: unknown): boolean {
  if (!isObject(value)) return false
  if ('id' in value || ('output' in value && (value.error === undefined || value.error === null))) return false
  const {error} = value
  if (error !== undefined && error !== null && error !== false && error !== '') return true
  return typeof value.type === 'string' && typeof value.message === 'string'
}

/** A proxy answer wrapped as `{status, headers, data|body}` (reference §5.8). */
export function isWrappedResponse(value: unknown): value is Obj & {status: number} {
  if (!isObject(value) || typeof value.status !== 'number') return false
  if (value.status < 100 || value.status > 599) return false
  if (typeof value.type === 'string' && typeof value.message === 'string') return false
  return 'headers' in value || 'data' in value || 'body' in value
}

/** The body of a wrapped proxy answer. */
export function wrappedBody(value: Obj): unknown {
  if ('data' in value) return value.data
  if ('body' in value) return value.body
  return null
}

function membraneError(value: unknown): MembraneErrorInfo | undefined {
  if (!isObject(value)) return undefined
  const inner = isObject(value.error) ? value.error : undefined
  const base: Obj = inner ? {...value, ...inner} : value
  const errorText = inner ? undefined : str(value.error)
  const layers: Obj[] = []
  let layer: unknown = base
  for (let depth = 0; depth < 4 && isObject(layer); depth++) {
    layers.push(layer)
    layer = layer.causedByError ?? layer.cause
  }

  return {
    code: str(base.code) ?? (errorText && /^[\w.-]+$/.test(errorText) ? errorText : undefined),
    data: base.data,
    key: str(base.key),
    layers,
    message: str(base.message) ?? errorText ?? (inner ? undefined : str(value.detail)),
    status: num(base.status) ?? num(base.statusCode) ?? num(base.httpStatus),
    type: str(base.type),
  }
}

/** `HTTP 404` / `HTTP/1.1 429 Too Many Requests` on stderr: the status of a proxied Close response. */
export function stderrStatus(stderr: string): number | undefined {
  const match = /\bHTTP(?:\/\d(?:\.\d)?)?\s+(\d{3})\b/i.exec(stripAnsi(stderr))
  return match ? Number(match[1]) : undefined
}

/** `Name: value` lines of stderr (the proxy may print response headers there). */
function stderrHeaders(stderr: string): Obj {
  const headers: Obj = {}
  for (const line of stripAnsi(stderr).split(/\r?\n/)) {
    const match = /^\s*([\w-]+):\s*(.+?)\s*$/.exec(line)
    if (match && /^(retry-after|ratelimit|ratelimit-reset|x-rate-limit-reset)$/i.test(match[1])) {
      headers[match[1].toLowerCase()] = match[2]
    }
  }

  return headers
}

function header(headers: Obj, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      if (Array.isArray(value)) return str(value[0]) ?? (typeof value[0] === 'number' ? String(value[0]) : undefined)
      return typeof value === 'number' ? String(value) : str(value)
    }
  }

  return undefined
}

function seconds(text: string | undefined, now = Date.now()): number | undefined {
  if (text === undefined) return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000)
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * How long the server asked us to wait, in ms: `retry-after` (seconds or an HTTP date), else
 * `RateLimit: …reset=N`, `RateLimit-Reset`, `X-Rate-Limit-Reset`, or Close's old `rate_reset`.
 */
export function retryAfterMs(headerSets: Obj[], stderr = '', body?: unknown): number | undefined {
  const sets = [...headerSets, stderrHeaders(stderr)]
  for (const headers of sets) {
    const value = seconds(header(headers, 'retry-after'))
    if (value !== undefined) return value
  }

  for (const headers of sets) {
    const rateLimit = header(headers, 'ratelimit')
    const reset = rateLimit ? /reset=\s*(\d+(?:\.\d+)?)/i.exec(rateLimit)?.[1] : undefined
    const value = seconds(reset ?? header(headers, 'ratelimit-reset') ?? header(headers, 'x-rate-limit-reset'))
    if (value !== undefined) return value
  }

  if (isObject(body)) {
    const reset = typeof body.rate_reset === 'number' ? String(body.rate_reset) : str(body.rate_reset)
    return seconds(reset)
  }

  return undefined
}

/** Backoff before retry number `attempt` (1-based): 0.5 s, 1 s, 2 s… capped at 10 s, unless the server named a wait. */
export function backoffMs(attempt: number, serverAsked?: number): number {
  if (serverAsked !== undefined) return serverAsked
  return Math.min(500 * 2 ** (attempt - 1), 10_000)
}

function headerObjects(layer: Obj): Obj[] {
  const found: Obj[] = []
  if (isObject(layer.headers)) found.push(layer.headers)
  if (isObject(layer.response) && isObject(layer.response.headers)) found.push(layer.response.headers)
  return found
}

/** Close's status and body inside one error layer's `data`: `{status, body}`, `{response: {status, data}}`, `{status, data}`. */
function closeInData(data: Obj, isRun: boolean): CloseResponse | undefined {
  const response = isObject(data.response) ? data.response : undefined
  const status = num(data.status) ?? num(data.statusCode) ?? num(response?.status) ?? num(response?.statusCode)
  if (status === undefined) return undefined
  const body = [data.body, response?.data, response?.body, data.data, data.responseBody].find(
    (candidate) => candidate !== undefined,
  )
  if (!isRun && body === undefined && !response) return undefined
  return {body: body ?? null, headers: headerObjects(data), status}
}

/** Close's status and body carried in a Membrane error's `data` (or its causes'). */
function closeResponseInError(info: MembraneErrorInfo): CloseResponse | undefined {
  const runError = lower(info.type) === 'action_run'
  for (const layer of info.layers) {
    if (!isObject(layer.data)) continue
    const found = closeInData(layer.data, runError || lower(str(layer.type)) === 'action_run')
    if (found) return {...found, headers: [...found.headers, ...headerObjects(layer)]}
  }

  const status = runError && info.message ? /status(?: code)?:?\s+(\d{3})\b/i.exec(info.message)?.[1] : undefined
  return status ? {body: null, headers: [], status: Number(status)} : undefined
}

function closeResponseInProxy(outcome: Outcome, value: unknown, found: boolean): CloseResponse | undefined {
  if (!outcome.proxy) return undefined
  if (found && isWrappedResponse(value)) {
    return {body: wrappedBody(value), headers: isObject(value.headers) ? [value.headers] : [], status: value.status}
  }

  const status = stderrStatus(outcome.stderr)
  if (status === undefined) return undefined
  const text = stripAnsi(outcome.stdout).trim()
  return {body: found ? value : text === '' ? null : text, headers: [], status}
}

/** The human part of a Close error body: `error`, `errors`, `message`, or the text itself. */
function closeText(body: unknown): string | undefined {
  if (typeof body === 'string') return str(firstLines(body, 2))
  if (!isObject(body)) return undefined
  const errors = Array.isArray(body.errors) ? body.errors.map((item) => describe(item)).filter(Boolean) : []
  return str(body.error) ?? (errors.length > 0 ? errors.join('; ') : undefined) ?? str(body.message)
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (Array.isArray(value)) return value.map((item) => describe(item)).join(', ')
  return JSON.stringify(value)
}

function fieldErrorsOf(body: unknown): undefined | {errors: string[]; fieldErrors: Obj} {
  if (!isObject(body)) return undefined
  const fieldErrors = isObject(body['field-errors'])
    ? body['field-errors']
    : isObject(body.field_errors)
      ? body.field_errors
      : undefined
  const errors = Array.isArray(body.errors) ? body.errors.map((item) => describe(item)) : undefined
  if (!fieldErrors && !errors) return undefined
  return {errors: errors ?? [], fieldErrors: fieldErrors ?? {}}
}

function validationError(found: {errors: string[]; fieldErrors: Obj}, response: Partial<CloseResponse>): RemoteError {
  const parts = [
    ...Object.entries(found.fieldErrors).map(([field, message]) => `${field}: ${describe(message).replace(/\.$/, '')}`),
    ...found.errors.map((message) => message.replace(/\.$/, '')),
  ]
  const listed = parts.length > 0 ? parts.join('; ') : 'no reason given'
  return new RemoteError(shorten(withStop(`Close rejected the request: ${listed}`), 600), {
    code: 'close_validation',
    details: {
      errors: found.errors,
      fieldErrors: found.fieldErrors,
      ...(response.status === undefined ? {} : {status: response.status}),
      ...('body' in response ? {body: response.body} : {}),
    },
    hint: 'Correct the values named above and try again.',
  })
}

function connectionIdFrom(args: readonly string[], info?: MembraneErrorInfo): string | undefined {
  for (const [index, arg] of args.entries()) {
    const match = /^--connectionId=(.+)$/.exec(arg)
    if (match) return match[1]
    if (arg === '--connectionId' && args[index + 1]) return args[index + 1]
  }

  if (args[0] === 'request' && args[1] && !args[1].startsWith('-')) return args[1]
  if (args[0] === 'connection' && args[1] === 'get' && args[2]) return args[2]
  for (const layer of info?.layers ?? []) {
    const data = isObject(layer.data) ? layer.data : undefined
    const id = str(data?.connectionId) ?? str(data?.id)
    if (id) return id
  }

  return undefined
}

function connectionNotReady(outcome: Outcome, info: MembraneErrorInfo | undefined, reason?: string): AuthError {
  const id = connectionIdFrom(outcome.args, info)
  const what = id ? `The Close connection ${id}` : 'The Close connection'
  return new AuthError(shorten(withStop(`${what} needs to be re-authenticated${reason ? `: ${reason}` : ''}`)), {
    code: 'connection_not_ready',
    details: id ? {connectionId: id} : undefined,
    hint: `Re-authenticate with \`membrane connect --connectionId=${id ?? '<id>'}\`, or choose another with \`close connections use\`.`,
  })
}

function connectionNotFound(outcome: Outcome, info: MembraneErrorInfo | undefined): AuthError {
  const id = connectionIdFrom(outcome.args, info)
  return new AuthError(id ? `Membrane has no connection ${id}.` : 'Membrane did not find the connection.', {
    code: 'connection_not_found',
    details: id ? {connectionId: id} : undefined,
    hint: 'Choose an existing connection with `close connections use`, or run `close login`.',
  })
}

function notLoggedIn(reason?: string): AuthError {
  return new AuthError(shorten(withStop(`Not logged in to Membrane${reason ? `: ${reason}` : ''}`)), {
    code: 'not_logged_in',
    hint: LOGIN_HINT,
  })
}

function rateLimited(reason: string | undefined, details?: Obj): RateLimitError {
  return new RateLimitError(shorten(withStop(`Rate limited${reason ? `: ${reason}` : ' by Close or Membrane'}`)), {
    code: 'rate_limited',
    details,
    hint: 'Wait a minute and try again, and avoid running many commands at once.',
  })
}

function membraneFailed(reason: string, code = 'membrane_failed', hint = DEBUG_HINT): RemoteError {
  return new RemoteError(shorten(withStop(`Membrane failed: ${reason}`)), {code, hint})
}

/** A Close response passed through with an error status → the typed error for that status. */
function closeFailure(response: CloseResponse, outcome: Outcome, info?: MembraneErrorInfo): Failure {
  const {body, status} = response
  const details = {body, status}
  const text = closeText(body)
  if (status === 429) {
    return {
      error: rateLimited(text ?? 'Close answered HTTP 429', details),
      retryable: true,
      retryAfterMs: retryAfterMs(response.headers, outcome.stderr, body),
    }
  }

  if (status === 404) {
    return {
      error: new NotFoundError(shorten(withStop(text ?? 'Close has no such object (HTTP 404)')), {
        code: 'not_found',
        details,
        hint: 'Check the ID or the path.',
      }),
      retryable: false,
    }
  }

  if (status === 400 || status === 422) {
    const found = fieldErrorsOf(body)
    if (found && (found.errors.length > 0 || Object.keys(found.fieldErrors).length > 0)) {
      return {error: validationError(found, response), retryable: false}
    }
  }

  if (status === 401) {
    // Membrane already refreshed once (reference §3.6): the connection's Close credentials are bad.
    const id = connectionIdFrom(outcome.args, info)
    return {
      error: new AuthError(`Close refused the connection's credentials (HTTP 401).`, {
        code: 'connection_not_ready',
        details: {...details, ...(id ? {connectionId: id} : {})},
        hint: `Re-authenticate with \`membrane connect --connectionId=${id ?? '<id>'}\`, or choose another with \`close connections use\`.`,
      }),
      retryable: false,
    }
  }

  if (status === 403) {
    return {
      error: new AuthError(shorten(withStop(`Close denied access (HTTP 403)${text ? `: ${text}` : ''}`)), {
        code: 'close_forbidden',
        details,
        hint: 'The Close user behind this connection lacks permission; choose another with `close connections use`.',
      }),
      retryable: false,
    }
  }

  if (status >= 500) {
    return {
      error: new RemoteError(shorten(withStop(`Close failed with HTTP ${status}${text ? `: ${text}` : ''}`)), {
        code: 'close_server_error',
        details,
        hint: 'Close or Membrane had a temporary problem; try again shortly.',
      }),
      retryable: true,
      retryAfterMs: retryAfterMs(response.headers, outcome.stderr, body),
    }
  }

  return {
    error: new RemoteError(shorten(withStop(`Close refused the request (HTTP ${status})${text ? `: ${text}` : ''}`)), {
      code: 'close_error',
      details,
      hint: 'Check the request; `--debug` shows what was sent.',
    }),
    retryable: false,
  }
}

const CONNECTION_KEYS = new Set(['access_token_expired', 'connection_disconnected', 'connection_is_defunct'])
const UNSUPPORTED =
  /unknown (?:command|option|flag|argument|subcommand)|unrecognized (?:command|option|argument)|invalid command|is not a membrane command|did you mean/i
const LOGIN_TEXT =
  /not (?:logged|signed) in|unauthori[sz]ed|unauthenticated|not authenticated|\blog ?in\b|session (?:has )?expired/i
const CONNECTION_NOT_FOUND = /connection\b[^.]*\b(?:not found|does not exist|was not found)/i
const CONNECTION_TEXT =
  /connection_disconnected|client_action_required|connection[^.]*(?:disconnected|defunct|needs? (?:to be )?re-?auth|reconnect)|access token expired|reconnect required/i

/**
 * Why a finished process failed, or undefined when it succeeded. A non-zero exit, a zero exit whose
 * JSON is an error object, and (proxy) a wrapped response with status ≥ 400 are failures.
 */
export function classifyOutcome(outcome: Outcome): Failure | undefined {
  const json = outcome.json ?? extractJson(outcome.stdout)
  const value = json.found ? json.value : undefined
  const wrappedFailure = outcome.proxy && json.found && isWrappedResponse(value) && value.status >= 400
  if (outcome.exitCode === 0 && !wrappedFailure && !(json.found && isErrorPayload(value))) return undefined
  return mapFailure({...outcome, json})
}

/** The typed error for a failed process (see classifyOutcome for what counts as failed). */
/** Everything mapFailure's rules look at, computed once. */
interface Facts {
  close?: CloseResponse
  code?: string
  info?: MembraneErrorInfo
  json: Extracted
  key?: string
  /** The error had Membrane's shape (type, key or code), not just a Close body. */
  membraneShaped: boolean
  /** A status Membrane itself answered with (not Close's). */
  membraneStatus?: number
  outcome: Outcome
  reason?: string
  stderr: string
  /** Message, key, code and stderr together, for text heuristics. */
  text: string
  type?: string
}

type Rule = (facts: Facts) => Failure | undefined

const final = (error: CliError): Failure => ({error, retryable: false})

function gatherFacts(outcome: Outcome): Facts {
  const json = outcome.json ?? extractJson(outcome.stdout)
  const value = json.found ? json.value : undefined
  const stderr = stripAnsi(outcome.stderr)
  const wrapped = outcome.proxy && json.found && isWrappedResponse(value)
  const info = wrapped ? undefined : membraneError(value)
  const base = {json, membraneShaped: false, outcome, reason: firstLines(stderr) || undefined, stderr, text: stderr}
  if (!info) {
    const close = closeResponseInProxy(outcome, value, json.found)
    return {...base, close, membraneStatus: close ? undefined : stderrStatus(stderr)}
  }

  const close = closeResponseInError(info) ?? closeResponseInProxy(outcome, value, json.found)
  return {
    ...base,
    close,
    code: lower(info.code),
    info,
    key: lower(info.key),
    membraneShaped: Boolean(info.type || info.key || info.code),
    membraneStatus: info.status ?? (close ? undefined : stderrStatus(stderr)),
    reason: info.message ? shorten(info.message) : base.reason,
    text: [info.message, info.key, info.code, stderr].filter(Boolean).join(' '),
    type: lower(info.type),
  }
}

const RULES: Rule[] = [
  // Rate limits first: Membrane's own key, or a 429 Membrane answered with.
  ({close, code, info, key, membraneStatus, reason, stderr}) => {
    if (key !== 'rate_limit_exceeded' && code !== 'rate_limit_exceeded' && membraneStatus !== 429) return
    const headers = (info?.layers ?? []).flatMap((layer) => [
      ...headerObjects(layer),
      ...(isObject(layer.data) ? headerObjects(layer.data) : []),
    ])
    return {error: rateLimited(reason), retryable: true, retryAfterMs: retryAfterMs(headers, stderr, close?.body)}
  },

  ({code, key}) => (key === 'not_authenticated' || code === 'not_authenticated' ? final(notLoggedIn()) : undefined),

  ({code, info, key, outcome, reason, type}) => {
    const marked =
      type === 'connection' ||
      (key !== undefined && CONNECTION_KEYS.has(key)) ||
      (code !== undefined && CONNECTION_KEYS.has(code)) ||
      /client_action_required/i.test(`${info?.key} ${info?.code} ${isObject(info?.data) ? info.data.state : ''}`)
    if (!marked) return
    if (info?.message && CONNECTION_NOT_FOUND.test(info.message)) return final(connectionNotFound(outcome, info))
    return final(connectionNotReady(outcome, info, reason))
  },

  ({close, info, outcome}) => (close ? closeFailure(close, outcome, info) : undefined),

  ({membraneStatus}) => (membraneStatus === 401 ? final(notLoggedIn()) : undefined),

  ({key, membraneStatus, reason}) =>
    key === 'access_denied' || membraneStatus === 403
      ? final(
          new AuthError(shorten(withStop(`Membrane denied access${reason ? `: ${reason}` : ''}`)), {
            code: 'access_denied',
            hint: 'Log in with an account that can use this workspace: `close login`.',
          }),
        )
      : undefined,

  ({code, info, key, membraneStatus, outcome, reason, text}) => {
    if (key !== 'not_found' && code !== 'not_found' && membraneStatus !== 404) return
    const aboutConnection =
      (info?.message && CONNECTION_NOT_FOUND.test(info.message)) ||
      (outcome.args[0] === 'connection' && !/action/i.test(text))
    if (aboutConnection) return final(connectionNotFound(outcome, info))
    const isAction = /\baction\b/i.test(info?.message ?? '') || (outcome.args[0] === 'action' && !info?.message)
    return final(
      new NotFoundError(shorten(withStop(reason ?? 'Membrane found nothing')), {
        code: isAction ? 'action_not_found' : 'membrane_not_found',
        hint: isAction
          ? 'The action is gone from this connection; `close actions list` shows the current ones.'
          : DEBUG_HINT,
      }),
    )
  },

  ({membraneStatus, reason, type}) =>
    (membraneStatus !== undefined && membraneStatus >= 500) || type === 'internal'
      ? {error: membraneFailed(reason ?? `HTTP ${membraneStatus ?? 500}`), retryable: true}
      : undefined,

  // A Close error body without a status (a zero exit from `membrane request`, or an action's output).
  ({json, membraneShaped, outcome}) => {
    if (membraneShaped || !json.found) return
    const found = fieldErrorsOf(json.value)
    if (found && Object.keys(found.fieldErrors).length > 0) return final(validationError(found, {body: json.value}))
    const message = closeText(json.value)
    if (message && /does not exist|not found/i.test(message)) {
      return closeFailure({body: json.value, headers: [], status: 404}, outcome)
    }
  },

  ({reason, text}) =>
    UNSUPPORTED.test(text)
      ? final(
          membraneFailed(
            reason ?? 'the command is not supported',
            'membrane_unsupported',
            'Update the Membrane CLI with `npm install -g @membranehq/cli@latest`, and check `close status`.',
          ),
        )
      : undefined,

  ({info, outcome, reason, text}) => {
    if (CONNECTION_NOT_FOUND.test(text)) return final(connectionNotFound(outcome, info))
    if (CONNECTION_TEXT.test(text)) return final(connectionNotReady(outcome, info, reason))
    return LOGIN_TEXT.test(text) ? final(notLoggedIn()) : undefined
  },
]

/** The typed error for a failed process (see classifyOutcome for what counts as failed). */
export function mapFailure(outcome: Outcome): Failure {
  const facts = gatherFacts(outcome)
  for (const rule of RULES) {
    const failure = rule(facts)
    if (failure) return failure
  }

  if (facts.reason) return final(membraneFailed(facts.reason))
  const nothing =
    outcome.exitCode === 0 ? 'it printed an error' : `it exited with code ${outcome.exitCode} and printed no reason`
  return final(membraneFailed(nothing))
}

/** The Membrane executable is not there (ENOENT) or cannot be run (EACCES). */
export function missingBinaryError(binPath: string, errno?: string): AuthError {
  const what =
    errno === 'EACCES'
      ? `The Membrane CLI at "${binPath}" cannot be run (not executable).`
      : `The Membrane CLI was not found at "${binPath}".`
  return new AuthError(what, {
    code: 'membrane_missing',
    hint: 'Install it with `npm install -g @membranehq/cli` (or set CLOSE_MEMBRANE_BIN to its path), or try `--sandbox` for offline demo data.',
  })
}

/** Membrane did not finish within the timeout. */
export function timeoutError(timeoutMs: number): RemoteError {
  const secs = Number((timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0))
  return new RemoteError(`Membrane did not answer within ${secs} s.`, {
    code: 'timeout',
    details: {timeoutMs},
    hint: `Try again, or allow more time with CLOSE_MEMBRANE_TIMEOUT_MS (now ${timeoutMs}).`,
  })
}

/** A zero exit with no JSON where JSON was expected. */
export function badOutputError(stdout: string, stderr = ''): RemoteError {
  const snippet = stripAnsi(stdout).replaceAll(/\s+/g, ' ').trim().slice(0, 200)
  const said = firstLines(stderr, 2)
  const message =
    snippet === ''
      ? `Membrane printed no JSON${said ? ` (stderr: ${said})` : ''}.`
      : `Membrane printed something that is not JSON: "${snippet}"`
  return new RemoteError(shorten(message, 400), {
    code: 'bad_output',
    hint: 'Check that CLOSE_MEMBRANE_BIN is the Membrane CLI (`close status`), or run again with --debug.',
  })
}
