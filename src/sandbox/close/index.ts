/**
 * The sandbox's Close API emulator: a seeded demo organization in a local store, and a handler
 * that answers requests the way Close's REST API (`/api/v1`) does. See README.md in this folder.
 */
import type {Ctx} from './common.js'

import {createNote, deleteNote, getActivity, listActivities, updateNote} from './activities.js'
import {badRequest, bodyObject, type CloseRequest, type CloseResponse, HttpError, Params, respond} from './http.js'
import {
  createContact,
  createLead,
  deleteContact,
  deleteLead,
  getContact,
  getLead,
  listContacts,
  listLeads,
  updateContact,
  updateLead,
} from './leads.js'
import {
  createOpportunity,
  deleteOpportunity,
  getOpportunity,
  listOpportunities,
  updateOpportunity,
} from './opportunities.js'
import {
  getLeadCustomField,
  getMe,
  getOrganization,
  getUser,
  listLeadCustomFields,
  listLeadStatuses,
  listOpportunityStatuses,
  listPipelines,
  listUsers,
} from './org.js'
import {seedUnlocked} from './seed.js'
import {CloseStore, readMeta, type StoreOptions, withLock} from './store.js'
import {bulkUpdateTasks, createTask, deleteTask, getTask, listTasks, updateTask} from './tasks.js'

export {SANDBOX_ME_ID, SANDBOX_ORG_ID} from './constants.js'
export type {CloseRequest, CloseResponse} from './http.js'
export {seedSandbox} from './seed.js'
export type {SeedCounts, SeedOptions} from './seed.js'
export type {CloseStore, StoreOptions} from './store.js'

/**
 * Open the store in `dir`, seeding the default demo organization first if `dir` holds no data.
 * `options.now` overrides the clock (task views, `date_won` defaults, timestamps), for tests.
 */
export async function openStore(dir: string, options: StoreOptions = {}): Promise<CloseStore> {
  let meta = await readMeta(dir)
  if (!meta) {
    await withLock(dir, async () => {
      if (!(await readMeta(dir))) await seedUnlocked(dir, {today: options.now?.()})
    })
    meta = await readMeta(dir)
    if (!meta) throw new Error(`Could not create the sandbox data in ${dir}.`)
  }

  return new CloseStore(dir, meta, options.now)
}

type Method = 'DELETE' | 'GET' | 'POST' | 'PUT'
type Handler = (ctx: Ctx) => Promise<CloseResponse>
interface Route {
  methods: Partial<Record<Method, Handler>>
  pattern: RegExp
}

let routeTable: Route[] | undefined

function routes(): Route[] {
  if (routeTable) return routeTable
  const activityTypes = [
    'call',
    'email',
    'meeting',
    'sms',
    'status_change/lead',
    'status_change/opportunity',
    'task_completed',
  ]
  routeTable = [
    {methods: {GET: getMe}, pattern: /^\/me\/$/},
    {methods: {GET: listUsers}, pattern: /^\/user\/$/},
    {methods: {GET: getUser}, pattern: /^\/user\/([^/]+)\/$/},
    {methods: {GET: getOrganization}, pattern: /^\/organization\/([^/]+)\/$/},
    {methods: {GET: listLeadStatuses}, pattern: /^\/status\/lead\/$/},
    {methods: {GET: listOpportunityStatuses}, pattern: /^\/status\/opportunity\/$/},
    {methods: {GET: listPipelines}, pattern: /^\/pipeline\/$/},
    {methods: {GET: listLeadCustomFields}, pattern: /^\/custom_field\/lead\/$/},
    {methods: {GET: getLeadCustomField}, pattern: /^\/custom_field\/lead\/([^/]+)\/$/},
    {methods: {GET: listLeads, POST: createLead}, pattern: /^\/lead\/$/},
    {methods: {DELETE: deleteLead, GET: getLead, PUT: updateLead}, pattern: /^\/lead\/([^/]+)\/$/},
    {methods: {GET: listContacts, POST: createContact}, pattern: /^\/contact\/$/},
    {methods: {DELETE: deleteContact, GET: getContact, PUT: updateContact}, pattern: /^\/contact\/([^/]+)\/$/},
    {methods: {GET: listOpportunities, POST: createOpportunity}, pattern: /^\/opportunity\/$/},
    {
      methods: {DELETE: deleteOpportunity, GET: getOpportunity, PUT: updateOpportunity},
      pattern: /^\/opportunity\/([^/]+)\/$/,
    },
    {methods: {GET: listTasks, POST: createTask, PUT: bulkUpdateTasks}, pattern: /^\/task\/$/},
    {methods: {DELETE: deleteTask, GET: getTask, PUT: updateTask}, pattern: /^\/task\/([^/]+)\/$/},
    {methods: {GET: (ctx) => listActivities(ctx)}, pattern: /^\/activity\/$/},
    {methods: {GET: (ctx) => listActivities(ctx, 'note'), POST: createNote}, pattern: /^\/activity\/note\/$/},
    {
      methods: {DELETE: deleteNote, GET: (ctx) => getActivity(ctx, 'note'), PUT: updateNote},
      pattern: /^\/activity\/note\/([^/]+)\/$/,
    },
  ]
  for (const kind of activityTypes) {
    const escaped = kind.replace('/', String.raw`\/`)
    routeTable.push(
      {methods: {GET: (ctx) => listActivities(ctx, kind)}, pattern: new RegExp(`^\\/activity\\/${escaped}\\/$`)},
      {methods: {GET: (ctx) => getActivity(ctx, kind)}, pattern: new RegExp(`^\\/activity\\/${escaped}\\/([^/]+)\\/$`)},
    )
  }

  return routeTable
}

/** `/api/v1/lead?x=1` → `/lead/` plus the query pairs it carried. */
function normalizePath(raw: string): {path: string; query: Array<[string, string]>} {
  let text = raw.trim()
  if (/^https?:\/\//i.test(text)) {
    const url = new URL(text)
    text = url.pathname + url.search
  }

  const query: Array<[string, string]> = []
  const mark = text.indexOf('?')
  if (mark !== -1) {
    for (const pair of new URLSearchParams(text.slice(mark + 1))) query.push(pair)
    text = text.slice(0, mark)
  }

  let path = text.replaceAll(/\/{2,}/g, '/')
  if (!path.startsWith('/')) path = `/${path}`
  if (path === '/api/v1' || path.startsWith('/api/v1/')) path = path.slice('/api/v1'.length)
  if (!path.endsWith('/')) path += '/'
  return {path, query}
}

/** Answer one request as Close's REST API would. Writes are persisted before this resolves. */
export async function handleCloseRequest(store: CloseStore, request: CloseRequest): Promise<CloseResponse> {
  try {
    const {path, query} = normalizePath(request.path)
    const method = request.method.toUpperCase() as Method
    const route = routes().find((r) => r.pattern.test(path))
    if (!route) return respond(404, {error: 'Not found'})
    const handler = route.methods[method]
    if (!handler) {
      return respond(
        405,
        {error: `Method ${method} is not allowed on ${path}`},
        {Allow: Object.keys(route.methods).sort().join(', ')},
      )
    }

    const id = route.pattern.exec(path)?.[1]
    const params = new Params([...query, ...(request.query ?? [])])
    const body = method === 'POST' || method === 'PUT' ? bodyObject(request.body) : {}
    return await handler({body, id: id === undefined ? undefined : decodeURIComponent(id), params, request, store})
  } catch (error) {
    if (error instanceof HttpError) return respond(error.status, error.body, error.headers)
    if (error instanceof URIError) return respond(400, badRequest('Malformed path.').body)
    return respond(500, {error: `Sandbox internal error: ${error instanceof Error ? error.message : String(error)}`})
  }
}
