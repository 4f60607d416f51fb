/**
 * Recovery when a call on the connection in use fails (design §5, last paragraph). The steady
 * state asks Membrane nothing extra: the gateway raises AuthError `connection_not_found` or
 * `connection_not_ready` when a call fails, and the base command hands it here.
 *
 * - Off a terminal, or for a connection the user named (`--connection`, `CLOSE_CONNECTION_ID`):
 *   an AuthError (exit 4) saying which connection and naming the fix.
 * - On a terminal, for the CLI's own choice: offer the fix inline (re-authenticate, or choose
 *   another), cache the result, and tell the caller to retry the command once.
 * - `not_logged_in` on a terminal: offer to log in, then retry.
 */
import type {ResolvedConnection} from './connection.js'
import type {SavedConnection} from './settings.js'

import {AuthError, CliError} from '../errors.js'
import {prompts} from '../prompts/index.js'
import {label} from './connection-info.js'
import {chooseConnection, reauthorizeConnection} from './connection-setup.js'
import {cmd, reconnectHint, say, type SessionContext} from './context.js'
import {interactiveLogin} from './login.js'

const CONNECTION_CODES = new Set(['connection_not_found', 'connection_not_ready'])

/** Failures this module can explain or fix. */
export function isRecoverable(error: unknown): error is CliError {
  return error instanceof AuthError && (CONNECTION_CODES.has(error.code) || error.code === 'not_logged_in')
}

/** The design §5 message for a broken cached connection, off a terminal. */
export function explain(ctx: SessionContext, connection: ResolvedConnection, error: CliError): CliError {
  if (error.code === 'not_logged_in' || connection.source === 'flag') return error
  const which = label(connection)
  const where = connection.source === 'config' ? ', saved in config,' : ''
  if (error.code === 'connection_not_found') {
    return new AuthError(`The Close connection ${which}${where} no longer exists in Membrane.`, {
      code: 'connection_not_found',
      details: {connectionId: connection.id},
      hint: `Choose another with ${cmd(ctx, 'connections use')} (or run ${cmd(ctx, 'login')}), or pass --connection ID.`,
    })
  }

  return new AuthError(`The Close connection ${which}${where} needs re-authentication.`, {
    code: 'connection_not_ready',
    details: {connectionId: connection.id},
    hint: reconnectHint(ctx, connection.id),
  })
}

/**
 * Fix the failure inline on a terminal and return the connection to retry with; throws the
 * explained error when it cannot or the user declines.
 */
export async function recover(
  ctx: SessionContext,
  connection: ResolvedConnection,
  error: CliError,
): Promise<SavedConnection> {
  const explained = explain(ctx, connection, error)
  if (!ctx.interactive) throw explained
  if (error.code === 'not_logged_in') {
    say(ctx, 'Membrane says you are not logged in (or the login expired).\n')
    if (!(await prompts.confirm('Log in now?', true))) throw explained
    await interactiveLogin(ctx)
    return connection
  }

  if (connection.source === 'flag') throw explained
  say(ctx, `${explained.message}\n`)
  if (error.code === 'connection_not_found') {
    if (!(await prompts.confirm('Choose another Close connection now?', true))) throw explained
    return chooseConnection(ctx, {exclude: [connection.id], requireReady: true})
  }

  const choice = await prompts.select<'cancel' | 'other' | 'reauth'>('What now?', [
    {
      description: 'Opens Membrane’s page for this connection',
      name: `Re-authenticate ${label(connection)}`,
      value: 'reauth',
    },
    {name: 'Choose another Close connection', value: 'other'},
    {name: 'Cancel', value: 'cancel'},
  ])
  if (choice === 'reauth') return reauthorizeConnection(ctx, connection)
  if (choice === 'other') return chooseConnection(ctx, {exclude: [connection.id], requireReady: true})
  throw explained
}
