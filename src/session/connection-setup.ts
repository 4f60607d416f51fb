/**
 * Choosing, creating and re-authorizing the Close connection (design §5.2–§5.3):
 *
 * - choose: list Membrane's connections and keep the Close ones. None → offer to create one (on a
 *   terminal). One → use it. Several → a picker on a terminal; off a terminal, list them and exit 4
 *   asking for `--connection` / `close connections use ID`.
 * - create: search the Close connector, `membrane connect --connectorId`, show the authorization URL,
 *   wait for READY (spinner on a terminal, a timeout), cache it.
 * - re-authorize: `membrane connect --connectionId`, the URL, the same wait.
 *
 * Nothing here ever waits for input off a terminal; waiting for READY is bounded by a timeout.
 */
import type {ConnectResult, MembraneConnection, MembraneSearchItem} from '../membrane/types.js'
import type {SavedConnection} from './settings.js'

import {AuthError, CliError, RemoteError} from '../errors.js'
import {type Choice, prompts} from '../prompts/index.js'
import {authUrlOf, closeConnections, isCloseApp, isReady, label, nameOf, stateOf} from './connection-info.js'
import {saveConnection, savedConnection} from './connection-store.js'
import {cmd, reconnectHint, say, type SessionContext, sleep} from './context.js'
import {ensureLoggedIn, offerBrowser} from './login.js'
import {getPref} from './prefs.js'
import {startProgress} from './progress.js'

export interface ChooseOptions {
  /** Show the picker even for a single connection (`connections use` without an ID). */
  alwaysPick?: boolean
  /** IDs not to offer (a connection that just failed). */
  exclude?: string[]
  /** Keep the cached choice when Membrane still lists it and it is READY (logging in again). */
  keepCurrent?: boolean
  /** Only a READY connection will do (a command is waiting to run on it). */
  requireReady?: boolean
}

const CREATE = Symbol('create')

/** A connection the way the CLI caches and names it. */
function saved(connection: MembraneConnection): SavedConnection {
  return {id: connection.id, name: nameOf(connection)}
}

/** `  ID  NAME  STATE` lines for messages. */
export function connectionLines(connections: MembraneConnection[]): string {
  const width = Math.max(...connections.map((c) => c.id.length))
  const nameWidth = Math.max(...connections.map((c) => nameOf(c).length))
  return connections.map((c) => `  ${c.id.padEnd(width)}  ${nameOf(c).padEnd(nameWidth)}  ${stateOf(c)}`).join('\n')
}

async function remember(ctx: SessionContext, entry: SavedConnection): Promise<SavedConnection> {
  await saveConnection(ctx.settings, ctx.sandbox, entry)
  say(ctx, `Using the Close connection ${label(entry)}.\n`)
  return entry
}

function notReadyError(ctx: SessionContext, connection: MembraneConnection, chosen: boolean): AuthError {
  const which = label(saved(connection))
  const state = stateOf(connection)
  return new AuthError(
    chosen
      ? `Now using the Close connection ${which}, but it needs re-authentication (state ${state}).`
      : `The Close connection ${which} needs re-authentication (state ${state}).`,
    {
      code: 'connection_not_ready',
      details: {connectionId: connection.id, state},
      hint: reconnectHint(ctx, connection.id),
    },
  )
}

/** The Close connections Membrane lists, minus `exclude`. */
export async function listCloseConnections(ctx: SessionContext, exclude: string[] = []): Promise<MembraneConnection[]> {
  const all = await ctx.membrane.listConnections()
  return closeConnections(all).filter((connection) => !exclude.includes(connection.id))
}

/** A picker over `connections` (plus "create a new one"); returns the choice. */
async function pick(
  ctx: SessionContext,
  connections: MembraneConnection[],
  message: string,
): Promise<MembraneConnection | typeof CREATE> {
  const current = savedConnection(ctx.settings, ctx.sandbox)?.id
  const choices: Array<Choice<MembraneConnection | typeof CREATE>> = connections.map((connection) => {
    const notes = [
      connection.id === current ? 'current' : undefined,
      isReady(connection) ? undefined : 'needs re-authentication',
    ]
      .filter(Boolean)
      .join(', ')
    return {
      description: `${connection.id} · ${stateOf(connection)}`,
      name: `${nameOf(connection)}  ${connection.id}${notes ? `  (${notes})` : ''}`,
      value: connection,
    }
  })
  choices.push({description: 'Authorize Close in a browser', name: 'Create a new Close connection', value: CREATE})
  return prompts.select(message, choices)
}

/**
 * Use (and cache) a chosen connection. When it is not READY: on a terminal offer to re-authorize it;
 * otherwise cache it anyway and throw exit 4 naming `close connections reconnect`.
 */
export async function adoptConnection(
  ctx: SessionContext,
  connection: MembraneConnection,
  options: ChooseOptions = {},
): Promise<SavedConnection> {
  if (isReady(connection)) return remember(ctx, saved(connection))
  if (ctx.interactive) {
    const yes = await prompts.confirm(
      `${label(saved(connection))} needs re-authentication (state ${stateOf(connection)}). Re-authenticate it now?`,
      true,
    )
    if (yes) return reauthorizeConnection(ctx, saved(connection))
    if (options.requireReady) throw notReadyError(ctx, connection, false)
    await remember(ctx, saved(connection))
    say(ctx, `It will not work until it is re-authenticated: ${cmd(ctx, `connections reconnect ${connection.id}`)}.\n`)
    return saved(connection)
  }

  await remember(ctx, saved(connection))
  throw notReadyError(ctx, connection, true)
}

/**
 * The connection step after login and on first run: keep the Close connections, then none →
 * offer to create one, one → use it, several → picker (terminal) or exit 4 (otherwise).
 */
export async function chooseConnection(ctx: SessionContext, options: ChooseOptions = {}): Promise<SavedConnection> {
  const connections = await listCloseConnections(ctx, options.exclude)
  if (connections.length === 0) {
    const none = options.exclude?.length
      ? 'Membrane has no other Close connection.'
      : 'Membrane has no Close connection yet.'
    if (ctx.interactive) {
      say(ctx, `${none}\n`)
      if (await prompts.confirm('Create one now (you authorize Close in a browser)?', true)) {
        return createConnection(ctx)
      }
    }

    throw new AuthError(none, {code: 'no_close_connection', hint: `Create one with ${cmd(ctx, 'connections add')}.`})
  }

  if (options.keepCurrent) {
    const current = savedConnection(ctx.settings, ctx.sandbox)
    const still = connections.find((connection) => connection.id === current?.id)
    if (still && isReady(still)) return remember(ctx, saved(still))
  }

  if (connections.length === 1 && !(options.alwaysPick && ctx.interactive))
    return adoptConnection(ctx, connections[0], options)
  if (ctx.interactive) {
    const choice = await pick(ctx, connections, 'Which Close connection should close use?')
    return choice === CREATE ? createConnection(ctx) : adoptConnection(ctx, choice, options)
  }

  throw new AuthError(
    `Membrane has ${connections.length} Close connections; choose one:\n${connectionLines(connections)}`,
    {
      code: 'several_connections',
      details: {connections: connections.map((c) => ({id: c.id, name: nameOf(c), state: stateOf(c)}))},
      hint: `Run ${cmd(ctx, 'connections use ID')} to cache one, or pass --connection ID (or set CLOSE_CONNECTION_ID).`,
    },
  )
}

/** On first run of a data command on a terminal: log in if needed, then choose a connection. */
export async function firstRunSetup(ctx: SessionContext): Promise<SavedConnection> {
  say(ctx, 'No Close connection is chosen yet; setting one up (this happens once).\n')
  await ensureLoggedIn(ctx)
  return chooseConnection(ctx, {requireReady: true})
}

/** The Close connector among search results: an exact "Close" first, then a Close-like name or key. */
export function pickCloseConnector(items: MembraneSearchItem[]): MembraneSearchItem['element'] | undefined {
  const connectors = items.filter(
    (item) => item?.element?.id && (!item.elementType || item.elementType.toLowerCase() === 'connector'),
  )
  const exact = connectors.find((item) =>
    [item.element.name, item.element.key].some((v) => v?.trim().toLowerCase() === 'close'),
  )
  const close =
    exact ?? connectors.find((item) => [item.element.name, item.element.key].some((v) => v && isCloseApp(v)))
  return close?.element
}

/** `connectTimeoutMs` (a flag), else CLOSE_CONNECT_TIMEOUT_MS, else config `connect-timeout` (default 300 s). */
function timeoutMs(ctx: SessionContext): number {
  if (ctx.connectTimeoutMs !== undefined) return ctx.connectTimeoutMs
  const fromEnv = Number(process.env.CLOSE_CONNECT_TIMEOUT_MS)
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv
  return Number(getPref(ctx.settings, 'connect-timeout') ?? 300) * 1000
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  return `${Math.round(seconds / 60)} minutes`
}

/** Show the authorization URL and offer to open it (terminal with a browser only). */
async function showAuthUrl(ctx: SessionContext, url: string, what: string): Promise<void> {
  say(ctx, `\nTo ${what}, open this URL in a browser (on this or any other device):\n\n    ${url}\n\n`)
  await offerBrowser(ctx, url)
}

/** Poll Membrane until the connection is READY, or give up after the timeout (exit 4). */
export async function waitForReady(ctx: SessionContext, target: PendingAuthorization): Promise<MembraneConnection> {
  const limit = timeoutMs(ctx)
  const deadline = Date.now() + limit
  const progress = startProgress(ctx, `Waiting for the authorization in the browser (up to ${duration(limit)})`)
  let last: MembraneConnection | undefined
  try {
    for (;;) {
      last = await pollOnce(ctx, target)
      if (last && isReady(last)) {
        progress.stop(`Connection ${label(saved(last))} is READY.`)
        return last
      }

      if (Date.now() >= deadline) break

      await sleep(ctx, Math.min(ctx.pollMs ?? 1500, Math.max(0, deadline - Date.now())))
    }
  } catch (error) {
    progress.stop()
    throw error
  }

  progress.stop()
  const id = last?.id ?? target.connectionId
  const then = id ? `then run ${cmd(ctx, `connections use ${id}`)}` : `then run ${cmd(ctx, 'connections use')}`
  throw new AuthError(
    `The Close connection${id ? ` ${id}` : ''} was not authorized within ${duration(limit)}${last ? ` (state ${stateOf(last)})` : ''}.`,
    {
      code: 'connect_timeout',
      details: {connectionId: id, url: target.url},
      hint: `${target.url ? `Open ${target.url} to authorize it, ` : 'Authorize it in Membrane, '}${then}; or wait longer with \`close config set connect-timeout SECONDS\`.`,
    },
  )
}

async function pollOnce(ctx: SessionContext, target: PendingAuthorization): Promise<MembraneConnection | undefined> {
  if (!target.connectionId && target.requestId) {
    const request = await ctx.membrane.getConnectionRequest(target.requestId)
    if (request.status === 'pending') return undefined
    if (request.status !== 'success' || !request.connectionId) {
      const reason =
        typeof request.error === 'string'
          ? request.error
          : request.error
            ? JSON.stringify(request.error)
            : request.status
      throw new AuthError(`Membrane could not create the Close connection (${reason}).`, {
        code: 'connect_failed',
        hint: `Try again with ${cmd(ctx, 'connections add')}.`,
      })
    }

    target.connectionId = request.connectionId
  }

  if (target.connectionId) {
    try {
      return await ctx.membrane.getConnection(target.connectionId)
    } catch (error) {
      // Just created: Membrane may not list it yet.
      if (error instanceof CliError && error.code === 'connection_not_found') return undefined
      throw error
    }
  }

  const fresh = await listCloseConnections(ctx, [...target.known])
  return fresh.find((connection) => isReady(connection)) ?? fresh[0]
}

/** An authorization Membrane started: the connection (when known) and where the user approves it. */
export interface PendingAuthorization {
  connectionId?: string
  /** Close connections that existed before, to spot the new one when only a request came back. */
  known: Set<string>
  /** Already READY: nothing to authorize. */
  ready?: MembraneConnection
  /** A connection request to poll when Membrane gave no connection ID. */
  requestId?: string
  url?: string
}

/** Search the Close connector and `membrane connect --connectorId=ID`. */
export async function beginCreate(ctx: SessionContext): Promise<PendingAuthorization> {
  const before = await listCloseConnections(ctx)
  const connector = pickCloseConnector(await ctx.membrane.search('close', 'connector'))
  if (!connector) {
    throw new RemoteError("Membrane's connector search found no Close connector.", {
      code: 'no_close_connector',
      hint: `Create the Close connection in Membrane's console, then choose it with ${cmd(ctx, 'connections use')}.`,
    })
  }

  const started = await ctx.membrane.connect({connectorId: connector.id})
  return pending(ctx, started, new Set(before.map((c) => c.id)))
}

/** `membrane connect --connectionId=ID`: start re-authenticating an existing connection. */
export async function beginReauthorize(ctx: SessionContext, connectionId: string): Promise<PendingAuthorization> {
  const started = await ctx.membrane.connect({connectionId})
  return pending(ctx, {...started, connectionId: started.connectionId ?? connectionId}, new Set())
}

async function pending(ctx: SessionContext, started: ConnectResult, known: Set<string>): Promise<PendingAuthorization> {
  const result: PendingAuthorization = {
    connectionId: started.connectionId,
    known,
    requestId: started.requestId,
    url: started.url,
  }
  if (started.connectionId) {
    const current = await pollOnce(ctx, result)
    if (current && isReady(current)) result.ready = current
    else result.url ??= current ? authUrlOf(current) : undefined
  }

  return result
}

/** Show the URL (and offer a browser), wait for READY, cache the connection. */
export async function finishAuthorization(
  ctx: SessionContext,
  started: PendingAuthorization,
  what: string,
): Promise<SavedConnection> {
  if (started.ready) return remember(ctx, saved(started.ready))
  if (started.url) await showAuthUrl(ctx, started.url, what)
  else say(ctx, `Membrane gave no authorization URL; finish authorizing Close in Membrane's console.\n`)
  const ready = await waitForReady(ctx, started)
  return remember(ctx, saved(ready))
}

/** Create a Close connection: search, connect, URL, wait for READY, cache. */
export async function createConnection(ctx: SessionContext): Promise<SavedConnection> {
  return finishAuthorization(ctx, await beginCreate(ctx), 'authorize access to Close')
}

/** Re-authenticate a connection: connect --connectionId, URL, wait for READY, cache. */
export async function reauthorizeConnection(
  ctx: SessionContext,
  connection: SavedConnection,
): Promise<SavedConnection> {
  return finishAuthorization(ctx, await beginReauthorize(ctx, connection.id), `re-authenticate ${label(connection)}`)
}
