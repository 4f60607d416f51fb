/**
 * The sandbox's commands: the Membrane CLI contract of reference/membrane-cli.md as this CLI
 * uses it (login/status, search, connect, connection, action list/run, request).
 */
import {randomBytes} from 'node:crypto'

import type {ParsedArgs} from './args.js'
import type {CloseOpener} from './close-api.js'
import type {StoredConnection} from './state.js'

import {closeFailure, runAction, validateInput} from './actions.js'
import {bool, flag, intFlag} from './args.js'
import {actionId, actionView, findAction, rankActions} from './catalog.js'
import {SANDBOX_API_URI, SANDBOX_CLOSE_CONNECTOR_ID, SANDBOX_LOGIN_CODE, SANDBOX_USER_EMAIL} from './constants.js'
import {connectionNotFound, connectionNotReady, MembraneError, notAuthenticated, notFound} from './errors.js'
import {apiRequest, parseProxyRequest, proxyOutput} from './request.js'
import {
  beginAuthorization,
  connectionView,
  CONNECTORS,
  findConnection,
  isCloseConnection,
  isReady,
  loadState,
  updateState,
} from './state.js'

export interface Io {
  stderr(text: string): void
  stdinIsTTY: boolean
  stdout(text: string): void
}

export interface Context {
  args: ParsedArgs
  dir: string
  env: NodeJS.ProcessEnv
  io: Io
  json: boolean
  /** Opens the Close backend (the emulator, or what the caller of main() passed). */
  openClose: CloseOpener
}

const WORKSPACE_KEY = 'sandbox'
const TENANT_KEY = 'demo'

export function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** Refuse extra positionals beyond `count`, like a strict parser. */
function expectPositionals(ctx: Context, count: number, usage: string): void {
  if (ctx.args.positionals.length > count) {
    throw new MembraneError(
      'bad_request',
      `Unexpected argument '${ctx.args.positionals[count]}'. Usage: membrane ${usage}`,
    )
  }
}

function required(ctx: Context, index: number, usage: string): string {
  const value = ctx.args.positionals[index]
  if (value === undefined) throw new MembraneError('bad_request', `Missing argument. Usage: membrane ${usage}`)
  return value
}

async function requireLogin(ctx: Context) {
  const state = await loadState(ctx.dir)
  if (!state.loggedIn) throw notAuthenticated()
  return state
}

/** The connection named by --connectionId / --connectionKey, which must exist and be READY. */
async function readyConnection(ctx: Context, usage: string): Promise<StoredConnection> {
  const state = await requireLogin(ctx)
  const selector = flag(ctx.args, 'connectionId') ?? flag(ctx.args, 'connectionKey')
  if (!selector) throw new MembraneError('bad_request', `--connectionId is required. Usage: membrane ${usage}`)
  return ensureReady(state.connections, selector)
}

function ensureReady(connections: StoredConnection[], selector: string): StoredConnection {
  const connection = findConnection({connections, loggedIn: true, version: 1}, selector)
  if (!connection) throw connectionNotFound(selector)
  if (!isReady(connection)) throw connectionNotReady(connection.id, String(connectionView(connection).state))
  return connection
}

// ---------------------------------------------------------------------------------------------
// login / logout / status

export async function login(ctx: Context): Promise<number> {
  const sub = ctx.args.positionals[1]
  if (sub === 'complete') return loginComplete(ctx)
  if (sub !== undefined && sub !== 'start') {
    throw new MembraneError(
      'bad_request',
      `Unknown login subcommand '${sub}'. Usage: membrane login [--tenant] | login complete CODE`,
    )
  }

  expectPositionals(ctx, sub === undefined ? 1 : 2, 'login [--tenant] [--non-interactive]')
  const nonce = hex(16)
  await updateState(ctx.dir, (state) => {
    state.pendingLogin = {createdAt: new Date().toISOString(), state: nonce}
  })
  const params = new URLSearchParams({
    client_id: 'membrane-cli',
    code_challenge_method: 'S256',
    response_type: 'code',
    scope: bool(ctx.args, 'tenant') ? 'tenant' : 'platform-user',
    state: nonce,
  })
  const url = `${SANDBOX_API_URI}/oauth/authorize?${params}`
  ctx.io.stderr(
    [
      'Open this URL in a browser to log in to Membrane:',
      '',
      `  ${url}`,
      '',
      'After you approve, a code is shown. Then run: membrane login complete <code>',
      `(Sandbox: the code shown after approval is ${SANDBOX_LOGIN_CODE})`,
      '',
    ].join('\n'),
  )
  if (ctx.json) printJson(ctx.io, {next: 'membrane login complete <code>', url})
  return 0
}

async function loginComplete(ctx: Context): Promise<number> {
  const code = required(ctx, 2, 'login complete <authorization-code>')
  expectPositionals(ctx, 3, 'login complete <authorization-code>')
  await updateState(ctx.dir, (state) => {
    if (!state.pendingLogin) {
      throw new MembraneError('bad_request', 'No login in progress. Start one with: membrane login --tenant', {
        key: 'not_authenticated',
      })
    }

    if (code.trim() !== SANDBOX_LOGIN_CODE) {
      throw new MembraneError(
        'bad_request',
        'Invalid authorization code. Copy the code shown after approval, or start over with: membrane login --tenant',
        {key: 'not_authenticated'},
      )
    }

    state.loggedIn = true
    delete state.pendingLogin
  })
  if (ctx.json) {
    printJson(ctx.io, {ok: true, ...statusBody(true)})
  } else {
    ctx.io.stdout(`Logged in as ${SANDBOX_USER_EMAIL} (workspace ${WORKSPACE_KEY}, tenant ${TENANT_KEY}).\n`)
  }

  return 0
}

export async function logout(ctx: Context): Promise<number> {
  expectPositionals(ctx, 1, 'logout')
  await updateState(ctx.dir, (state) => {
    state.loggedIn = false
    delete state.pendingLogin
  })
  if (ctx.json) printJson(ctx.io, {ok: true})
  else ctx.io.stdout('Logged out.\n')
  return 0
}

function statusBody(loggedIn: boolean): Record<string, unknown> {
  if (!loggedIn) return {loggedIn: false}
  return {
    apiUri: SANDBOX_API_URI,
    loggedIn: true,
    tenantKey: TENANT_KEY,
    user: {email: SANDBOX_USER_EMAIL},
    workspaceKey: WORKSPACE_KEY,
  }
}

export async function status(ctx: Context): Promise<number> {
  expectPositionals(ctx, 1, 'status [--json]')
  const state = await loadState(ctx.dir)
  if (ctx.json) {
    printJson(ctx.io, statusBody(state.loggedIn))
  } else if (state.loggedIn) {
    ctx.io.stdout(
      `Logged in as ${SANDBOX_USER_EMAIL}\nAPI: ${SANDBOX_API_URI}\nWorkspace: ${WORKSPACE_KEY}  Tenant: ${TENANT_KEY}\n`,
    )
  } else {
    ctx.io.stdout('Not logged in. Run: membrane login --tenant\n')
  }

  return 0
}

// ---------------------------------------------------------------------------------------------
// search / connect / connection

export async function search(ctx: Context): Promise<number> {
  const usage = 'search <query> [--elementType=connector] [--limit=N] [--json]'
  const query = required(ctx, 1, usage).trim().toLowerCase()
  expectPositionals(ctx, 2, usage)
  await requireLogin(ctx)
  const type = flag(ctx.args, 'elementType')?.toLowerCase()
  const limit = intFlag(ctx.args, 'limit', 20, 100)
  const items =
    type && type !== 'connector'
      ? []
      : CONNECTORS.filter((c) => c.name.toLowerCase().includes(query) || c.key.includes(query))
          .slice(0, limit)
          .map((c) => ({element: {id: c.id, key: c.key, logoUri: c.logoUri, name: c.name}, elementType: 'connector'}))
  if (ctx.json) printJson(ctx.io, {items})
  else ctx.io.stdout(items.map((i) => `${i.elementType}\t${i.element.id}\t${i.element.name}\n`).join(''))
  return 0
}

export async function connect(ctx: Context): Promise<number> {
  const usage = 'connect (--connectorId=ID | --connectorKey=KEY | --connectionId=ID) [--non-interactive] [--json]'
  expectPositionals(ctx, 1, usage)
  await requireLogin(ctx)
  const connectionSelector = flag(ctx.args, 'connectionId') ?? flag(ctx.args, 'connectionKey')
  const connectorSelector =
    flag(ctx.args, 'connectorId') ?? flag(ctx.args, 'connectorKey') ?? flag(ctx.args, 'integrationKey')
  if (!connectionSelector && !connectorSelector)
    throw new MembraneError('bad_request', `Nothing to connect. Usage: membrane ${usage}`)
  const nonce = hex(8)
  const now = Date.now()
  let id = ''
  await updateState(ctx.dir, (state) => {
    if (!state.loggedIn) throw notAuthenticated()
    if (connectionSelector) {
      const existing = findConnection(state, connectionSelector)
      if (!existing) throw connectionNotFound(connectionSelector)
      beginAuthorization(existing, now, nonce)
      id = existing.id
      return
    }

    const connector = CONNECTORS.find((c) => c.id === connectorSelector || c.key === connectorSelector)
    if (!connector) throw notFound(`Connector ${connectorSelector} not found`)
    const taken = new Set(state.connections.map((c) => c.key))
    let {key} = connector
    for (let n = 2; taken.has(key); n++) key = `${connector.key}-${n}`
    const created: StoredConnection = {
      connectorId: connector.id,
      createdAt: new Date(now).toISOString(),
      id: hex(12),
      key,
      name: flag(ctx.args, 'name') ?? connector.name,
      updatedAt: new Date(now).toISOString(),
    }
    beginAuthorization(created, now, nonce)
    state.connections.push(created)
    id = created.id
  })

  let connection = findConnection(await loadState(ctx.dir), id) as StoredConnection
  const view = connectionView(connection)
  const url = (view.clientAction as {uiUrl: string}).uiUrl
  ctx.io.stderr(`Open this URL to authorize the connection:\n\n  ${url}\n\n`)
  // Interactive (a terminal, no --non-interactive): block until the user finished, like the real CLI.
  if (ctx.io.stdinIsTTY && !bool(ctx.args, 'non-interactive')) {
    await new Promise((resolve) => {
      setTimeout(resolve, Math.max(0, (connection.readyAt ?? 0) - Date.now()))
    })
    connection = findConnection(await loadState(ctx.dir), id) as StoredConnection
  }

  const result = connectionView(connection)
  if (ctx.json) printJson(ctx.io, result)
  else ctx.io.stdout(`Connection ${result.id} (${result.name}): ${result.state}\n`)
  return 0
}

function encodeOffset(offset: number): string {
  return Buffer.from(String(offset), 'utf8').toString('base64url')
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!Number.isInteger(offset) || offset < 0) throw new MembraneError('bad_request', `Invalid cursor: ${cursor}`)
  return offset
}

/** `{items, cursor?}` over an in-memory list, the REST list envelope. */
function page<T>(ctx: Context, all: T[], defaultLimit: number, maxLimit: number): {cursor?: string; items: T[]} {
  const limit = intFlag(ctx.args, 'limit', defaultLimit, maxLimit)
  const offset = decodeOffset(flag(ctx.args, 'cursor'))
  const items = all.slice(offset, offset + limit)
  return offset + limit < all.length ? {cursor: encodeOffset(offset + limit), items} : {items}
}

export async function connection(ctx: Context): Promise<number> {
  const sub = ctx.args.positionals[1]
  if (sub === 'list') {
    expectPositionals(ctx, 2, 'connection list [--integrationKey=KEY] [--search=TEXT] [--json]')
    const state = await requireLogin(ctx)
    const integrationKey = flag(ctx.args, 'integrationKey')?.toLowerCase()
    const text = flag(ctx.args, 'search')?.toLowerCase()
    const all = state.connections
      .map((c) => connectionView(c))
      .filter((c) => !integrationKey || c.integrationKey === integrationKey)
      .filter((c) => !text || String(c.name).toLowerCase().includes(text))
    const result = page(ctx, all, 100, 1000)
    if (ctx.json) printJson(ctx.io, result)
    else ctx.io.stdout(result.items.map((c) => `${c.id}\t${c.state}\t${c.name}\n`).join(''))
    return 0
  }

  if (sub === 'get') {
    const usage = 'connection get <id-or-key> [--json]'
    const selector = required(ctx, 2, usage)
    expectPositionals(ctx, 3, usage)
    const state = await requireLogin(ctx)
    const found = findConnection(state, selector)
    if (!found) throw connectionNotFound(selector)
    const view = connectionView(found)
    if (ctx.json) printJson(ctx.io, view)
    else ctx.io.stdout(`${view.id}\t${view.state}\t${view.name}\n`)
    return 0
  }

  throw new MembraneError('bad_request', 'Usage: membrane connection list [--json] | connection get <id> [--json]')
}

// ---------------------------------------------------------------------------------------------
// action list / action run / request

export async function action(ctx: Context): Promise<number> {
  const sub = ctx.args.positionals[1]
  if (sub === 'list') return actionList(ctx)
  if (sub === 'run') return actionRun(ctx)
  throw new MembraneError(
    'bad_request',
    'Usage: membrane action list --connectionId=ID [--intent=TEXT] [--limit=N] [--json] | action run <action> --connectionId=ID --input=JSON [--json]',
  )
}

async function actionList(ctx: Context): Promise<number> {
  const usage = 'action list --connectionId=ID [--intent=TEXT] [--limit=N] [--json]'
  expectPositionals(ctx, 2, usage)
  const connection = await readyConnection(ctx, usage)
  const intent = flag(ctx.args, 'intent')
  if (intent !== undefined && intent.length > 200) {
    throw new MembraneError('bad_request', '--intent must be at most 200 characters')
  }

  const all = isCloseConnection(connection) ? rankActions(intent).map((a) => actionView(a)) : []
  const result = page(ctx, all, 10, 100)
  if (ctx.json) printJson(ctx.io, result)
  else ctx.io.stdout(result.items.map((a) => `${a.id}\t${a.key}\t${a.name}\n`).join(''))
  return 0
}

function parseInput(ctx: Context): unknown {
  const rawInput = flag(ctx.args, 'input')
  if (rawInput === undefined) return {}
  try {
    return JSON.parse(rawInput)
  } catch {
    throw new MembraneError('bad_request', `--input is not valid JSON: ${rawInput.slice(0, 80)}`)
  }
}

/**
 * Generation B: `act (--id ID | --key KEY | --api JSON) [--connectionId ID | --connectionKey KEY |
 * --integrationKey KEY] [--input JSON] [--json]` → `{output, actionRunId}`. The connection is the
 * one named, else the first of the integration, else the workspace default (the first connection).
 * A failure after the run started still carries its actionRunId.
 */
export async function act(ctx: Context): Promise<number> {
  const usage =
    'act (--id=ID | --key=KEY | --api=\'{"method","path","query","headers","body"}\') [--connectionId=ID | --connectionKey=KEY] [--input=JSON] [--json]'
  expectPositionals(ctx, 1, usage)
  const styles = ['api', 'code', 'id', 'key'].filter((name) => flag(ctx.args, name) !== undefined)
  if (styles.length !== 1) {
    throw new MembraneError('bad_request', `Give exactly one of --id, --key, --api or --code. Usage: membrane ${usage}`)
  }

  if (styles[0] === 'code') throw new MembraneError('bad_request', 'act --code is not emulated by the sandbox')
  const state = await requireLogin(ctx)
  const selector = flag(ctx.args, 'connectionId') ?? flag(ctx.args, 'connectionKey')
  const integrationKey = flag(ctx.args, 'integrationKey')
  const chosen = selector
    ? findConnection(state, selector)
    : integrationKey
      ? state.connections.find((c) => connectionView(c).integrationKey === integrationKey)
      : state.connections[0]
  if (!chosen) throw connectionNotFound(selector ?? integrationKey ?? 'default')
  const connection = ensureReady(state.connections, chosen.id)
  const actionRunId = hex(12)
  let output: unknown
  if (styles[0] === 'api') {
    if (!isCloseConnection(connection)) {
      throw new MembraneError('bad_request', `The sandbox proxies only Close; connection ${connection.id} is not Close`)
    }

    const request = apiRequest(flag(ctx.args, 'api')!)
    const close = await ctx.openClose(ctx.dir)
    const response = await close(request)
    if (response.status >= 400) throw withRunId(closeFailure(response), actionRunId)
    output = response.body ?? null
  } else {
    const name = flag(ctx.args, styles[0])!
    const found = isCloseConnection(connection) ? findAction(name) : undefined
    // --id takes the action's ID, --key its key.
    if (!found || (styles[0] === 'id' ? actionId(found.key) : found.key) !== name) {
      throw notFound(`Action ${name} not found`)
    }

    const input = parseInput(ctx)
    validateInput(found, input)
    const close = await ctx.openClose(ctx.dir)
    try {
      output = await runAction(found, input, close)
    } catch (error) {
      throw error instanceof MembraneError ? withRunId(error, actionRunId) : error
    }
  }

  printJson(ctx.io, ctx.json ? {actionRunId, output} : output)
  return 0
}

function withRunId(error: MembraneError, actionRunId: string): MembraneError {
  return new MembraneError(error.type, error.message, {
    actionRunId,
    ...(error.data === undefined ? {} : {data: error.data}),
    ...(error.key === undefined ? {} : {key: error.key}),
  })
}

async function actionRun(ctx: Context): Promise<number> {
  const usage = 'action run <action-id-or-key> --connectionId=ID [--input=JSON] [--json]'
  const selector = required(ctx, 2, usage)
  expectPositionals(ctx, 3, usage)
  const connection = await readyConnection(ctx, usage)
  const found = isCloseConnection(connection) ? findAction(selector) : undefined
  if (!found) throw notFound(`Action ${selector} not found`)
  const input = parseInput(ctx)
  validateInput(found, input)
  const close = await ctx.openClose(ctx.dir)
  const output = await runAction(found, input, close)
  printJson(ctx.io, ctx.json ? {actionRunId: hex(12), output} : output)
  return 0
}

export async function request(ctx: Context): Promise<number> {
  const usage =
    'request <connection-id> <path> [-X METHOD] [--query k=v]... [-H "K: V"]... [-d BODY] [--json] [--rawData]'
  const selector = required(ctx, 1, usage)
  const path = required(ctx, 2, usage)
  expectPositionals(ctx, 3, usage)
  const state = await requireLogin(ctx)
  const connection = ensureReady(state.connections, selector)
  if (connection.connectorId !== SANDBOX_CLOSE_CONNECTOR_ID) {
    throw new MembraneError(
      'bad_request',
      `The sandbox proxies only Close; connection ${connection.id} is ${connectionView(connection).name}`,
    )
  }

  const closeRequest = parseProxyRequest(ctx.args, path)
  const close = await ctx.openClose(ctx.dir)
  const out = proxyOutput(await close(closeRequest))
  if (out.stdout) ctx.io.stdout(out.stdout)
  if (out.stderr) ctx.io.stderr(out.stderr)
  return out.exitCode
}
