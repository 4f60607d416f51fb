/**
 * `action run`: validate the input against the action's schema, send exactly one request to the
 * Close emulator, and shape the reply as Membrane does (`{records, cursor}` for lists,
 * `{record}` for gets, the Close object for creates and updates).
 */
import type {CatalogAction, RecordKind} from './catalog.js'
import type {CloseHandler, CloseRequest, CloseResponse} from './close-api.js'

import {MembraneError} from './errors.js'
import {validate} from './validate.js'

export const DEFAULT_PAGE = 100
export const MAX_PAGE = 200

type Obj = Record<string, unknown>

export function validateInput(action: CatalogAction, input: unknown): void {
  const issues = validate(action.inputSchema, input)
  if (issues.length === 0) return
  throw new MembraneError(
    'bad_request',
    `Invalid input for action ${action.key}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    {data: {errors: issues}},
  )
}

export function encodeCursor(skip: number): string {
  return Buffer.from(JSON.stringify({skip}), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {skip?: unknown}
    if (typeof value.skip === 'number' && Number.isInteger(value.skip) && value.skip >= 0) return value.skip
  } catch {
    // fall through
  }

  throw new MembraneError('bad_request', `Invalid cursor: ${cursor}`, {
    data: {errors: [{message: 'is not a cursor this action gave out', path: 'cursor'}]},
  })
}

/** The one Close request an action run makes. */
export function closeRequestFor(action: CatalogAction, input: Obj): CloseRequest {
  switch (action.kind) {
    case 'create': {
      return {body: input, method: 'POST', path: action.path, query: []}
    }

    case 'get': {
      return {method: 'GET', path: itemPath(action, input.id), query: []}
    }

    case 'list': {
      const query: Array<[string, string]> = []
      for (const name of action.filters ?? []) {
        const value = input[name]
        if (value !== undefined && value !== null) query.push([name, String(value)])
      }

      const skip = typeof input.cursor === 'string' ? decodeCursor(input.cursor) : 0
      const limit = typeof input.limit === 'number' ? input.limit : DEFAULT_PAGE
      query.push(['_skip', String(skip)], ['_limit', String(limit)])
      return {method: 'GET', path: action.path, query}
    }

    case 'update': {
      const {id, ...body} = input
      return {body, method: 'PUT', path: itemPath(action, id), query: []}
    }
  }
}

function itemPath(action: CatalogAction, id: unknown): string {
  return `${action.path}${encodeURIComponent(String(id))}/`
}

export async function runAction(action: CatalogAction, input: unknown, close: CloseHandler): Promise<unknown> {
  validateInput(action, input)
  const request = closeRequestFor(action, input as Obj)
  const response = await close(request)
  if (response.status >= 400) throw closeFailure(response)
  const body = response.body as Obj
  switch (action.kind) {
    case 'get': {
      return {record: toRecord(action.resource, body)}
    }

    case 'list': {
      const data = Array.isArray(body?.data) ? (body.data as Obj[]) : []
      const skip = Number(request.query.find(([k]) => k === '_skip')?.[1] ?? 0)
      const records = data.map((item) => toRecord(action.resource, item))
      return body?.has_more && data.length > 0 ? {cursor: encodeCursor(skip + data.length), records} : {records}
    }

    default: {
      return body
    }
  }
}

function header(response: CloseResponse, name: string): string | undefined {
  const entry = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === name)
  return entry?.[1]
}

/** A Close error status inside an action run, as Membrane reports it. */
export function closeFailure(response: CloseResponse): MembraneError {
  if (response.status === 429) {
    const retryAfter = header(response, 'retry-after') ?? '1'
    return new MembraneError('connection', 'Rate limit exceeded: Close API returned 429 Too Many Requests', {
      data: {body: response.body, headers: {'retry-after': retryAfter}, status: 429},
      key: 'rate_limit_exceeded',
    })
  }

  return new MembraneError('action_run', `Close API request failed with status ${response.status}`, {
    data: {body: response.body, status: response.status},
  })
}

const pick = (o: Obj, path: string): unknown => {
  let value: unknown = o
  for (const part of path.split('.')) {
    if (value === null || value === undefined) return undefined
    value = (value as Obj)[part]
  }

  return value
}

function compact(fields: Obj): Obj {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
}

const MAPPERS: Record<RecordKind, (o: Obj) => {fields: Obj; name: unknown}> = {
  activity: (o) => ({
    fields: compact({
      activityAt: o.activity_at,
      contactId: o.contact_id,
      leadId: o.lead_id,
      type: o._type,
      userId: o.user_id,
    }),
    name: o._type,
  }),
  contact: (o) => ({
    fields: compact({
      companyId: o.lead_id,
      createdTime: o.date_created,
      fullName: o.name,
      primaryEmail: pick(o, 'emails.0.email'),
      primaryPhone: pick(o, 'phones.0.phone'),
      title: o.title,
      updatedTime: o.date_updated,
    }),
    name: o.display_name ?? o.name,
  }),
  lead: (o) => ({
    fields: compact({
      createdTime: o.date_created,
      description: o.description,
      name: o.display_name ?? o.name,
      status: o.status_label,
      updatedTime: o.date_updated,
      website: o.url,
    }),
    name: o.display_name ?? o.name,
  }),
  note: (o) => ({
    fields: compact({content: o.note, createdTime: o.date_created, leadId: o.lead_id, userId: o.user_id}),
    name: typeof o.note === 'string' ? o.note.split('\n')[0].slice(0, 80) : o.id,
  }),
  opportunity: (o) => ({
    fields: compact({
      amount: typeof o.value === 'number' ? o.value / 100 : o.value,
      closeDate: o.date_won,
      createdTime: o.date_created,
      leadId: o.lead_id,
      ownerId: o.user_id,
      probability: o.confidence,
      stage: o.status_label,
      status: o.status_type,
    }),
    name: [o.lead_name, o.status_label].filter(Boolean).join(' – ') || o.id,
  }),
  task: (o) => ({
    fields: compact({
      assigneeId: o.assigned_to,
      dueDate: o.date,
      isCompleted: o.is_complete,
      leadId: o.lead_id,
      subject: o.text,
    }),
    name: o.text,
  }),
  user: (o) => ({
    fields: compact({email: o.email, firstName: o.first_name, lastName: o.last_name}),
    name: [o.first_name, o.last_name].filter(Boolean).join(' ') || o.email,
  }),
}

export function toRecord(kind: RecordKind, object: Obj): Obj {
  const {fields, name} = MAPPERS[kind](object ?? {})
  return {fields, id: object?.id, name, rawFields: object}
}
