/**
 * The connection store: the cached choice of connection (one for real Membrane, one for the
 * sandbox) — read, save, forget. Resolution (./connection.ts) and set-up (./connection-setup.ts)
 * both use it; neither imports the other's module statically.
 */
import type {SavedConnection, Settings} from './settings.js'

import {SANDBOX_CONNECTION_ID} from '../sandbox/index.js'
import {checkConnectionId} from './connection-id.js'

/** Where the connection in use came from; recovery only rewrites a choice the CLI made itself. */
export type ConnectionSource = 'config' | 'flag' | 'sandbox' | 'setup'

export interface ResolvedConnection extends SavedConnection {
  source: ConnectionSource
}

export const SANDBOX_DEFAULT_CONNECTION: SavedConnection = {id: SANDBOX_CONNECTION_ID, name: 'Close (Acme Demo)'}

/** The cached choice for real Membrane, or for the sandbox under `--sandbox`. */
export function savedConnection(settings: Settings, sandbox: boolean): SavedConnection | undefined {
  const data = settings.read()
  const saved = sandbox ? data.sandboxConnection : data.connection
  if (!saved?.id) return undefined
  checkConnectionId(saved.id, 'config', settings.path)
  return saved
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
  // Read and delete under one lock: a `connections use` running meanwhile is never undone.
  return settings.transact((data) => {
    const saved = sandbox ? data.sandboxConnection : data.connection
    if (!saved?.id) return
    if (sandbox) delete data.sandboxConnection
    else delete data.connection
    if (data.actions) {
      delete data.actions[saved.id]
      if (Object.keys(data.actions).length === 0) delete data.actions
    }

    if (data.basePaths) {
      delete data.basePaths[saved.id]
      if (Object.keys(data.basePaths).length === 0) delete data.basePaths
    }

    return saved
  })
}

/**
 * The connection the data commands would use, without any set-up or Membrane call:
 * flag/env > config > sandbox default; undefined when none is chosen.
 */
export function currentConnection(
  settings: Settings,
  options: {flag?: string; sandbox: boolean},
): ResolvedConnection | undefined {
  if (options.flag) return {id: checkConnectionId(options.flag, 'flag'), source: 'flag'}
  const saved = savedConnection(settings, options.sandbox)
  if (saved) return {...saved, source: 'config'}
  return options.sandbox ? {...SANDBOX_DEFAULT_CONNECTION, source: 'sandbox'} : undefined
}
