/**
 * How connections are shown by `close connections list/show` (RecordView for the output layer),
 * and the row each connection becomes: Membrane's object as it printed it, plus `current`
 * (this is the connection close uses). JSON keeps Membrane's keys; adding keys is fine.
 */
import type {RecordView} from '../close/view.js'
import type {MembraneConnection} from '../membrane/types.js'

import {authUrlOf, isReady, stateOf} from './connection-info.js'

export type ConnectionRow = MembraneConnection & {current: boolean; ready: boolean; state: string}

export function toRow(connection: MembraneConnection, currentId?: string): ConnectionRow {
  const row: ConnectionRow = {
    ...connection,
    current: connection.id === currentId,
    ready: isReady(connection),
    state: stateOf(connection),
  }
  const url = authUrlOf(connection)
  if (url && !row.ready && !connection.clientAction) row.clientAction = {uiUrl: url}
  return row
}

const fields = [
  'id',
  'name',
  'key',
  'state',
  'ready',
  'current',
  'disconnected',
  'integration',
  'integration.key',
  'integration.name',
  'connectorId',
  'integrationId',
  'clientAction',
  'clientAction.uiUrl',
  'error',
  'createdAt',
  'updatedAt',
]

export const connectionsView: RecordView = {
  columns: [
    {format: 'boolean', header: 'CURRENT', key: 'current'},
    {header: 'ID', key: 'id'},
    {header: 'NAME', key: 'name', maxWidth: 36},
    {format: 'status', header: 'STATE', key: 'state', maxWidth: 24},
    {header: 'APP', key: 'integration.key', maxWidth: 16},
    {format: 'date', header: 'UPDATED', key: 'updatedAt'},
  ],
  fields,
  noun: 'connection',
  plural: 'connections',
}

export const connectionDetailView: RecordView = {
  columns: [
    {header: 'ID', key: 'id'},
    {header: 'NAME', key: 'name'},
    {format: 'status', header: 'STATE', key: 'state'},
    {format: 'boolean', header: 'CURRENT', key: 'current'},
    {header: 'APP', key: 'integration.name'},
    {header: 'AUTHORIZE AT', key: 'clientAction.uiUrl'},
    {format: 'datetime', header: 'CREATED', key: 'createdAt'},
    {format: 'datetime', header: 'UPDATED', key: 'updatedAt'},
  ],
  fields,
  noun: 'connection',
  plural: 'connections',
}
