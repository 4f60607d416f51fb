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
import type {Io} from '../output/io.js'
import type {ResolvedConnection} from './connection-store.js'
import type {Settings} from './settings.js'

import {AuthError} from '../errors.js'
import {checkConnectionId} from './connection-id.js'
import {SANDBOX_DEFAULT_CONNECTION, savedConnection} from './connection-store.js'

export {
  type ConnectionSource,
  forgetConnection,
  type ResolvedConnection,
  SANDBOX_DEFAULT_CONNECTION,
  saveConnection,
  savedConnection,
} from './connection-store.js'

export interface ResolveOptions {
  flag?: string
  interactive: boolean
  io?: Io
  json?: boolean
  membrane: MembraneClient
  sandbox: boolean
  settings: Settings
  signal?: AbortSignal
  stderr?: (text: string) => void
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
  if (options.flag) return {id: checkConnectionId(options.flag, 'flag'), source: 'flag'}
  const saved = savedConnection(options.settings, options.sandbox)
  if (saved) return {...saved, source: 'config'}
  if (options.sandbox) return {...SANDBOX_DEFAULT_CONNECTION, source: 'sandbox'}
  if (!options.interactive) throw noConnectionError()
  const {firstRunSetup} = await import('./connection-setup.js')
  const chosen = await firstRunSetup({...options, json: options.json})
  return {...chosen, source: 'setup'}
}
