/**
 * The Close action catalog the sandbox serves (reference/close-api.md §9): 20 actions with
 * deterministic ids, JSON schemas, and how each maps onto one Close API request.
 */
import {createHash} from 'node:crypto'

import type {JsonSchema} from './validate.js'

export type ActionKind = 'create' | 'get' | 'list' | 'update'

export interface CatalogAction {
  description: string
  /** Input properties forwarded as Close query parameters (list actions). */
  filters?: string[]
  inputSchema: JsonSchema
  key: string
  kind: ActionKind
  name: string
  /** Close collection path, e.g. `/lead/`. */
  path: string
  /** Which record mapper describes the output (`fields` / `name`). */
  resource: RecordKind
}

export type RecordKind = 'activity' | 'contact' | 'lead' | 'note' | 'opportunity' | 'task' | 'user'

const str: JsonSchema = {type: 'string'}
const id = (what: string): JsonSchema => ({description: `Close ${what} ID`, type: 'string'})
const paging: Record<string, JsonSchema> = {
  cursor: {description: 'Cursor from the previous page', type: 'string'},
  limit: {default: 100, description: 'Records per page (max 200)', maximum: 200, minimum: 1, type: 'integer'},
}
const emails: JsonSchema = {
  items: {properties: {email: str, type: str}, required: ['email'], type: 'object'},
  type: 'array',
}
const phones: JsonSchema = {
  items: {properties: {phone: str, type: str}, required: ['phone'], type: 'object'},
  type: 'array',
}
const urls: JsonSchema = {items: {properties: {type: str, url: str}, required: ['url'], type: 'object'}, type: 'array'}
const contactProps: Record<string, JsonSchema> = {emails, name: str, phones, title: str, urls}
const address: JsonSchema = {
  properties: {
    address_1: str,
    address_2: str,
    city: str,
    country: str,
    label: str,
    state: str,
    zipcode: str,
  },
  type: 'object',
}
const leadProps: Record<string, JsonSchema> = {
  addresses: {items: address, type: 'array'},
  contacts: {items: {properties: contactProps, type: 'object'}, type: 'array'},
  description: str,
  name: {description: 'Company name', type: 'string'},
  status_id: id('lead status'),
  url: {description: 'Company website', type: 'string'},
}
const opportunityProps: Record<string, JsonSchema> = {
  confidence: {maximum: 100, minimum: 0, type: 'integer'},
  contact_id: id('contact'),
  date_won: {description: 'YYYY-MM-DD', type: 'string'},
  note: str,
  status_id: id('opportunity status'),
  user_id: id('user (owner)'),
  value: {description: 'Value in cents', type: 'integer'},
  value_period: {enum: ['one_time', 'monthly', 'annual'], type: 'string'},
}

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  additionalProperties: true,
  properties,
  ...(required.length > 0 ? {required} : {}),
  type: 'object',
})

type ActionBase = Pick<CatalogAction, 'description' | 'key' | 'name' | 'path' | 'resource'>

function list(base: ActionBase, filters: Record<string, JsonSchema>): CatalogAction {
  return {...base, filters: Object.keys(filters), inputSchema: object({...filters, ...paging}), kind: 'list'}
}

function get(resource: RecordKind, path: string): CatalogAction {
  return {
    description: `Get a ${resource} by its ID`,
    inputSchema: object({id: id(resource)}, ['id']),
    key: `get-${resource}`,
    kind: 'get',
    name: `Get ${resource[0].toUpperCase()}${resource.slice(1)}`,
    path,
    resource,
  }
}

export const CATALOG: CatalogAction[] = [
  list(
    {
      description: 'List leads with optional pagination and a search query',
      key: 'list-leads',
      name: 'List Leads',
      path: '/lead/',
      resource: 'lead',
    },
    {query: {description: 'Close lead search query', type: 'string'}},
  ),
  list(
    {
      description: 'List contacts with optional pagination',
      key: 'list-contacts',
      name: 'List Contacts',
      path: '/contact/',
      resource: 'contact',
    },
    {lead_id: id('lead')},
  ),
  list(
    {
      description: 'List opportunities, filtered by lead, user, status, or date range',
      key: 'list-opportunities',
      name: 'List Opportunities',
      path: '/opportunity/',
      resource: 'opportunity',
    },
    {
      date_created__gte: str,
      date_created__lte: str,
      date_won__gte: str,
      date_won__lte: str,
      lead_id: id('lead'),
      status_id: id('opportunity status'),
      status_type: {enum: ['active', 'won', 'lost'], type: 'string'},
      user_id: id('user'),
    },
  ),
  list(
    {
      description: 'List tasks, filtered by lead, user, completion status, or view',
      key: 'list-tasks',
      name: 'List Tasks',
      path: '/task/',
      resource: 'task',
    },
    {
      _type: {description: 'Task type, e.g. lead or all', type: 'string'},
      assigned_to: id('user'),
      is_complete: {type: 'boolean'},
      lead_id: id('lead'),
      view: {enum: ['inbox', 'future', 'archive'], type: 'string'},
    },
  ),
  list(
    {
      description: 'List activities, filtered by lead, user, contact, or type',
      key: 'list-activities',
      name: 'List Activities',
      path: '/activity/',
      resource: 'activity',
    },
    {
      _type: {description: 'Activity type, e.g. Call or Note', type: 'string'},
      contact_id: id('contact'),
      lead_id: id('lead'),
      user_id: id('user'),
    },
  ),
  list(
    {
      description: 'List note activities, filtered by lead or user',
      key: 'list-notes',
      name: 'List Notes',
      path: '/activity/note/',
      resource: 'note',
    },
    {
      lead_id: id('lead'),
      user_id: id('user'),
    },
  ),
  get('lead', '/lead/'),
  get('contact', '/contact/'),
  get('opportunity', '/opportunity/'),
  get('task', '/task/'),
  get('note', '/activity/note/'),
  get('user', '/user/'),
  {
    description: 'Create a lead with optional contacts and addresses',
    inputSchema: object(leadProps),
    key: 'create-lead',
    kind: 'create',
    name: 'Create Lead',
    path: '/lead/',
    resource: 'lead',
  },
  {
    description: 'Create a contact on a lead',
    inputSchema: object({...contactProps, lead_id: id('lead')}),
    key: 'create-contact',
    kind: 'create',
    name: 'Create Contact',
    path: '/contact/',
    resource: 'contact',
  },
  {
    description: 'Create an opportunity for a lead',
    inputSchema: object({...opportunityProps, lead_id: id('lead')}, ['lead_id']),
    key: 'create-opportunity',
    kind: 'create',
    name: 'Create Opportunity',
    path: '/opportunity/',
    resource: 'opportunity',
  },
  {
    description: 'Create a task for a lead',
    inputSchema: object(
      {
        assigned_to: id('user'),
        date: {description: 'YYYY-MM-DD or ISO date-time', type: 'string'},
        lead_id: id('lead'),
        text: str,
      },
      ['lead_id', 'text'],
    ),
    key: 'create-task',
    kind: 'create',
    name: 'Create Task',
    path: '/task/',
    resource: 'task',
  },
  {
    description: 'Create a note on a lead',
    inputSchema: object({contact_id: id('contact'), lead_id: id('lead'), note: str, note_html: str}, ['lead_id']),
    key: 'create-note',
    kind: 'create',
    name: 'Create Note',
    path: '/activity/note/',
    resource: 'note',
  },
  {
    description: 'Update a lead',
    inputSchema: object({...leadProps, id: id('lead')}, ['id']),
    key: 'update-lead',
    kind: 'update',
    name: 'Update Lead',
    path: '/lead/',
    resource: 'lead',
  },
  {
    description: 'Update a contact',
    inputSchema: object({...contactProps, id: id('contact')}, ['id']),
    key: 'update-contact',
    kind: 'update',
    name: 'Update Contact',
    path: '/contact/',
    resource: 'contact',
  },
  {
    description: 'Update an opportunity',
    inputSchema: object({...opportunityProps, id: id('opportunity')}, ['id']),
    key: 'update-opportunity',
    kind: 'update',
    name: 'Update Opportunity',
    path: '/opportunity/',
    resource: 'opportunity',
  },
]

const TYPES: Record<ActionKind, string> = {
  create: 'create-data-record',
  get: 'find-data-record-by-id',
  list: 'list-data-records',
  update: 'update-data-record',
}

export function actionId(key: string): string {
  return createHash('sha1').update(`sandbox/close/action/${key}`).digest('hex').slice(0, 24)
}

const recordSchema: JsonSchema = {
  properties: {fields: {type: 'object'}, id: str, name: str, rawFields: {type: 'object'}},
  type: 'object',
}

function outputSchema(kind: ActionKind): JsonSchema {
  if (kind === 'list') {
    return {properties: {cursor: str, records: {items: recordSchema, type: 'array'}}, type: 'object'}
  }

  if (kind === 'get') return {properties: {record: recordSchema}, type: 'object'}
  return {additionalProperties: true, properties: {id: str}, type: 'object'}
}

/** The action as `membrane action list --json` prints it. */
export function actionView(action: CatalogAction): Record<string, unknown> {
  return {
    description: action.description,
    id: actionId(action.key),
    inputSchema: action.inputSchema,
    integrationKey: 'close',
    key: action.key,
    name: action.name,
    outputSchema: outputSchema(action.kind),
    type: TYPES[action.kind],
  }
}

export function findAction(selector: string): CatalogAction | undefined {
  return CATALOG.find((a) => a.key === selector || actionId(a.key) === selector)
}

/** Words of a text, lower case, with a crude singular so "leads" matches "lead". */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 1)
    .map((w) =>
      w.length > 3 && w.endsWith('ies') ? w.slice(0, -3) + 'y' : w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w,
    )
}

/**
 * Rank the catalog for an intent: the exact key first, then actions sharing words with the intent
 * (key words count most, then name, then description); no intent keeps catalog order.
 */
export function rankActions(intent: string | undefined): CatalogAction[] {
  const text = intent?.trim().toLowerCase()
  if (!text) return [...CATALOG]
  const wanted = new Set(words(text))
  const scored = CATALOG.map((action, index) => {
    let score = action.key === text ? 1000 : 0
    const keyWords = new Set(words(action.key.replaceAll('-', ' ')))
    const nameWords = new Set(words(action.name))
    const descriptionWords = new Set(words(action.description))
    for (const w of wanted) {
      if (keyWords.has(w)) score += 3
      if (nameWords.has(w)) score += 2
      if (descriptionWords.has(w)) score += 1
    }

    return {action, index, score}
  })
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((s) => s.action)
}
