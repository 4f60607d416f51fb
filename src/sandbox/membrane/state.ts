/**
 * The Membrane side of the sandbox: login, pending logins and connections, kept in
 * `<dir>/membrane-state.json` (written atomically, under the sandbox lock). A missing file is the
 * initial state: logged in, with the connections of README.md.
 */
import {join} from 'node:path'

import {
  CONNECT_DELAY_MS,
  SANDBOX_API_URI,
  SANDBOX_CLOSE_CONNECTOR_ID,
  SANDBOX_CONNECTION_ID,
  SANDBOX_FORMS_CONNECTOR_ID,
  SANDBOX_HUBSPOT_CONNECTION_ID,
  SANDBOX_HUBSPOT_CONNECTOR_ID,
  SANDBOX_OLD_CONNECTION_ID,
  SANDBOX_STATE_FILE,
  SANDBOX_USER_ID,
} from './constants.js'
import {MembraneError} from './errors.js'
import {readIfExists, withLock, writeFileAtomic} from './files.js'

export interface Connector {
  id: string
  key: string
  logoUri: string
  name: string
}

/** In search order: Close is deliberately not first (reference/membrane-cli.md §5.7). */
export const CONNECTORS: Connector[] = [
  {
    id: SANDBOX_HUBSPOT_CONNECTOR_ID,
    key: 'hubspot',
    logoUri: `${SANDBOX_API_URI}/logos/hubspot.png`,
    name: 'HubSpot',
  },
  {
    id: SANDBOX_FORMS_CONNECTOR_ID,
    key: 'closeio-forms',
    logoUri: `${SANDBOX_API_URI}/logos/closeio-forms.png`,
    name: 'Closeio Forms',
  },
  {id: SANDBOX_CLOSE_CONNECTOR_ID, key: 'close', logoUri: `${SANDBOX_API_URI}/logos/close.png`, name: 'Close'},
]

export interface StoredConnection {
  /** The consent URL shown while the connection waits for the user. */
  authUrl?: string
  connectorId: string
  createdAt: string
  /** Credentials expired: CLIENT_ACTION_REQUIRED until `connect --connectionId` re-authenticates it. */
  expired?: boolean
  id: string
  key: string
  name: string
  /** Epoch ms when a pending authorization completes; before it the state is CLIENT_ACTION_REQUIRED. */
  readyAt?: number
  updatedAt: string
}

export interface MembraneState {
  connections: StoredConnection[]
  loggedIn: boolean
  pendingLogin?: {createdAt: string; state: string}
  version: 1
}

export function stateFile(dir: string): string {
  return join(dir, SANDBOX_STATE_FILE)
}

function initialState(now: Date): MembraneState {
  const at = now.toISOString()
  return {
    connections: [
      {
        connectorId: SANDBOX_CLOSE_CONNECTOR_ID,
        createdAt: at,
        id: SANDBOX_CONNECTION_ID,
        key: 'close',
        name: 'Close (Acme Demo)',
        updatedAt: at,
      },
      {
        authUrl: connectUrl(SANDBOX_OLD_CONNECTION_ID, 'reconnect'),
        connectorId: SANDBOX_CLOSE_CONNECTOR_ID,
        createdAt: at,
        expired: true,
        id: SANDBOX_OLD_CONNECTION_ID,
        key: 'close-old-workspace',
        name: 'Close (Old workspace)',
        updatedAt: at,
      },
      {
        connectorId: SANDBOX_HUBSPOT_CONNECTOR_ID,
        createdAt: at,
        id: SANDBOX_HUBSPOT_CONNECTION_ID,
        key: 'hubspot',
        name: 'HubSpot',
        updatedAt: at,
      },
    ],
    loggedIn: true,
    version: 1,
  }
}

export function connectUrl(connectionId: string, nonce: string): string {
  return `${SANDBOX_API_URI}/connect/${connectionId}?request=${encodeURIComponent(nonce)}`
}

/** The state, created (and saved) in its initial form on first use. */
export async function loadState(dir: string): Promise<MembraneState> {
  const file = stateFile(dir)
  const text = await readIfExists(file)
  if (text === undefined) return updateState(dir, (state) => state)
  return parseState(file, text)
}

function parseState(file: string, text: string): MembraneState {
  try {
    const state = JSON.parse(text) as MembraneState
    if (state && state.version === 1 && Array.isArray(state.connections)) return state
  } catch {
    // fall through
  }

  throw new MembraneError(
    'internal',
    `The sandbox state file ${file} is corrupt. Delete it (or run: close sandbox reset) to start over.`,
  )
}

/** Read-modify-write under the lock; returns the saved state. */
export async function updateState(
  dir: string,
  change: (state: MembraneState) => MembraneState | void,
): Promise<MembraneState> {
  return withLock(dir, async () => {
    const file = stateFile(dir)
    const text = await readIfExists(file)
    const state = text === undefined ? initialState(new Date()) : parseState(file, text)
    const next = change(state) ?? state
    await writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n')
    return next
  })
}

export function connectorOf(connection: StoredConnection): Connector {
  return (
    CONNECTORS.find((c) => c.id === connection.connectorId) ?? {
      id: connection.connectorId,
      key: 'unknown',
      logoUri: '',
      name: 'Unknown',
    }
  )
}

export function isCloseConnection(connection: StoredConnection): boolean {
  return connection.connectorId === SANDBOX_CLOSE_CONNECTOR_ID
}

export function isReady(connection: StoredConnection, now = Date.now()): boolean {
  return !connection.expired && (connection.readyAt === undefined || now >= connection.readyAt)
}

/** The connection as `membrane connection get --json` prints it, state computed at `now`. */
export function connectionView(connection: StoredConnection, now = Date.now()): Record<string, unknown> {
  const connector = connectorOf(connection)
  const ready = isReady(connection, now)
  const updatedAt =
    ready && connection.readyAt !== undefined ? new Date(connection.readyAt).toISOString() : connection.updatedAt
  return {
    disconnected: Boolean(connection.expired),
    id: connection.id,
    key: connection.key,
    name: connection.name,
    state: ready ? 'READY' : 'CLIENT_ACTION_REQUIRED',
    ...(ready
      ? {}
      : {
          clientAction: {
            description: connection.expired
              ? `The ${connector.name} credentials of this connection expired. Open the link to reconnect.`
              : `Open the link to authorize access to ${connector.name}.`,
            type: 'connect',
            uiUrl: connection.authUrl ?? connectUrl(connection.id, 'connect'),
          },
        }),
    connectorId: connection.connectorId,
    createdAt: connection.createdAt,
    integration: {key: connector.key, logoUri: connector.logoUri, name: connector.name},
    integrationKey: connector.key,
    updatedAt,
    userId: SANDBOX_USER_ID,
  }
}

/** Start (re-)authorization: CLIENT_ACTION_REQUIRED now, READY after CONNECT_DELAY_MS. */
export function beginAuthorization(connection: StoredConnection, now: number, nonce: string): void {
  connection.expired = false
  connection.readyAt = now + CONNECT_DELAY_MS
  connection.authUrl = connectUrl(connection.id, nonce)
  connection.updatedAt = new Date(now).toISOString()
}

export function findConnection(state: MembraneState, idOrKey: string): StoredConnection | undefined {
  return state.connections.find((c) => c.id === idOrKey) ?? state.connections.find((c) => c.key === idOrKey)
}
