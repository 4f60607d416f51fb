/**
 * Typed Membrane operations on top of the gateway: one method per Membrane command, in the dialect
 * of the installed binary (design §7, reference/membrane-cli.md §4):
 *
 * - generation A: `action run ID --connectionId=… --input=… --json`, `request CONN PATH …`
 * - generation B: `act --id=ID --connectionId=… --input=… --json`,
 *   `act --connectionId=… --api={"method","path","query","headers","body"} --json`
 *
 * Which one a binary speaks is learnt once per binary (path, size and mtime) and kept in a
 * CapabilityStore: from `membrane --help` when `capabilities()` is asked (close status), else from
 * the "unknown command" answer of a first call, which is then sent again in the other dialect (an
 * unknown command ran nothing). With a warm cache every page is still ONE process.
 *
 * Close paths with or without `/api/v1` (reference §1.8, §5.8): learnt once per connection from the
 * first proxy 404 that is not Close's own "does not exist", kept in a BasePathStore.
 *
 * Argv convention (reference §1.0): positionals first, `--flag=value`, boolean flags last.
 */
import {existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {delimiter, dirname, join} from 'node:path'

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

import {AuthError, CliError, NotFoundError, RemoteError, UsageError} from '../errors.js'
import {findList, isObject, proxyAnswer, runOutput, shapeError} from './envelopes.js'
import {badOutputError, classifyOutcome} from './failures.js'
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

  // The last line of defence for connection IDs (session/connection-id.ts checks them with their source).
  if (what === 'connection ID' && !/^[A-Za-z\d][\w-]{0,127}$/.test(value)) {
    throw new UsageError(`Invalid connection ID: ${JSON.stringify(value)}.`, {
      code: 'invalid_connection_id',
      hint: 'A connection ID is letters, digits, _ and - (see `close connections list`).',
    })
  }

  return value
}

/** A list page in any envelope: bare array, `{items}`, `{data}`, `{records}`; plus its `cursor`. */
export function listEnvelope(value: unknown): {cursor?: string; items: unknown[]} {
  if (Array.isArray(value)) return {items: value}
  const list = findList(value)
  if (!list) return {items: []}
  return list.cursor ? {cursor: list.cursor, items: list.items} : {cursor: undefined, items: list.items}
}

/** A Membrane list page, or `bad_output` (a cut-off or foreign answer is never an empty list). */
function strictList(value: unknown): {cursor?: string; items: unknown[]} {
  const list = findList(value)
  if (!list) throw shapeError('a list', value)
  return {cursor: list.cursor, items: list.items}
}

/** A connection object from `connection list/get`, with `id` and `name` always set. */
function toConnection(value: Obj, fallbackId?: string): MembraneConnection {
  const id = str(value.id) ?? str(value.connectionId) ?? fallbackId ?? ''
  const integration = isObject(value.integration) ? value.integration : undefined
  const name = str(value.name) ?? str(integration?.name) ?? str(value.key) ?? id
  return {...value, id, name}
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

/** Which commands a binary speaks for running actions and for the proxy. */
export type Dialect = 'A' | 'B'

/** What is known about the installed binary (cached per binary; see CapabilityStore). */
export interface Capabilities {
  /** `A` (`action run`/`request`), `B` (`act`), `A+B` (both listed), `unknown` (not learnt yet). */
  generation: 'A' | 'A+B' | 'B' | 'unknown'
  /** Dialect for the proxy: `request` (A) or `act --api` (B). */
  proxy?: Dialect
  /** Dialect for running an action: `action run` (A) or `act --id` (B). */
  run?: Dialect
  /** How it was learnt: `help` (`membrane --help`), `answer` (an unknown-command answer), `cache`. */
  source?: 'answer' | 'cache' | 'help'
}

/** Where capabilities are kept between runs, by binary key (a port: a file under the cache dir, or memory). */
export interface CapabilityStore {
  get(key: string): Capabilities | undefined
  set(key: string, value: Capabilities): void
}

/** Where each connection's Close base path (`''` or `/api/v1`) is kept (beside the action IDs). */
export interface BasePathStore {
  get(connectionId: string): string | undefined
  /** May be async (a locked config write); the client waits for it. */
  set(connectionId: string, base: string): Promise<void> | void
}

export interface ClientOptions {
  basePaths?: BasePathStore
  capabilities?: CapabilityStore
}

/** A store that lives as long as the process (the default; tests). */
export function memoryStore<T>(): {get(key: string): T | undefined; set(key: string, value: T): void} {
  const map = new Map<string, T>()
  return {
    get: (key) => map.get(key),
    set(key, value) {
      map.set(key, value)
    },
  }
}

/**
 * A CapabilityStore in one small JSON file (e.g. `<cacheDir>/membrane-capabilities.json`), written
 * atomically (temp file + rename, mode 0600). A missing or unreadable file is an empty cache.
 */
export function fileCapabilityStore(file: string): CapabilityStore {
  const read = (): Record<string, Capabilities> => {
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'))
      return isObject(value) ? (value as Record<string, Capabilities>) : {}
    } catch {
      return {}
    }
  }

  return {
    get(key) {
      const entry = read()[key]
      return isObject(entry) && typeof entry.generation === 'string' ? entry : undefined
    },
    set(key, value) {
      try {
        mkdirSync(dirname(file), {recursive: true})
        const temp = `${file}.${process.pid}.tmp`
        writeFileSync(temp, `${JSON.stringify({...read(), [key]: value}, null, 2)}\n`, {mode: 0o600})
        renameSync(temp, file)
      } catch {
        // A cache that cannot be written costs one detection next run, nothing more.
      }
    },
  }
}

/**
 * The key capabilities are cached under: the binary's resolved path with its size and mtime (a new
 * version replaces the file), so no process is needed to know the cache is still right.
 */
export function binaryKey(binPath: string, binArgs: readonly string[] = [], env = process.env): string {
  let file = binPath
  if (!binPath.includes('/') && !binPath.includes('\\')) {
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (dir && existsSync(join(dir, binPath))) {
        file = join(dir, binPath)
        break
      }
    }
  }

  let stamp = ''
  try {
    const stat = statSync(realpathSync(file))
    stamp = `:${stat.size}:${Math.round(stat.mtimeMs)}`
  } catch {
    // not there (yet): keyed by name only
  }

  return [file, ...binArgs].join(' ') + stamp
}

/** Command names `membrane --help` lists (tokens; `connection-request` stays whole). */
export function helpCapabilities(help: string): Capabilities {
  const tokens = new Set(stripAnsi(help).split(/[\s,:|()[\]<>]+/))
  const hasAct = tokens.has('act')
  const hasRequest = tokens.has('request')
  if (hasAct && !hasRequest) return {generation: 'B', proxy: 'B', run: 'B', source: 'help'}
  if (hasRequest) return {generation: hasAct ? 'A+B' : 'A', proxy: 'A', run: 'A', source: 'help'}
  return {generation: 'unknown', source: 'help'}
}

function generationOf(run?: Dialect, proxy?: Dialect): Capabilities['generation'] {
  if (!run && !proxy) return 'unknown'
  if ((run ?? proxy) === (proxy ?? run)) return (run ?? proxy)!
  return 'A+B'
}

/** `act --api` query: repeated keys become arrays. */
function queryObject(query: ReadonlyArray<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of query) {
    const had = out[key]
    out[key] = had === undefined ? value : [had, value].flat()
  }

  return out
}

/**
 * The Membrane argv for one proxy request, in either dialect (the one function `raw --dry-run`
 * prints and the client runs). `path` is sent as given (with the connection's base path, if any,
 * already in front). A: `request CONN PATH --method=M --query=k=v… --header=K: V… --data=BODY`
 * (no `--json`: there it means "send a JSON body"); B: `act --connectionId=CONN --api=SPEC --json`.
 */
export function proxyArgv(dialect: Dialect, connectionId: string, request: ProxyRequest): string[] {
  const method = request.method.toUpperCase()
  const headers = {...request.headers}
  const hasBody = request.body !== undefined
  if (hasBody && !Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json'
  }

  const connection = positional(connectionId, 'connection ID')
  if (dialect === 'B') {
    const spec = {
      method,
      path: request.path,
      ...(request.query && request.query.length > 0 ? {query: queryObject(request.query)} : {}),
      ...(Object.keys(headers).length > 0 ? {headers} : {}),
      ...(hasBody ? {body: request.body} : {}),
    }
    return ['act', `--connectionId=${connection}`, `--api=${JSON.stringify(spec)}`, '--json']
  }

  const args = ['request', connection, request.path, `--method=${method}`]
  for (const [key, value] of request.query ?? []) args.push(`--query=${key}=${value}`)
  for (const [key, value] of Object.entries(headers)) args.push(`--header=${key}: ${value}`)
  if (hasBody) args.push(`--data=${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}`)
  return args
}

/** The Membrane argv that runs one action by ID, in either dialect. */
export function runArgv(dialect: Dialect, actionId: string, connectionId: string, input: unknown): string[] {
  const id = positional(actionId, 'action ID')
  const connection = `--connectionId=${positional(connectionId, 'connection ID')}`
  const json = `--input=${JSON.stringify(input ?? {})}`
  return dialect === 'B'
    ? ['act', `--id=${id}`, connection, json, '--json']
    : ['action', 'run', id, connection, json, '--json']
}

const UPDATE_HINT =
  'Install the current Membrane CLI with `npm install -g @membranehq/cli@latest` (or point CLOSE_MEMBRANE_BIN at it); `close status` shows what is installed.'

function isUnsupported(error: unknown): boolean {
  return error instanceof CliError && error.code === 'membrane_unsupported'
}

/** Neither dialect worked: say exactly that (the binary is older than both, or not @membranehq/cli). */
function neitherDialect(what: 'proxy' | 'run'): RemoteError {
  const commands =
    what === 'run'
      ? '`action run` (generation A) nor `act --id` (generation B)'
      : '`request` (generation A) nor `act --api` (generation B)'
  return new RemoteError(`This Membrane CLI knows neither ${commands}.`, {
    code: 'membrane_unsupported',
    hint: UPDATE_HINT,
  })
}

/** A Close 404 that is Close's own "no such object" (not a routing 404 from a wrong base path). */
function isCloseObjectMissing(error: NotFoundError): boolean {
  const body = error.details?.body
  const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body)
  return /does not exist|matching query|not found: (?:lead|contact|opportunit|task|activit|user)/i.test(text)
}

const API_V1 = '/api/v1'

export class MembraneClient {
  private readonly basePaths: BasePathStore
  private known?: Capabilities
  private readonly store: CapabilityStore

  constructor(
    readonly gateway: MembraneGateway,
    options: ClientOptions = {},
  ) {
    this.basePaths = options.basePaths ?? memoryStore<string>()
    this.store = options.capabilities ?? memoryStore<Capabilities>()
  }

  /**
   * What the installed binary speaks (`close status`): from the cache, else from `membrane --help`
   * (one process), then cached. Never throws for a binary that cannot say: `generation: unknown`.
   */
  async capabilities(): Promise<Capabilities> {
    const cached = this.cached()
    if (cached && cached.generation !== 'unknown') return cached
    const help = await this.gateway.text(['--help'])
    const found = helpCapabilities(`${help.stdout}\n${help.stderr}`)
    if (found.generation !== 'unknown') this.remember(found)
    return found
  }

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
   * One real read through the proxy (GET /me/, the current Close user), so `close status` never
   * reports healthy when data calls would fail: throws the same typed errors data commands meet.
   */
  async healthRead(connectionId: string): Promise<Record<string, unknown>> {
    const response = await this.request(connectionId, {method: 'GET', path: '/me/'}, {retry: true})
    if (!isObject(response.body) || typeof response.body.id !== 'string') {
      throw shapeError('the current Close user (GET /me/)', response.body)
    }

    return response.body
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

  /** The argv a proxy request would be sent with now (dialect and base path as cached): for `raw --dry-run`. */
  proxyArgs(connectionId: string, request: ProxyRequest): string[] {
    return proxyArgv(this.cached()?.proxy ?? 'A', connectionId, {
      ...request,
      path: this.withBase(connectionId, request.path),
    })
  }

  /**
   * One Close REST call through the proxy, in the binary's dialect (proxyArgv), with the
   * connection's base path in front. A wrapped `{status, headers, data|body}` (body an object or a
   * JSON string) is unwrapped; a bare body is status 200; a non-JSON body stays text. Close failures
   * throw the gateway's typed errors with `details: {status, body}`.
   *
   * The first 404 on a connection whose base path is not known yet, when it is not Close's own "does
   * not exist", is checked with GET /me/ without and with `/api/v1`; only when `/api/v1` answers is the
   * request sent again there (a routing 404 ran nothing). The base path found is cached per connection.
   */
  async request(connectionId: string, request: ProxyRequest, options: CallOptions = {}): Promise<ProxyResponse> {
    if (!request.path.startsWith('/')) {
      throw new UsageError(`The API path must start with "/": ${JSON.stringify(request.path)}.`, {
        hint: 'For example `/lead/` or `/me/`.',
      })
    }

    const known = this.basePaths.get(connectionId)
    const send = (path: string, sent: ProxyRequest = request, sendOptions: CallOptions = options) =>
      this.inDialect('proxy', async (dialect) =>
        proxyAnswer(
          await this.gateway.json(proxyArgv(dialect, connectionId, {...sent, path}), {...sendOptions, proxy: true}),
        ),
      )
    if (known !== undefined || request.path.startsWith('/api/')) return send(`${known ?? ''}${request.path}`)
    try {
      const answer = await send(request.path)
      await this.basePaths.set(connectionId, '')
      return answer
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error
      if (isCloseObjectMissing(error)) {
        await this.basePaths.set(connectionId, '')
        throw error
      }

      // A 404 that is not Close's "does not exist": probe GET /me/ (a cheap read, never the write
      // again) without and with /api/v1; only when /api/v1 is the answer is the request sent again.
      const me: ProxyRequest = {method: 'GET', path: '/me/'}
      const isMe = request.method.toUpperCase() === 'GET' && request.path === '/me/' && !request.query?.length
      if (!isMe) {
        try {
          await send('/me/', me, {retry: false})
          await this.basePaths.set(connectionId, '')
          throw error
        } catch (probeError) {
          if (probeError === error || !(probeError instanceof NotFoundError)) throw error
        }
      }

      let probed: ProxyResponse
      try {
        probed = await send(`${API_V1}/me/`, me, isMe ? options : {retry: false})
      } catch (probeError) {
        if (isMe && !(probeError instanceof NotFoundError)) throw probeError
        throw error
      }

      await this.basePaths.set(connectionId, API_V1)
      return isMe ? probed : send(`${API_V1}${request.path}`)
    }
  }

  /**
   * Run an action by ID, in the binary's dialect (runArgv): `action run` (A) or `act --id` (B).
   * Returns the `output` field (or the whole value when there is none).
   */
  async runAction(actionId: string, connectionId: string, input: unknown, options: CallOptions = {}): Promise<unknown> {
    return this.inDialect('run', async (dialect) =>
      runOutput(await this.gateway.json(runArgv(dialect, actionId, connectionId, input), options)),
    )
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

  private cached(): Capabilities | undefined {
    if (this.known) return this.known
    const {binArgs, binPath} = this.gateway.options
    const stored = this.store.get(binaryKey(binPath, binArgs))
    if (stored) this.known = {...stored, source: 'cache'}
    return this.known
  }

  /**
   * Run `call` in the cached dialect for `what` (A when nothing is known); when the binary answers
   * that it does not know the command, run it once in the other dialect and cache whichever worked.
   */
  private async inDialect<T>(what: 'proxy' | 'run', call: (dialect: Dialect) => Promise<T>): Promise<T> {
    const cached = this.cached()?.[what]
    const first: Dialect = cached ?? 'A'
    try {
      const result = await call(first)
      if (!cached) this.remember({source: 'answer', [what]: first})
      return result
    } catch (error) {
      if (!isUnsupported(error)) throw error
    }

    const other: Dialect = first === 'A' ? 'B' : 'A'
    let result: T
    try {
      result = await call(other)
    } catch (error) {
      if (isUnsupported(error)) throw neitherDialect(what)
      throw error
    }

    this.remember({source: 'answer', [what]: other})
    return result
  }

  /** Every item of a list command, following `cursor` when asked. `--json` goes last. */
  private async listAll(baseArgs: string[], follow: boolean): Promise<unknown[]> {
    const items: unknown[] = []
    const seen = new Set<string>()
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const args = [...baseArgs, ...(cursor ? [`--cursor=${cursor}`] : []), '--json']

      const envelope = strictList(await this.gateway.json(args, READ))
      items.push(...envelope.items)
      if (!follow || !envelope.cursor || seen.has(envelope.cursor) || envelope.items.length === 0) break
      seen.add(envelope.cursor)
      cursor = envelope.cursor
    }

    return items
  }

  private remember(found: Partial<Capabilities>): void {
    const run = found.run ?? this.known?.run
    const proxy = found.proxy ?? this.known?.proxy
    const next: Capabilities = {generation: generationOf(run, proxy), source: found.source ?? 'answer'}
    if (run) next.run = run
    if (proxy) next.proxy = proxy
    this.known = next
    const {binArgs, binPath} = this.gateway.options
    this.store.set(binaryKey(binPath, binArgs), next)
  }

  private withBase(connectionId: string, path: string): string {
    const base = path.startsWith('/api/') ? '' : (this.basePaths.get(connectionId) ?? '')
    return `${base}${path}`
  }
}
