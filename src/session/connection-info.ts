/**
 * What a Membrane connection object says about itself (reference/membrane-cli.md §3.2), read as
 * loosely as Membrane prints it: is it a Close connection, is it usable, how to name it. Pure
 * functions, no I/O: cheap to import anywhere.
 */
import type {MembraneConnection} from '../membrane/types.js'

/** Integration/connector keys and names that mean Close CRM ("Closeio Forms" does not). */
const CLOSE_APP = /^close(?:\.?io)?(?:[\s_-]?crm)?$/i
/** Fallback when a connection carries no integration or connector info: its own name or key. */
const CLOSE_NAME = /^close(?:\.io)?\b(?![.-]?(?:io)?[\s_-]*forms?\b)/i

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/** Keys and names of the app behind a connection (integration, connector, external app). */
function appLabels(connection: MembraneConnection): string[] {
  const labels: Array<string | undefined> = []
  for (const nested of [connection.integration, connection.connector, connection.externalApp, connection.app]) {
    const inner = obj(nested)
    if (inner) labels.push(text(inner.key), text(inner.name))
  }

  labels.push(
    text(connection.integrationKey),
    text(connection.connectorKey),
    text(connection.externalAppKey),
    text(connection.appKey),
  )
  return labels.filter((label): label is string => label !== undefined)
}

/** A connection to Close CRM: its integration or connector is Close; failing any, its name says so. */
export function isCloseConnection(connection: MembraneConnection): boolean {
  const labels = appLabels(connection)
  if (labels.length > 0) return labels.some((label) => CLOSE_APP.test(label))
  return [text(connection.key), text(connection.name)].some((label) => label !== undefined && CLOSE_NAME.test(label))
}

/** The Close connections of a list, in Membrane's order. */
export function closeConnections(connections: MembraneConnection[]): MembraneConnection[] {
  return connections.filter((connection) => isCloseConnection(connection))
}

/**
 * Usable for calls: `state` READY and not disconnected. Without a `state`, usable when it is not
 * disconnected and asks for no client action and reports no error. Unknown states are not ready.
 */
export function isReady(connection: MembraneConnection): boolean {
  if (connection.disconnected === true || connection.isDefunct === true) return false
  const state = text(connection.state)
  if (state) return state.toUpperCase() === 'READY'
  return !connection.clientAction && !connection.error
}

/** The state to show: Membrane's `state`, else READY/DISCONNECTED/UNKNOWN from the other fields. */
export function stateOf(connection: MembraneConnection): string {
  const state = text(connection.state)?.toUpperCase()
  if (state === 'READY' && connection.disconnected === true) return 'DISCONNECTED'
  if (state) return state
  if (connection.disconnected === true) return 'DISCONNECTED'
  return isReady(connection) ? 'READY' : 'UNKNOWN'
}

/** The URL where the user authorizes (or re-authorizes) the connection, when Membrane gave one. */
export function authUrlOf(connection: MembraneConnection): string | undefined {
  return text(connection.clientAction?.uiUrl) ?? text(connection.url) ?? text(connection.uiUrl)
}

/** The connection's display name (Membrane requires one; fall back to its key or ID). */
export function nameOf(connection: MembraneConnection): string {
  return text(connection.name) ?? text(connection.key) ?? connection.id
}

/** `"Close (Acme Demo)" (6650…01)`, or the ID alone when the name is unknown. */
export function label(connection: {id: string; name?: string}): string {
  return connection.name && connection.name !== connection.id
    ? `"${connection.name}" (${connection.id})`
    : connection.id
}

/** The integration behind a connection, for tables: `close`, `hubspot`… */
export function appOf(connection: MembraneConnection): string | undefined {
  const integration = obj(connection.integration)
  return text(integration?.key) ?? text(connection.integrationKey) ?? text(integration?.name)
}

/** A Close CRM integration or connector key/name (`close`, `Close`, `closeio`, `Close CRM`). */
export function isCloseApp(value: string): boolean {
  return CLOSE_APP.test(value.trim())
}
