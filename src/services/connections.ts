/**
 * The session use cases behind `close login`, `connections add/show/use` (design §5): the commands
 * declare flags and call one of these with the run's SessionContext.
 */
import type {MembraneConnection} from '../membrane/types.js'
import type {ResolvedConnection} from '../session/connection-store.js'

import {AuthError, CliError, NotFoundError, UsageError} from '../errors.js'
import {isCloseConnection, nameOf} from '../session/connection-info.js'
import {adoptConnection, beginCreate, chooseConnection, finishAuthorization} from '../session/connection-setup.js'
import {toRow} from '../session/connection-view.js'
import {noConnectionError} from '../session/connection.js'
import {cmd, say, type SessionContext} from '../session/context.js'
import {
  interactiveLogin,
  isLoggedIn,
  nextLoginCommand,
  showLoginNext,
  showLoginUrl,
  startLogin,
} from '../session/login.js'
import {explain} from '../session/recovery.js'

/** `membrane connection get ID` for an ID the user typed: one Membrane does not know is exit 5. */
export async function lookUpConnection(ctx: SessionContext, id: string): Promise<MembraneConnection> {
  try {
    return await ctx.membrane.getConnection(id)
  } catch (error) {
    if (!(error instanceof CliError && error.code === 'connection_not_found')) throw error
    throw new NotFoundError(`Membrane has no connection ${id}.`, {
      code: 'connection_not_found',
      hint: `See the ones it has with ${cmd(ctx, 'connections list')}.`,
    })
  }
}

/**
 * `close login`: headless (no terminal, --no-browser, JSON) prints the URL and the next command;
 * on a terminal logs in (straight to the connection step when already logged in, design §5).
 */
export async function login(ctx: SessionContext, options: {browser: boolean}): Promise<unknown> {
  if (!ctx.interactive || !options.browser || ctx.json) {
    const url = await startLogin(ctx)
    const next = nextLoginCommand(ctx)
    if (!ctx.json) {
      showLoginUrl(ctx, url)
      showLoginNext(ctx)
    }

    return {next, url}
  }

  if (!(await isLoggedIn(ctx))) await interactiveLogin(ctx)
  const connection = await chooseConnection(ctx, {keepCurrent: true})
  say(ctx, `Ready. Try: ${cmd(ctx, 'leads list')}\n`)
  return connection
}

/** `close connections add`: create, show where to authorize, wait for READY (or not, with --no-wait). */
export async function addConnection(
  ctx: SessionContext,
  options: {timeoutSeconds?: number; wait: boolean},
): Promise<unknown> {
  const context = {...ctx, connectTimeoutMs: options.timeoutSeconds ? options.timeoutSeconds * 1000 : undefined}
  const started = await beginCreate(context)
  if (options.wait || started.ready) return finishAuthorization(context, started, 'authorize access to Close')
  const id = started.connectionId
  const next = id ? `close connections use ${id}${ctx.sandbox ? ' --sandbox' : ''}` : undefined
  if (!ctx.json) {
    const url = started.url ?? '(Membrane gave no URL; use its console)'
    say(ctx, `\nAuthorize access to Close at this URL (on this or any other device):\n\n    ${url}\n\n`)
    say(ctx, next ? `Then run:\n\n    ${next}\n\n` : `Then choose it with ${cmd(ctx, 'connections use')}.\n`)
  }

  return {id: id ?? null, next: next ?? null, requestId: started.requestId ?? null, url: started.url ?? null}
}

/** `close connections show [ID]`: one connection as Membrane reports it now (default: the one in use). */
export async function showConnection(
  ctx: SessionContext,
  given: string | undefined,
  current: ResolvedConnection | undefined,
): Promise<ReturnType<typeof toRow>> {
  const id = given ?? current?.id
  if (!id) throw noConnectionError(ctx.sandbox)
  try {
    return toRow(await lookUpConnection(ctx, id), current?.id)
  } catch (error) {
    // The connection close uses is gone: say so the way data commands do (exit 4 and the fix).
    const gone = error instanceof CliError && error.code === 'connection_not_found'
    if (!given && current && current.source !== 'flag' && gone) {
      throw explain(ctx, current, new AuthError((error as Error).message, {code: 'connection_not_found'}))
    }

    throw error
  }
}

/** `close connections use [ID]`: cache the connection close uses; a picker on a terminal without ID. */
export async function useConnection(ctx: SessionContext, id: string | undefined): Promise<unknown> {
  if (id) {
    const connection = await lookUpConnection(ctx, id)
    if (!isCloseConnection(connection)) {
      throw new UsageError(`${nameOf(connection)} (${connection.id}) is not a connection to Close.`, {
        code: 'not_close_connection',
        hint: `Choose a Close connection from ${cmd(ctx, 'connections list')}.`,
      })
    }

    return adoptConnection(ctx, connection)
  }

  if (ctx.interactive) return chooseConnection(ctx, {alwaysPick: true})
  throw new UsageError('Missing the connection ID (required when not on a terminal).', {
    code: 'missing_argument',
    hint: `Pass it: ${cmd(ctx, 'connections use ID')}; ${cmd(ctx, 'connections list')} shows the IDs.`,
  })
}

export {connectionDetailView} from '../session/connection-view.js'
