/**
 * Which Membrane connection a command uses (design §5): `--connection` > `CLOSE_CONNECTION_ID`
 * (both arrive as the flag) > the cached choice > (sandbox) the sandbox's Close connection >
 * an AuthError (exit 4) naming `close login`, `--connection` and `CLOSE_CONNECTION_ID`.
 */
import type {MembraneClient} from '../membrane/client.js'
import type {SavedConnection, Settings} from './settings.js'

import {AuthError} from '../errors.js'
import {SANDBOX_CONNECTION_ID} from '../sandbox/index.js'

export interface ResolveOptions {
  flag?: string
  interactive: boolean
  membrane: MembraneClient
  sandbox: boolean
  settings: Settings
}

export async function resolveConnection(options: ResolveOptions): Promise<SavedConnection> {
  if (options.flag) return {id: options.flag}
  const data = options.settings.read()
  const saved = options.sandbox ? data.sandboxConnection : data.connection
  if (saved?.id) return saved
  if (options.sandbox) return {id: SANDBOX_CONNECTION_ID, name: 'Close (Acme Demo)'}
  throw new AuthError('No Close connection is chosen.', {
    code: 'no_connection',
    hint: 'Run `close login` to log in and choose one, or pass --connection ID (or set CLOSE_CONNECTION_ID).',
  })
}
