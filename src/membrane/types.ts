/** Shapes the Membrane CLI prints (reference/membrane-cli.md §1, §3), as loosely as they really are. */

export interface MembraneConnection {
  [key: string]: unknown
  clientAction?: {description?: string; type?: string; uiUrl?: string}
  connectorId?: string
  disconnected?: boolean
  error?: unknown
  id: string
  integration?: {key?: string; name?: string}
  integrationId?: string
  key?: string
  name: string
  state?: string
}

export interface MembraneAction {
  [key: string]: unknown
  description?: string
  id: string
  inputSchema?: JsonSchema
  key?: string
  name?: string
  outputSchema?: JsonSchema
}

export interface JsonSchema {
  [key: string]: unknown
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
  type?: string | string[]
}

export interface MembraneSearchItem {
  element: {[key: string]: unknown; id: string; key?: string; name?: string}
  elementType: string
}

/** What `membrane request` gave back, whichever way the CLI wrapped it (§5.8). */
export interface ProxyResponse {
  body: unknown
  headers: Record<string, string>
  /** Known when Membrane wrapped the response or the failure named it; 200 for a bare successful body. */
  status: number
}

export interface ProxyRequest {
  body?: unknown
  headers?: Record<string, string>
  method: string
  path: string
  query?: Array<[string, string]>
}

export interface MembraneStatus {
  loggedIn: boolean
  raw: unknown
  /** The logged-in user's email (or name), when status names one. */
  user?: string
}

/** What `membrane connect` gave back (§5.2), whichever shape it printed. */
export interface ConnectResult {
  /** The connection's ID: `id` of a connection object, `connectionId`, `resultConnectionId`. */
  connectionId?: string
  raw: unknown
  /** A connection request to poll with `connection-request get` (non-interactive connect). */
  requestId?: string
  /** The connection's state when it printed one (`READY`, `CLIENT_ACTION_REQUIRED`, …). */
  state?: string
  /** Where the user authenticates: `clientAction.uiUrl` or `url`. */
  url?: string
}

/** `membrane connection-request get` (§1.4). */
export interface ConnectionRequestStatus {
  /** `resultConnectionId` once the request succeeded. */
  connectionId?: string
  /** `resultError` when it failed. */
  error?: unknown
  raw: unknown
  /** `pending`, `success`, `error`, `cancelled` (lower case). */
  status: string
}

/** `membrane --version` */
export interface MembraneVersion {
  /** False when the binary looks like the agent-skills plugin also called `membrane` (v0.1.x), or has no version. */
  isMembraneCli: boolean
  raw: string
  version?: string
}

export interface LoginStart {
  /** Everything the process printed, for messages. */
  output: string
  url: string
}
