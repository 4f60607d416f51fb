/**
 * Membrane failures → the typed errors of ../errors.ts (design §8, reference/membrane-cli.md §3.6
 * and §5.3, reference/close-api.md §6–§7). Pure functions: the gateway spawns, this file decides
 * what a finished process meant and whether it is worth retrying.
 */
import {AuthError, type CliError, NotFoundError, RateLimitError, RemoteError} from '../errors.js'
import {isObject, isWrappedResponse, wrappedBody} from './envelopes.js'
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
  /** Which named rule of FAILURE_RULES decided (`fallback` when none did). */
  rule?: string
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
  /** Every object in the error and its `causedByError`/`cause` chain, for status/body/header look-ups. */
  layers: Obj[]
  /** `type`, `key` and `code` of every layer, lower case (a connection error may sit under an action_run one). */
  marks: Set<string>
  message?: string
  status?: number
  type?: string
}

const MESSAGE_MAX = 300
const LOGIN_HINT = 'Run `close login`.'
const DEBUG_HINT = 'Run again with --debug to see the Membrane call, or check `close status`.'

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

export {isObject, isWrappedResponse, wrappedBody} from './envelopes.js'

/** A JSON object on stderr of a failed call that is an error: isErrorPayload, or Membrane's `type`/`key`/`code`/`causedByError`. */
function looksLikeError(value: unknown): boolean {
  return (
    isErrorPayload(value) || (isObject(value) && ['causedByError', 'code', 'key', 'type'].some((key) => key in value))
  )
}

/** How deep a `causedByError` chain is followed. */
const MAX_CAUSES = 8

/** One layer of an error, with a nested `error` object merged over it. */
function flatten(value: Obj): Obj {
  return isObject(value.error) ? {...value, ...value.error} : value
}

function membraneError(value: unknown): MembraneErrorInfo | undefined {
  if (!isObject(value)) return undefined
  const inner = isObject(value.error) ? value.error : undefined
  const base: Obj = flatten(value)
  const errorText = inner ? undefined : str(value.error)
  const layers: Obj[] = []
  const marks = new Set<string>()
  let layer: unknown = base
  for (let depth = 0; depth < MAX_CAUSES && isObject(layer); depth++) {
    const flat = flatten(layer)
    layers.push(flat)
    for (const mark of [flat.type, flat.key, flat.code, isObject(flat.data) ? flat.data.state : undefined]) {
      if (typeof mark === 'string' && mark !== '') marks.add(mark.toLowerCase())
    }

    layer = flat.causedByError ?? flat.cause
  }

  if (errorText && /^[\w.-]+$/.test(errorText)) marks.add(errorText.toLowerCase())
  return {
    code: str(base.code) ?? (errorText && /^[\w.-]+$/.test(errorText) ? errorText : undefined),
    data: base.data,
    key: str(base.key),
    layers,
    marks,
    message: str(base.message) ?? errorText ?? (inner ? undefined : str(value.detail)),
    status: num(base.status) ?? num(base.statusCode) ?? num(base.httpStatus),
    type: str(base.type),
  }
}

/** An HTTP status in any wording: `HTTP 404`, `HTTP/1.1 429 …`, `Request failed with status code 404`, `status: 500`. */
const STATUS_TEXT = /\bHTTP(?:\/\d(?:\.\d)?)?\s+(\d{3})\b|\bstatus(?:[ _]?code)?\s*[:=]?\s*(\d{3})\b/i

/** The HTTP status a text names, in any wording (STATUS_TEXT). */
export function statusInText(text: string | undefined): number | undefined {
  if (!text) return undefined
  const match = STATUS_TEXT.exec(stripAnsi(text))
  return match ? Number(match[1] ?? match[2]) : undefined
}

/** `HTTP 404` / `HTTP/1.1 429 Too Many Requests` on stderr: the status of a proxied Close response. */
export function stderrStatus(stderr: string): number | undefined {
  return statusInText(stderr)
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
 * `RateLimit: …reset=N`, `RateLimit-Reset`, `X-Rate-Limit-Reset`, Membrane's `retryAfter`/`data.retryAfter`
 * (seconds), or Close's old `rate_reset`.
 */
export function retryAfterMs(headerSets: Obj[], stderr = '', body?: unknown, layers: Obj[] = []): number | undefined {
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

  // Membrane's own `retryAfter` (seconds), on the error or in its `data`, at any depth of the cause chain.
  for (const layer of layers) {
    for (const holder of [layer, isObject(layer.data) ? layer.data : {}]) {
      const given = holder.retryAfter ?? holder.retry_after
      const value = seconds(typeof given === 'number' ? String(given) : str(given))
      if (value !== undefined) return value
    }
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
function closeResponseInError(info: MembraneErrorInfo, passThrough = false): CloseResponse | undefined {
  const runError = lower(info.type) === 'action_run' || passThrough
  for (const layer of info.layers) {
    if (!isObject(layer.data)) continue
    const found = closeInData(layer.data, runError || lower(str(layer.type)) === 'action_run')
    if (found) return {...found, headers: [...found.headers, ...headerObjects(layer)]}
  }

  if (!runError) return undefined
  for (const layer of info.layers) {
    const status = statusInText(str(layer.message))
    if (status !== undefined) return {body: null, headers: headerObjects(layer), status}
  }

  return undefined
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

const RATE_LIMIT_KEYS = new Set(['rate_limit_exceeded', 'too_many_requests'])
const LOGIN_KEYS = new Set(['not_authenticated', 'unauthenticated'])
/** Connection-type markers (reference §3.2, §3.6, §5.3): the type, its keys, the newer code, states that are not READY. */
const CONNECTION_MARKS = new Set([
  'access_token_expired',
  'client_action_required',
  'configuration_error',
  'connection',
  'connection_disconnected',
  'connection_is_defunct',
  'disconnected',
  'disconnecting',
  'setup_failed',
])
const UNSUPPORTED =
  /unknown (?:command|option|flag|argument|subcommand)|unrecognized (?:command|option|argument)|unexpected argument|too many arguments|invalid command|is not a (?:valid |membrane )?command|did you mean/i
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
  // An error may come as JSON on stderr only (stdout empty), or as JSON on both channels.
  const fromStderr = !json.found || !isErrorPayload(value) ? extractJson(stderr) : {found: false as const}
  const errorValue = fromStderr.found && looksLikeError(fromStderr.value) ? fromStderr.value : value
  const info = wrapped ? undefined : membraneError(errorValue)
  const base = {json, membraneShaped: false, outcome, reason: firstLines(stderr) || undefined, stderr, text: stderr}
  if (!info) {
    const close = closeResponseInProxy(outcome, value, json.found)
    return {...base, close, membraneStatus: close ? undefined : stderrStatus(stderr)}
  }

  const passThrough = Boolean(outcome.proxy) || outcome.args[0] === 'act'
  const close = closeResponseInError(info, passThrough) ?? closeResponseInProxy(outcome, value, json.found)
  return {
    ...base,
    close,
    code: lower(info.code),
    info,
    key: lower(info.key),
    membraneShaped: Boolean(info.type || info.key || info.code),
    membraneStatus: info.status ?? (close ? undefined : stderrStatus(stderr)),
    reason: info.message ? shorten(info.message) : errorValue === value ? base.reason : undefined,
    text: [...info.layers.map((layer) => str(layer.message)), info.key, info.code, stderr].filter(Boolean).join(' '),
    type: lower(info.type),
  }
}

const marked = (info: MembraneErrorInfo | undefined, names: ReadonlySet<string>): boolean =>
  [...(info?.marks ?? [])].some((mark) => names.has(mark))

/**
 * The named rules, tried in order; the first that matches decides. Each has a table test in
 * test/unit/membrane/failures.test.ts.
 */
export const FAILURE_RULES: ReadonlyArray<{name: string; rule: Rule}> = [
  {
    // Membrane's own key at any depth of the cause chain, or a 429 Membrane answered with.
    name: 'rate-limit',
    rule({close, code, info, key, membraneStatus, reason, stderr}) {
      const limited = key === 'rate_limit_exceeded' || code === 'rate_limit_exceeded' || marked(info, RATE_LIMIT_KEYS)
      if (!limited && membraneStatus !== 429) return
      const layers = info?.layers ?? []
      const headers = layers.flatMap((layer) => [
        ...headerObjects(layer),
        ...(isObject(layer.data) ? headerObjects(layer.data) : []),
      ])
      const retryAfter = retryAfterMs(headers, stderr, close?.body, layers)
      return {error: rateLimited(reason), retryable: true, retryAfterMs: retryAfter}
    },
  },
  {
    name: 'not-authenticated',
    rule: ({info}) => (marked(info, LOGIN_KEYS) ? final(notLoggedIn()) : undefined),
  },
  {
    // `type: connection`, connection keys/codes and not-READY states, at any depth of the cause chain.
    name: 'connection',
    rule({info, outcome, reason}) {
      if (!marked(info, CONNECTION_MARKS)) return
      const messages = (info?.layers ?? []).map((layer) => str(layer.message) ?? '').join(' ')
      if (CONNECTION_NOT_FOUND.test(messages)) return final(connectionNotFound(outcome, info))
      const connectionLayer = info?.layers.find((layer) => lower(str(layer.type)) === 'connection')
      const why = str(connectionLayer?.message) ?? reason
      return final(connectionNotReady(outcome, info, why === undefined ? undefined : shorten(why)))
    },
  },
  {
    // Close's status and body passed through (proxy, action_run data, "status code 404" wording).
    name: 'close-response',
    rule: ({close, info, outcome}) => (close ? closeFailure(close, outcome, info) : undefined),
  },
  {
    name: 'membrane-401',
    rule: ({membraneStatus}) => (membraneStatus === 401 ? final(notLoggedIn()) : undefined),
  },
  {
    name: 'access-denied',
    rule: ({key, membraneStatus, reason}) =>
      key === 'access_denied' || membraneStatus === 403
        ? final(
            new AuthError(shorten(withStop(`Membrane denied access${reason ? `: ${reason}` : ''}`)), {
              code: 'access_denied',
              hint: 'Log in with an account that can use this workspace: `close login`.',
            }),
          )
        : undefined,
  },
  {
    name: 'not-found',
    rule({code, info, key, membraneStatus, outcome, reason, text}) {
      if (key !== 'not_found' && code !== 'not_found' && membraneStatus !== 404) return
      const aboutConnection =
        (info?.message && CONNECTION_NOT_FOUND.test(info.message)) ||
        (outcome.args[0] === 'connection' && !/action/i.test(text))
      if (aboutConnection) return final(connectionNotFound(outcome, info))
      const isAction =
        /\baction\b/i.test(info?.message ?? '') ||
        ((outcome.args[0] === 'action' || outcome.args[0] === 'act') && !info?.message)
      return final(
        new NotFoundError(shorten(withStop(reason ?? 'Membrane found nothing')), {
          code: isAction ? 'action_not_found' : 'membrane_not_found',
          hint: isAction
            ? 'The action is gone from this connection; `close actions list` shows the current ones.'
            : DEBUG_HINT,
        }),
      )
    },
  },
  {
    name: 'membrane-5xx',
    rule: ({membraneStatus, reason, type}) =>
      (membraneStatus !== undefined && membraneStatus >= 500) || type === 'internal'
        ? {error: membraneFailed(reason ?? `HTTP ${membraneStatus ?? 500}`), retryable: true}
        : undefined,
  },
  {
    // A Close error body without a status (a zero exit from `membrane request`, or an action's output).
    name: 'close-body',
    rule({json, membraneShaped, outcome}) {
      if (membraneShaped || !json.found) return
      const found = fieldErrorsOf(json.value)
      if (found && Object.keys(found.fieldErrors).length > 0) return final(validationError(found, {body: json.value}))
      const message = closeText(json.value)
      if (message && /does not exist|not found/i.test(message)) {
        return closeFailure({body: json.value, headers: [], status: 404}, outcome)
      }
    },
  },
  {
    // The binary does not have this command or option (the client then tries the other generation).
    name: 'unsupported',
    rule: ({reason, text}) =>
      UNSUPPORTED.test(text)
        ? final(
            membraneFailed(
              reason ?? 'the command is not supported',
              'membrane_unsupported',
              'This Membrane CLI does not know the command; `close status` shows its version and generation.',
            ),
          )
        : undefined,
  },
  {
    name: 'text',
    rule({info, outcome, reason, text}) {
      if (CONNECTION_NOT_FOUND.test(text)) return final(connectionNotFound(outcome, info))
      if (CONNECTION_TEXT.test(text)) return final(connectionNotReady(outcome, info, reason))
      return LOGIN_TEXT.test(text) ? final(notLoggedIn()) : undefined
    },
  },
]

/** The typed error for a failed process (see classifyOutcome for what counts as failed). */
export function mapFailure(outcome: Outcome): Failure {
  const facts = gatherFacts(outcome)
  for (const {name, rule} of FAILURE_RULES) {
    const failure = rule(facts)
    if (failure) return {...failure, rule: name}
  }

  if (facts.reason) return fallback(membraneFailed(facts.reason))
  const nothing =
    outcome.exitCode === 0 ? 'it printed an error' : `it exited with code ${outcome.exitCode} and printed no reason`
  return fallback(membraneFailed(nothing))
}

/** What no rule recognised: a plain Membrane failure. */
function fallback(error: CliError): Failure {
  return {...final(error), rule: 'fallback'}
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
