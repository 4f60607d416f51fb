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
}

export interface LoginStart {
  /** Everything the process printed, for messages. */
  output: string
  url: string
}
