/**
 * Typed Membrane operations on top of the gateway: which argv each command takes, and how each
 * output variant of reference/membrane-cli.md §5 is normalised. Holds no state beyond the gateway.
 *
 * Argv convention (reference §1.0): positionals first, `--flag=value`, boolean flags last.
 */
import type {CallOptions, MembraneGateway} from './gateway.js'
import type {
  ConnectionRequestStatus,
  ConnectResult,
  LoginStart,
  MembraneAction,
  MembraneConnection,
  MembraneSearchItem,
  MembraneStatus,
  MembraneVersion,
  ProxyRequest,
  ProxyResponse,
} from './types.js'

import {AuthError, RemoteError, UsageError} from '../errors.js'
import {badOutputError, classifyOutcome, isObject, isWrappedResponse, wrappedBody} from './failures.js'
import {findUrl, stripAnsi} from './parse-output.js'

type Obj = Record<string, unknown>

const READ: CallOptions = {retry: true}
/** Stop following `cursor` after this many pages (a CLI that repeats cursors must not loop forever). */
const MAX_PAGES = 50
/** A login prints its URL on a whole line; stop waiting for it a moment after that. */
const URL_LINE = /https?:\/\/\S+\s/
const UNKNOWN_OPTION =
  /unknown (?:option|flag|argument)|unrecognized (?:option|argument)|unexpected (?:option|argument)/i

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** A value that goes into a positional slot must not be read as a flag (design §10). */
function positional(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.startsWith('-')) {
    throw new UsageError(`Invalid ${what}: ${JSON.stringify(value)}.`, {
      hint: `Pass a ${what} that does not start with "-".`,
    })
  }

  return value
}

/** A list page in any envelope: bare array, `{items}`, `{data}`, `{records}`; plus its `cursor`. */
export function listEnvelope(value: unknown): {cursor?: string; items: unknown[]} {
  if (Array.isArray(value)) return {items: value}
  if (!isObject(value)) return {items: []}
  const list = [value.items, value.data, value.records, value.results].find((candidate) => Array.isArray(candidate))
  const cursor = str(value.cursor) ?? str(value.nextCursor) ?? str(value.next_cursor)
  return {cursor, items: (list as undefined | unknown[]) ?? []}
}

/** A connection object from `connection list/get`, with `id` and `name` always set. */
function toConnection(value: Obj, fallbackId?: string): MembraneConnection {
  const id = str(value.id) ?? str(value.connectionId) ?? fallbackId ?? ''
  const integration = isObject(value.integration) ? value.integration : undefined
  const name = str(value.name) ?? str(integration?.name) ?? str(value.key) ?? id
  return {...value, id, name}
}

function headersOf(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  if (!isObject(value)) return headers
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue
    headers[key.toLowerCase()] = Array.isArray(item) ? item.map(String).join(', ') : String(item)
  }

  return headers
}

/** Whether a status object says the user is logged in. */
function loggedInFrom(value: Obj): boolean {
  for (const key of ['loggedIn', 'isLoggedIn', 'authenticated', 'isAuthenticated', 'logged_in']) {
    if (typeof value[key] === 'boolean') return value[key] as boolean
  }

  if (isObject(value.user) || str(value.user) || str(value.email)) return true
  return false
}

function userFrom(value: Obj): string | undefined {
  const user = isObject(value.user) ? value.user : undefined
  return str(value.email) ?? str(user?.email) ?? str(user?.name) ?? str(value.user)
}

/** `connect` output in any of its shapes (reference §5.2) → IDs, state and the auth URL. */
function connectResult(raw: unknown, fallbackId?: string): ConnectResult {
  const value = isObject(raw) ? raw : {}
  const nested = isObject(value.connection) ? value.connection : {}
  const request = str(value.requestId) ?? str(value.connectionRequestId)
  const clientAction = [value.clientAction, nested.clientAction].find((candidate) => isObject(candidate)) as
    Obj | undefined
  const connectionId =
    (request ? undefined : str(value.id)) ??
    str(value.connectionId) ??
    str(value.resultConnectionId) ??
    str(nested.id) ??
    fallbackId
  const url = str(clientAction?.uiUrl) ?? str(value.url) ?? str(value.uiUrl) ?? str(value.authUrl)
  const state = str(value.state) ?? str(nested.state)
  return {
    connectionId,
    raw,
    ...(request ? {requestId: request} : {}),
    ...(state ? {state} : {}),
    ...(url ? {url} : {}),
  }
}

export class MembraneClient {
  constructor(readonly gateway: MembraneGateway) {}

  /**
   * `membrane connect --connectorId=ID --non-interactive --json` (or `--connectionId=ID` to
   * re-authenticate). Accepts a connection object (`id`, `clientAction.uiUrl`), `{connectionId}`,
   * `{resultConnectionId}` or a connection request `{requestId, url}`; without JSON, the first URL printed.
   */
  async connect(target: {connectionId?: string; connectorId?: string}): Promise<ConnectResult> {
    const selector = target.connectionId
      ? `--connectionId=${positional(target.connectionId, 'connection ID')}`
      : `--connectorId=${positional(target.connectorId ?? '', 'connector ID')}`
    const result = await this.gateway.run(['connect', selector, '--non-interactive', '--json'])
    if (!result.json.found) {
      const url = findUrl(`${result.stdout}\n${result.stderr}`)
      if (!url) throw badOutputError(result.stdout, result.stderr)
      return {connectionId: target.connectionId, raw: stripAnsi(result.stdout).trim(), url}
    }

    return connectResult(result.json.value, target.connectionId)
  }

  /** `membrane connection get ID --json` */
  async getConnection(id: string): Promise<MembraneConnection> {
    const value = await this.gateway.json(['connection', 'get', positional(id, 'connection ID'), '--json'], READ)
    const object = isObject(value) ? value : {}
    const inner = [object.connection, object.item, object.data].find(
      (candidate) => isObject(candidate) && typeof candidate.id === 'string',
    )
    return toConnection((inner as Obj | undefined) ?? object, id)
  }

  /** `membrane connection-request get REQUEST_ID --json` → its status and, on success, the connection ID. */
  async getConnectionRequest(requestId: string): Promise<ConnectionRequestStatus> {
    const value = await this.gateway.json(
      ['connection-request', 'get', positional(requestId, 'connection request ID'), '--json'],
      READ,
    )
    const object = isObject(value) ? value : {}
    const connectionId = str(object.resultConnectionId) ?? str(object.connectionId)
    const error = object.resultError ?? object.error
    return {
      raw: value,
      status: (str(object.status) ?? (connectionId ? 'success' : 'pending')).toLowerCase(),
      ...(connectionId ? {connectionId} : {}),
      ...(error === undefined || error === null ? {} : {error}),
    }
  }

  /**
   * `membrane action list --connectionId=ID [--intent=TEXT] [--limit=N] --json` → items (bare array
   * or `{items}`); without a limit, `cursor` is followed (`--cursor=…`).
   */
  async listActions(connectionId: string, intent?: string, limit?: number): Promise<MembraneAction[]> {
    const args = ['action', 'list', `--connectionId=${positional(connectionId, 'connection ID')}`]
    if (intent !== undefined && intent !== '') args.push(`--intent=${intent}`)
    if (limit !== undefined) args.push(`--limit=${limit}`)
    const items = await this.listAll(args, limit === undefined)
    return items.filter((item): item is MembraneAction => isObject(item) && typeof item.id === 'string')
  }

  /** `membrane connection list --json` → connections (bare array or `{items}`), following `cursor`. */
  async listConnections(): Promise<MembraneConnection[]> {
    const items = await this.listAll(['connection', 'list'], true)
    return items
      .filter((item) => isObject(item) && (str(item.id) ?? str(item.connectionId)))
      .map((item) => toConnection(item as Obj))
  }

  /** `membrane login complete CODE` */
  async loginComplete(code: string): Promise<void> {
    await this.gateway.run(['login', 'complete', positional(code.trim(), 'login code')])
  }

  /**
   * `membrane login --tenant` headless; returns the first http(s) URL found on stdout or stderr.
   * Retried without `--tenant` when the CLI says the option is unknown. A login that keeps running
   * after printing its URL is stopped a moment later (the code is completed by `loginComplete`).
   */
  async loginStart(): Promise<LoginStart> {
    let args = ['login', '--tenant']
    let result = await this.gateway.text(args, {until: URL_LINE})
    let output = `${result.stdout}${result.stdout && result.stderr ? '\n' : ''}${result.stderr}`
    if (!findUrl(output) && result.exitCode !== 0 && UNKNOWN_OPTION.test(output)) {
      args = ['login']
      result = await this.gateway.text(args, {until: URL_LINE})
      output = `${result.stdout}${result.stdout && result.stderr ? '\n' : ''}${result.stderr}`
    }

    const url = findUrl(output)
    if (url) return {output: stripAnsi(output).trim(), url}
    const failure = classifyOutcome({...result, args})
    if (failure) throw failure.error
    const said = stripAnsi(output).replaceAll(/\s+/g, ' ').trim().slice(0, 200)
    throw new RemoteError(`membrane login printed no authorization URL${said ? `: "${said}"` : '.'}`, {
      code: 'login_no_url',
      hint: 'Run `membrane login --tenant` yourself, then `close status`; `--debug` shows the call.',
    })
  }

  /** `membrane logout` */
  async logout(): Promise<void> {
    await this.gateway.run(['logout'])
  }

  /**
   * `membrane request CONNECTION_ID PATH --method=M --query=k=v … --header=K: V … --data=JSON`
   * (plus `--header=Content-Type: application/json` with a body; no `--json`, which means "send a
   * JSON body" there). A string body is sent verbatim, anything else JSON-encoded. A wrapped
   * `{status, headers, data|body}` is unwrapped; a bare body is status 200. Close failures throw the
   * gateway's typed errors with `details: {status, body}`.
   */
  async request(connectionId: string, request: ProxyRequest, options: CallOptions = {}): Promise<ProxyResponse> {
    if (!request.path.startsWith('/')) {
      throw new UsageError(`The API path must start with "/": ${JSON.stringify(request.path)}.`, {
        hint: 'For example `/lead/` or `/me/`.',
      })
    }

    const args = [
      'request',
      positional(connectionId, 'connection ID'),
      request.path,
      `--method=${request.method.toUpperCase()}`,
    ]
    for (const [key, value] of request.query ?? []) args.push(`--query=${key}=${value}`)
    const headers = Object.entries(request.headers ?? {})
    for (const [key, value] of headers) args.push(`--header=${key}: ${value}`)
    if (request.body !== undefined) {
      if (!headers.some(([key]) => key.toLowerCase() === 'content-type')) {
        args.push('--header=Content-Type: application/json')
      }

      args.push(`--data=${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}`)
    }

    const value = await this.gateway.json(args, {...options, proxy: true})
    if (isWrappedResponse(value)) {
      return {body: wrappedBody(value), headers: headersOf(value.headers), status: value.status}
    }

    return {body: value, headers: {}, status: 200}
  }

  /** `membrane action run ACTION_ID --connectionId=ID --input=JSON --json` → the `output` field (or the whole value). */
  async runAction(actionId: string, connectionId: string, input: unknown, options: CallOptions = {}): Promise<unknown> {
    const value = await this.gateway.json(
      [
        'action',
        'run',
        positional(actionId, 'action ID'),
        `--connectionId=${positional(connectionId, 'connection ID')}`,
        `--input=${JSON.stringify(input ?? {})}`,
        '--json',
      ],
      options,
    )
    return isObject(value) && 'output' in value ? value.output : value
  }

  /** `membrane search QUERY --elementType=TYPE --json` → items (`{elementType, element}`; bare elements are wrapped). */
  async search(query: string, elementType: string): Promise<MembraneSearchItem[]> {
    const value = await this.gateway.json(
      ['search', positional(query, 'search text'), `--elementType=${elementType}`, '--json'],
      READ,
    )
    const items: MembraneSearchItem[] = []
    for (const item of listEnvelope(value).items) {
      if (!isObject(item)) continue
      if (isObject(item.element) && typeof item.element.id === 'string') {
        items.push({
          element: item.element as MembraneSearchItem['element'],
          elementType: str(item.elementType) ?? elementType,
        })
      } else if (typeof item.id === 'string') {
        items.push({element: item as MembraneSearchItem['element'], elementType: str(item.elementType) ?? elementType})
      }
    }

    return items
  }

  /**
   * `membrane status --json` → loggedIn from `loggedIn`/`isLoggedIn`/`authenticated` or the
   * presence of a `user`/`email`; a not-authenticated error is `loggedIn: false`.
   */
  async status(): Promise<MembraneStatus> {
    let result
    try {
      result = await this.gateway.run(['status', '--json'], READ)
    } catch (error) {
      if (error instanceof AuthError && error.code === 'not_logged_in') {
        return {loggedIn: false, raw: error.toJSON()}
      }

      throw error
    }

    if (result.json.found && isObject(result.json.value)) {
      const user = userFrom(result.json.value)
      return {loggedIn: loggedInFrom(result.json.value), raw: result.json.value, ...(user ? {user} : {})}
    }

    // No JSON: accept a plain-text status that clearly says either way, and nothing else.
    const text = stripAnsi(`${result.stdout}\n${result.stderr}`).trim()
    if (/not (?:logged|signed) in|logged out|not authenticated/i.test(text)) return {loggedIn: false, raw: text}
    if (/logged in|signed in|authenticated as/i.test(text)) return {loggedIn: true, raw: text}
    throw badOutputError(result.stdout, result.stderr)
  }

  /**
   * `membrane --version` → the version string, and whether it looks like @membranehq/cli rather than
   * the agent-skills plugin of the same name (v0.1.x; reference §1.0).
   */
  async version(): Promise<MembraneVersion> {
    const result = await this.gateway.text(['--version'])
    const raw = stripAnsi(result.stdout).trim() || stripAnsi(result.stderr).trim()
    const version = /\b(\d+\.\d+\.\d+(?:-[\w.]+)?)\b/.exec(raw)?.[1]
    const plugin =
      /agent-skills|claude|codex|\bplugin\b/i.test(raw) || (version !== undefined && version.startsWith('0.'))
    return {
      isMembraneCli: result.exitCode === 0 && version !== undefined && !plugin,
      raw,
      ...(version ? {version} : {}),
    }
  }

  /** Every item of a list command, following `cursor` when asked. `--json` goes last. */
  private async listAll(baseArgs: string[], follow: boolean): Promise<unknown[]> {
    const items: unknown[] = []
    const seen = new Set<string>()
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const args = [...baseArgs, ...(cursor ? [`--cursor=${cursor}`] : []), '--json']

      const envelope = listEnvelope(await this.gateway.json(args, READ))
      items.push(...envelope.items)
      if (!follow || !envelope.cursor || seen.has(envelope.cursor) || envelope.items.length === 0) break
      seen.add(envelope.cursor)
      cursor = envelope.cursor
    }

    return items
  }
}
