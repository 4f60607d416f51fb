/**
 * Close knowledge as data: each resource's ID prefix, proxy path, the Membrane action keys that
 * serve it (design §7), its largest page, its fields and the curated table columns (design §6).
 * Nothing here runs; commands, the router and the output layer read it.
 */
import type {DeepPaging} from './deep-paging.js'

/** How a column's value is shown in a table. csv/tsv/json always carry the raw Close value. */
export type ColumnFormat = 'boolean' | 'count' | 'date' | 'datetime' | 'list' | 'money' | 'percent' | 'status' | 'text'

export interface Column {
  /** For `money`: the key holding the ISO currency code (default `value_currency`, else USD). */
  currencyKey?: string
  /** Keys read in order when `key` is empty (EMAIL falls back to the first contact's email). */
  fallback?: string[]
  format?: ColumnFormat
  /** Upper-case header shown in tables. */
  header: string
  /** A Close field name (a literal top-level key such as `custom.cf_x`), or a dotted path into it. */
  key: string
  /** Widest this column may be before it is truncated, in terminal cells. */
  maxWidth?: number
  /**
   * An ID field whose name this column shows when the record carries no name (contacts and notes
   * have a `lead_id` only): the renderer asks its name hook, else shows the ID.
   */
  nameOf?: string
  /** Higher stays longer when the terminal is narrow (output/table-layout.ts); default by kind. */
  priority?: number
  /** Colour: `status` by the status type (won/lost/active…), `due` red when overdue and not done. */
  tone?: 'due' | 'status'
}

/**
 * Record views (design §6): fields never shown (internal to Close or Membrane) and fields shown only
 * when their twin is absent (`note_html` repeats `note`). Data, read by output/renderer.ts.
 */
export const hiddenFields: readonly string[] = [
  '_type',
  'connectorId',
  'created_by',
  'is_dateless',
  'organization_id',
  'updated_by',
]
export const twinFields: Readonly<Record<string, string>> = {
  body_html: 'body_text',
  due_date: 'date',
  note_html: 'note',
  status_display_name: 'status_label',
  text_html: 'text',
}

export type Verb = 'create' | 'delete' | 'get' | 'list' | 'update'

export interface ResourceDef {
  /** Membrane action keys from the Close catalog; a verb without one goes through the proxy. */
  actions: Partial<Record<Verb, string>>
  /** Curated table columns. */
  columns: Column[]
  /** How `--all` reads the whole list: a stable order, and slices side by side (close/deep-paging.ts). */
  deepPaging?: DeepPaging
  /** Known top-level Close fields, for `--fields` validation (custom.cf_* is always allowed). */
  fields: string[]
  /** Prefix of this resource's IDs, `lead_`, `cont_`, … */
  idPrefix: string
  /** Largest `_limit` Close accepts on this list. */
  maxPageSize: number
  /** Singular noun for messages: "lead". */
  noun: string
  /** Proxy collection path, with leading and trailing slash. */
  path: string
  /** Plural noun for messages and footers: "leads". */
  plural: string
  /** The command topic: `close <topic> list`. */
  topic: string
}

const common = ['id', 'organization_id', 'date_created', 'date_updated', 'created_by', 'updated_by']

export const leads: ResourceDef = {
  actions: {create: 'create-lead', get: 'get-lead', list: 'list-leads', update: 'update-lead'},
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {header: 'NAME', key: 'display_name', maxWidth: 36, priority: 100},
    {format: 'status', header: 'STATUS', key: 'status_label', maxWidth: 20, priority: 80, tone: 'status'},
    {format: 'count', header: 'CONTACTS', key: 'contacts', priority: 30},
    {
      fallback: ['contacts.0.emails.0.email'],
      header: 'EMAIL',
      key: 'primary_email.email',
      maxWidth: 32,
      priority: 60,
    },
    {header: 'CITY', key: 'addresses.0.city', maxWidth: 18, priority: 25},
    {format: 'date', header: 'UPDATED', key: 'date_updated', priority: 40},
  ],
  // Close's deep-paging advice: sort:-created, split by slice: (reference/close-api.md §4).
  deepPaging: {param: 'query', slices: 2, sortField: 'date_created', sortTerm: 'sort:-created'},
  fields: [
    ...common,
    'name',
    'display_name',
    'status_id',
    'status_label',
    'description',
    'url',
    'html_url',
    'created_by_name',
    'updated_by_name',
    'contacts',
    'contact_ids',
    'opportunities',
    'tasks',
    'addresses',
    'integration_links',
    'primary_email',
    'primary_phone',
    'primary_address_summary',
    'contacts_summary',
    'source',
  ],
  idPrefix: 'lead_',
  maxPageSize: 200,
  noun: 'lead',
  path: '/lead/',
  plural: 'leads',
  topic: 'leads',
}

export const contacts: ResourceDef = {
  actions: {create: 'create-contact', get: 'get-contact', list: 'list-contacts', update: 'update-contact'},
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {header: 'NAME', key: 'display_name', maxWidth: 28, priority: 100},
    {header: 'TITLE', key: 'title', maxWidth: 24, priority: 30},
    {format: 'list', header: 'EMAIL', key: 'emails.0.email', maxWidth: 32, priority: 70},
    {format: 'list', header: 'PHONE', key: 'phones.0.phone_formatted', maxWidth: 18, priority: 50},
    {header: 'LEAD', key: 'lead_name', maxWidth: 28, nameOf: 'lead_id', priority: 60},
  ],
  fields: [...common, 'lead_id', 'name', 'display_name', 'title', 'emails', 'phones', 'urls', 'integration_links'],
  idPrefix: 'cont_',
  maxPageSize: 200,
  noun: 'contact',
  path: '/contact/',
  plural: 'contacts',
  topic: 'contacts',
}

export const opportunities: ResourceDef = {
  actions: {
    create: 'create-opportunity',
    get: 'get-opportunity',
    list: 'list-opportunities',
    update: 'update-opportunity',
  },
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {header: 'LEAD', key: 'lead_name', maxWidth: 28, nameOf: 'lead_id', priority: 100},
    {format: 'status', header: 'STATUS', key: 'status_label', maxWidth: 18, priority: 80, tone: 'status'},
    {format: 'money', header: 'VALUE', key: 'value', priority: 90},
    {header: 'PERIOD', key: 'value_period', priority: 20},
    {format: 'percent', header: 'CONF', key: 'confidence', priority: 40},
    {header: 'OWNER', key: 'user_name', maxWidth: 18, priority: 50},
    {format: 'date', header: 'WON', key: 'date_won', priority: 30},
  ],
  fields: [
    ...common,
    'lead_id',
    'lead_name',
    'contact_id',
    'contact_name',
    'user_id',
    'user_name',
    'status_id',
    'status_label',
    'status_display_name',
    'status_type',
    'pipeline_id',
    'pipeline_name',
    'value',
    'value_period',
    'value_currency',
    'value_formatted',
    'confidence',
    'expected_value',
    'annualized_value',
    'annualized_expected_value',
    'date_won',
    'date_lost',
    'note',
    'created_by_name',
    'updated_by_name',
  ],
  idPrefix: 'oppo_',
  maxPageSize: 200,
  noun: 'opportunity',
  path: '/opportunity/',
  plural: 'opportunities',
  topic: 'opps',
}

export const tasks: ResourceDef = {
  actions: {create: 'create-task', get: 'get-task', list: 'list-tasks'},
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {format: 'date', header: 'DUE', key: 'date', priority: 85, tone: 'due'},
    {header: 'TEXT', key: 'text', maxWidth: 48, priority: 95},
    {header: 'LEAD', key: 'lead_name', maxWidth: 24, nameOf: 'lead_id', priority: 90},
    {header: 'ASSIGNEE', key: 'assigned_to_name', maxWidth: 18, priority: 40},
    {format: 'boolean', header: 'DONE', key: 'is_complete', priority: 30},
  ],
  fields: [
    ...common,
    '_type',
    'lead_id',
    'lead_name',
    'contact_id',
    'contact_name',
    'assigned_to',
    'assigned_to_name',
    'text',
    'date',
    'is_dateless',
    'is_complete',
    'view',
    'object_type',
    'object_id',
    'created_by_name',
    'updated_by_name',
  ],
  idPrefix: 'task_',
  maxPageSize: 200,
  noun: 'task',
  path: '/task/',
  plural: 'tasks',
  topic: 'tasks',
}

export const notes: ResourceDef = {
  actions: {create: 'create-note', get: 'get-note', list: 'list-notes'},
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {format: 'datetime', header: 'DATE', key: 'date_created', priority: 80},
    {header: 'AUTHOR', key: 'user_name', maxWidth: 18, priority: 40},
    {header: 'NOTE', key: 'note', maxWidth: 60, priority: 95},
    {header: 'LEAD', key: 'lead_name', maxWidth: 24, nameOf: 'lead_id', priority: 70},
  ],
  fields: [
    ...common,
    '_type',
    'lead_id',
    'contact_id',
    'user_id',
    'user_name',
    'note',
    'note_html',
    'title',
    'pinned',
    'activity_at',
    'created_by_name',
    'updated_by_name',
  ],
  idPrefix: 'acti_',
  maxPageSize: 200,
  noun: 'note',
  path: '/activity/note/',
  plural: 'notes',
  topic: 'notes',
}

export const activities: ResourceDef = {
  actions: {list: 'list-activities'},
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {format: 'datetime', header: 'WHEN', key: 'activity_at', priority: 80},
    {header: 'TYPE', key: '_type', priority: 85},
    {header: 'USER', key: 'user_name', maxWidth: 18, priority: 40},
    {header: 'SUMMARY', key: 'summary', maxWidth: 60, priority: 95},
  ],
  fields: [
    ...common,
    '_type',
    'lead_id',
    'contact_id',
    'user_id',
    'user_name',
    'activity_at',
    'note',
    'subject',
    'direction',
    'status',
    'duration',
    'text',
    'old_status_label',
    'new_status_label',
  ],
  idPrefix: 'acti_',
  maxPageSize: 200,
  noun: 'activity',
  path: '/activity/',
  plural: 'activities',
  topic: 'activities',
}

export const users: ResourceDef = {
  actions: {get: 'get-user'},
  columns: [
    {header: 'ID', key: 'id', priority: 10},
    {header: 'FIRST NAME', key: 'first_name', priority: 100},
    {header: 'LAST NAME', key: 'last_name', priority: 95},
    {header: 'EMAIL', key: 'email', maxWidth: 36, priority: 80},
  ],
  fields: [
    ...common,
    'email',
    'first_name',
    'last_name',
    'image',
    'organizations',
    'memberships',
    'email_accounts',
    'last_used_timezone',
  ],
  idPrefix: 'user_',
  maxPageSize: 200,
  noun: 'user',
  path: '/user/',
  plural: 'users',
  topic: 'users',
}

export const calls: ResourceDef = {
  actions: {},
  columns: [
    {header: 'ID', key: 'id'},
    {format: 'datetime', header: 'WHEN', key: 'activity_at'},
    {header: 'DIR', key: 'direction'},
    {format: 'count', header: 'SECS', key: 'duration'},
    {header: 'USER', key: 'user_name', maxWidth: 18},
    {header: 'PHONE', key: 'phone', maxWidth: 16},
    {header: 'NOTE', key: 'note', maxWidth: 40},
  ],
  fields: [
    ...common,
    '_type',
    'lead_id',
    'contact_id',
    'user_id',
    'user_name',
    'activity_at',
    'direction',
    'disposition',
    'duration',
    'local_phone',
    'remote_phone',
    'phone',
    'note',
    'note_html',
    'recording_url',
    'status',
    'created_by_name',
    'updated_by_name',
  ],
  idPrefix: 'acti_',
  maxPageSize: 200,
  noun: 'call',
  path: '/activity/call/',
  plural: 'calls',
  topic: 'calls',
}

export const meetings: ResourceDef = {
  actions: {},
  columns: [
    {header: 'ID', key: 'id'},
    {format: 'datetime', header: 'STARTS', key: 'starts_at'},
    {header: 'TITLE', key: 'title', maxWidth: 40},
    {header: 'STATUS', key: 'status'},
    {header: 'USER', key: 'user_name', maxWidth: 18},
    {header: 'LOCATION', key: 'location', maxWidth: 20},
  ],
  fields: [
    ...common,
    '_type',
    'lead_id',
    'contact_id',
    'user_id',
    'user_name',
    'activity_at',
    'starts_at',
    'ends_at',
    'title',
    'location',
    'status',
    'attendees',
    'note',
    'user_note_html',
    'created_by_name',
    'updated_by_name',
  ],
  idPrefix: 'acti_',
  maxPageSize: 200,
  noun: 'meeting',
  path: '/activity/meeting/',
  plural: 'meetings',
  topic: 'meetings',
}
