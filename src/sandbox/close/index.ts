/**
 * The sandbox's Close API emulator: a seeded demo organization in a local store, and a handler
 * that answers requests the way Close's REST API (`/api/v1`) does. See README.md in this folder.
 */
import type {Ctx} from './common.js'
import type {SeedCounts, SeedOptions} from './seed.js'

import {bodyObject, type CloseRequest, type CloseResponse, HttpError, Params, respond} from './http.js'
import {
  CloseStore,
  hasStaleLock,
  OutdatedStore,
  readMeta,
  StaleGeneration,
  type StoreOptions,
  withLock,
} from './store.js'

export {SANDBOX_ME_ID, SANDBOX_ORG_ID} from './constants.js'
export type {CloseRequest, CloseResponse} from './http.js'
export type {SeedCounts, SeedOptions} from './seed.js'
export {keepParsedFiles} from './store.js'
export type {CloseStore, StoreOptions} from './store.js'

/**
 * Replace whatever is in `dir` with a fresh, deterministic demo organization ("Acme Demo") and
 * return how many objects it wrote. Dates are relative to `options.today` (default now).
 */
export async function seedSandbox(dir: string, options: SeedOptions = {}): Promise<SeedCounts> {
  const seed = await import('./seed.js')
  return seed.seedSandbox(dir, options)
}

/**
 * `close sandbox reset`: under the store lock (so it waits for running writes, and writes that
 * come later wait for it), seed a fresh organization as a new generation, swap it in, and remove
 * everything else the directory held except the names in `keep` (the caller's lock files).
 * Readers in the old generation retry on the new one; nothing is deleted under a writer.
 */
export async function resetStore(dir: string, options: SeedOptions = {}, keep: string[] = []): Promise<SeedCounts> {
  const {seedUnlocked} = await import('./seed.js')
  return withLock(dir, async () => {
    const counts = await seedUnlocked(dir, options)
    const meta = await readMeta(dir)
    const kept = new Set(['.lock', meta!.generation, 'meta.json', ...keep])
    const {readdir, rm} = await import('node:fs/promises')
    const names = await readdir(dir)
    await Promise.all(names.filter((n) => !kept.has(n)).map((n) => rm(`${dir}/${n}`, {force: true, recursive: true})))
    return counts
  })
}

/**
 * Open the store in `dir`, seeding the default demo organization first if `dir` holds no data.
 * `options.now` overrides the clock (task views, `date_won` defaults, timestamps), for tests.
 */
export async function openStore(dir: string, options: StoreOptions = {}): Promise<CloseStore> {
  // A writer killed mid-commit left its lock: take it over, which sweeps what it left half-done.
  if (hasStaleLock(dir)) await withLock(dir, async () => {})
  // Demo data of an older build's format is seeded afresh (it is only demo data): no dead end.
  const current = async () =>
    readMeta(dir).catch((error) => (error instanceof OutdatedStore ? undefined : Promise.reject(error)))
  let meta = await current()
  if (!meta) {
    const {seedUnlocked} = await import('./seed.js')
    await withLock(dir, async () => {
      if (!(await current())) await seedUnlocked(dir, {today: options.now?.()})
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

/** A handler whose module is imported on first use, so a request loads only its own resource. */
function lazy<M>(load: () => Promise<M>, pick: (loaded: M) => Handler): Handler {
  return async (ctx) => pick(await load())(ctx)
}

const leads = () => import('./leads.js')
const opps = () => import('./opportunities.js')
const tasks = () => import('./tasks.js')
const acts = () => import('./activities.js')
const org = () => import('./org.js')
const search = () => import('./search.js')

let routeTable: Route[] | undefined

function routes(): Route[] {
  if (routeTable) return routeTable
  const id = String.raw`([^/]+)`
  const route = (path: string, methods: Route['methods']): Route => ({
    methods,
    pattern: new RegExp(`^${path.replace('{id}', id)}$`),
  })
  routeTable = [
    route('/me/', {GET: lazy(org, (m) => m.getMe)}),
    route('/data/search/', {POST: lazy(search, (m) => m.search)}),
    route('/user/', {GET: lazy(org, (m) => m.listUsers)}),
    route('/user/{id}/', {GET: lazy(org, (m) => m.getUser)}),
    route('/organization/{id}/', {GET: lazy(org, (m) => m.getOrganization)}),
    route('/status/lead/', {GET: lazy(org, (m) => m.listLeadStatuses)}),
    route('/status/opportunity/', {GET: lazy(org, (m) => m.listOpportunityStatuses)}),
    route('/pipeline/', {GET: lazy(org, (m) => m.listPipelines)}),
    route('/saved_search/', {GET: lazy(org, (m) => m.listSavedSearches)}),
    route('/saved_search/{id}/', {GET: lazy(org, (m) => m.getSavedSearch)}),
    route('/lead/', {GET: lazy(leads, (m) => m.listLeads), POST: lazy(leads, (m) => m.createLead)}),
    route('/lead/{id}/', {
      DELETE: lazy(leads, (m) => m.deleteLead),
      GET: lazy(leads, (m) => m.getLead),
      PUT: lazy(leads, (m) => m.updateLead),
    }),
    route('/contact/', {GET: lazy(leads, (m) => m.listContacts), POST: lazy(leads, (m) => m.createContact)}),
    route('/contact/{id}/', {
      DELETE: lazy(leads, (m) => m.deleteContact),
      GET: lazy(leads, (m) => m.getContact),
      PUT: lazy(leads, (m) => m.updateContact),
    }),
    route('/opportunity/', {
      GET: lazy(opps, (m) => m.listOpportunities),
      POST: lazy(opps, (m) => m.createOpportunity),
    }),
    route('/opportunity/{id}/', {
      DELETE: lazy(opps, (m) => m.deleteOpportunity),
      GET: lazy(opps, (m) => m.getOpportunity),
      PUT: lazy(opps, (m) => m.updateOpportunity),
    }),
    route('/task/', {
      GET: lazy(tasks, (m) => m.listTasks),
      POST: lazy(tasks, (m) => m.createTask),
      PUT: lazy(tasks, (m) => m.bulkUpdateTasks),
    }),
    route('/task/{id}/', {
      DELETE: lazy(tasks, (m) => m.deleteTask),
      GET: lazy(tasks, (m) => m.getTask),
      PUT: lazy(tasks, (m) => m.updateTask),
    }),
    route('/activity/', {GET: lazy(acts, (m) => (ctx) => m.listActivities(ctx))}),
    route('/activity/note/', {
      GET: lazy(acts, (m) => (ctx) => m.listActivities(ctx, 'note')),
      POST: lazy(acts, (m) => m.createNote),
    }),
    route('/activity/note/{id}/', {
      DELETE: lazy(acts, (m) => (ctx) => m.deleteActivity(ctx, 'note')),
      GET: lazy(acts, (m) => (ctx) => m.getActivity(ctx, 'note')),
      PUT: lazy(acts, (m) => m.updateNote),
    }),
    route('/activity/call/', {
      GET: lazy(acts, (m) => (ctx) => m.listActivities(ctx, 'call')),
      POST: lazy(acts, (m) => m.createCall),
    }),
    route('/activity/call/{id}/', {
      DELETE: lazy(acts, (m) => (ctx) => m.deleteActivity(ctx, 'call')),
      GET: lazy(acts, (m) => (ctx) => m.getActivity(ctx, 'call')),
    }),
  ]
  for (const kind of ['lead', 'contact', 'opportunity'] as const) {
    routeTable.push(
      route(`/custom_field/${kind}/`, {GET: lazy(org, (m) => (ctx) => m.listCustomFields(ctx, kind))}),
      route(`/custom_field/${kind}/{id}/`, {GET: lazy(org, (m) => (ctx) => m.getCustomField(ctx, kind))}),
    )
  }

  for (const kind of ['email', 'meeting', 'sms', 'status_change/lead', 'status_change/opportunity', 'task_completed']) {
    routeTable.push(
      route(`/activity/${kind}/`, {GET: lazy(acts, (m) => (ctx) => m.listActivities(ctx, kind))}),
      route(`/activity/${kind}/{id}/`, {GET: lazy(acts, (m) => (ctx) => m.getActivity(ctx, kind))}),
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

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Answer one request as Close's REST API would. Writes are durably committed before this resolves.
 * A read that lost its generation to a concurrent commit is answered again from the new one.
 */
export async function handleCloseRequest(store: CloseStore, request: CloseRequest): Promise<CloseResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await answer(store, request)
    } catch (error) {
      if (!(error instanceof StaleGeneration) || attempt >= 20) throw error
      await store.reload()
    }
  }
}

async function answer(store: CloseStore, request: CloseRequest): Promise<CloseResponse> {
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
    return await handler({body, id: id === undefined ? undefined : safeDecode(id), params, request, store})
  } catch (error) {
    if (error instanceof HttpError) return respond(error.status, error.body, error.headers)
    if (error instanceof StaleGeneration) throw error
    return respond(500, {error: `Sandbox internal error: ${error instanceof Error ? error.message : String(error)}`})
  }
}
