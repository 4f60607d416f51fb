/**
 * Which Membrane connection a command uses (design §5): `--connection` > `CLOSE_CONNECTION_ID`
 * (both arrive as the flag) > the cached choice > (sandbox) the sandbox's Close connection >
 * (on a terminal) the first-run set-up, whose choice is cached > an AuthError (exit 4) naming
 * `close login`, `--connection` and `CLOSE_CONNECTION_ID`.
 *
 * The steady state costs nothing: a cached ID is used as is, without asking Membrane. A cached
 * connection that went away or needs re-authentication is noticed when a call on it fails
 * (./recovery.ts).
 */
import type {MembraneClient} from '../membrane/client.js'
import type {SavedConnection, Settings} from './settings.js'

import {AuthError} from '../errors.js'
import {SANDBOX_CONNECTION_ID} from '../sandbox/index.js'

/** Where the connection in use came from; recovery only rewrites a choice the CLI made itself. */
export type ConnectionSource = 'config' | 'flag' | 'sandbox' | 'setup'

export interface ResolvedConnection extends SavedConnection {
  source: ConnectionSource
}

export interface ResolveOptions {
  flag?: string
  interactive: boolean
  json?: boolean
  membrane: MembraneClient
  sandbox: boolean
  settings: Settings
  signal?: AbortSignal
  stderr?: (text: string) => void
}

export const SANDBOX_DEFAULT_CONNECTION: SavedConnection = {id: SANDBOX_CONNECTION_ID, name: 'Close (Acme Demo)'}

/** The cached choice for real Membrane, or for the sandbox under `--sandbox`. */
export function savedConnection(settings: Settings, sandbox: boolean): SavedConnection | undefined {
  const data = settings.read()
  const saved = sandbox ? data.sandboxConnection : data.connection
  return saved?.id ? saved : undefined
}

/** Cache the choice (ID and name). */
export async function saveConnection(settings: Settings, sandbox: boolean, connection: SavedConnection): Promise<void> {
  const entry: SavedConnection = connection.name ? {id: connection.id, name: connection.name} : {id: connection.id}
  await settings.update((data) => {
    if (sandbox) data.sandboxConnection = entry
    else data.connection = entry
  })
}

/** Forget the cached choice and its cached action IDs; returns what was forgotten. */
export async function forgetConnection(settings: Settings, sandbox: boolean): Promise<SavedConnection | undefined> {
  const saved = savedConnection(settings, sandbox)
  if (!saved) return undefined
  await settings.update((data) => {
    if (sandbox) delete data.sandboxConnection
    else delete data.connection
    if (data.actions) {
      delete data.actions[saved.id]
      if (Object.keys(data.actions).length === 0) delete data.actions
    }
  })
  return saved
}

/** The exit-4 error when no connection is chosen and none can be chosen here. */
export function noConnectionError(sandbox = false): AuthError {
  const sb = sandbox ? ' --sandbox' : ''
  return new AuthError('No Close connection is chosen.', {
    code: 'no_connection',
    hint: `Run \`close login${sb}\` to log in and choose one, or pass --connection ID (or set CLOSE_CONNECTION_ID).`,
  })
}

export async function resolveConnection(options: ResolveOptions): Promise<ResolvedConnection> {
  if (options.flag) return {id: options.flag, source: 'flag'}
  const saved = savedConnection(options.settings, options.sandbox)
  if (saved) return {...saved, source: 'config'}
  if (options.sandbox) return {...SANDBOX_DEFAULT_CONNECTION, source: 'sandbox'}
  if (!options.interactive) throw noConnectionError()
  const {firstRunSetup} = await import('./connection-setup.js')
  const chosen = await firstRunSetup({...options, json: options.json})
  return {...chosen, source: 'setup'}
}
