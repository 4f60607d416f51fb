/**
 * Close operations routed action-first with the proxy as fallback (design §7). A verb uses the
 * Membrane action the catalog names for it when this connection has that action and its input
 * schema accepts the filters in use; otherwise it goes through `membrane request` to Close's REST
 * path. Either way the caller gets plain Close objects.
 */
import type {MembraneClient} from '../membrane/client.js'
import type {CallOptions} from '../membrane/gateway.js'
import type {ActionDirectory} from './action-directory.js'
import type {CachedAction} from './cache.js'
import type {ResourceDef, Verb} from './resources.js'

import {CliError, NotFoundError} from '../errors.js'
import {slicedList, splitQuery} from './deep-paging.js'
import {assertId} from './ids.js'
import {type ListSource, prefetched} from './list-source.js'
import {type CloseObject, isIdOnly, type NormalizedPage, normalizePage, recordOf, unwrapRecord} from './normalize.js'

export {allRecords, type ListSource, prefetched} from './list-source.js'

export type Params = Record<string, boolean | number | string | undefined>

type Route = {action: CachedAction; kind: 'action'} | {kind: 'proxy'}

const READ: CallOptions = {retry: true}
const WRITE_ONCE: CallOptions = {retry: false}

export class CloseApi {
  constructor(
    private readonly membrane: MembraneClient,
    readonly connectionId: string,
    private readonly actions: ActionDirectory,
  ) {}

  async create(resource: ResourceDef, body: CloseObject): Promise<CloseObject> {
    // A create is never retried; when its outcome is unknown (5xx, timeout, interrupt) it says so.
    const once: CallOptions = {
      ...WRITE_ONCE,
      write: {check: `close ${resource.topic} list`, effect: `the ${resource.noun} may have been created`},
    }
    const created = await this.dispatch(
      resource,
      'create',
      Object.keys(body),
      async (action) => recordOf(await this.runAction(action, body, once), resource.idPrefix, resource.noun),
      async () => recordOf(await this.proxy('POST', resource.path, [], body, once), resource.idPrefix, resource.noun),
    )
    return isIdOnly(created) ? this.get(resource, String(created.id)) : created
  }

  async delete(resource: ResourceDef, id: string): Promise<void> {
    assertId(resource, id)
    // A retried delete answered 404 went through on an earlier attempt: success.
    const options: CallOptions = {...READ, goneIsDone: true}
    await this.withNotFound(resource, id, () => this.proxy('DELETE', `${resource.path}${id}/`, [], undefined, options))
  }

  async get(resource: ResourceDef, id: string, params: Params = {}): Promise<CloseObject> {
    assertId(resource, id)
    return this.withNotFound(resource, id, () =>
      this.dispatch(
        resource,
        'get',
        ['id', ...definedKeys(params)],
        async (action) =>
          recordOf(await this.runAction(action, {...clean(params), id}, READ), resource.idPrefix, resource.noun),
        async () =>
          recordOf(
            await this.proxy('GET', `${resource.path}${id}/`, toQuery(params), undefined, READ),
            resource.idPrefix,
            resource.noun,
          ),
      ),
    )
  }

  /**
   * Records of `resource` matching `params` (Close's own filter names), `limit` of them or all
   * when `limit` is undefined, fetched one page per Membrane process as the consumer pulls. The
   * next page is requested as soon as one is handed over, so Membrane works while the consumer
   * writes (`prefetch: false` for one page at a time); a consumer that stops asks for nothing more.
   * All of a resource with deep paging (leads), prefetching, is read as slices side by side, merged
   * newest-created first (close/deep-paging.ts).
   */
  list(resource: ResourceDef, params: Params = {}, limit?: number, options: {prefetch?: boolean} = {}): ListSource {
    // CLOSE_LIST_PREFETCH=0 turns prefetching off: the bench compares both rates in one run.
    const prefetch = options.prefetch ?? process.env.CLOSE_LIST_PREFETCH !== '0'
    const deep = limit === undefined && prefetch ? resource.deepPaging : undefined
    const query = deep ? splitQuery(deep, params[deep.param]) : undefined
    if (!deep || query === undefined) return this.pagesOf(resource, params, limit, prefetch)
    return slicedList(deep, query, resource.maxPageSize, (q) =>
      this.pagesOf(resource, q === undefined ? params : {...params, [deep.param]: q}, undefined, true),
    )
  }

  /** Any Close REST call through the proxy; returns the parsed body. */
  async proxy(
    method: string,
    path: string,
    query: Array<[string, string]> = [],
    body?: unknown,
    options: CallOptions = READ,
  ): Promise<CloseObject> {
    const response = await this.membrane.request(this.connectionId, {body, method, path, query}, options)
    return (response.body ?? {}) as CloseObject
  }

  /**
   * Run an action already resolved from `key` (or given by ID, without a key). When Membrane says
   * the cached action is gone, the key is looked up again once and the fresh action run.
   */
  async runResolved(action: {id: string; key?: string}, input: unknown, options: CallOptions): Promise<unknown> {
    try {
      return await this.membrane.runAction(action.id, this.connectionId, input, options)
    } catch (error) {
      if (!isActionGone(error) || !action.key) throw error
      await this.actions.forget(action.key)
      const fresh = await this.actions.resolve(action.key)
      if (!fresh) throw error
      return this.membrane.runAction(fresh.id, this.connectionId, input, options)
    }
  }

  async update(resource: ResourceDef, id: string, changes: CloseObject): Promise<CloseObject> {
    assertId(resource, id)
    return this.withNotFound(resource, id, async () => {
      const updated = await this.dispatch(
        resource,
        'update',
        ['id', ...Object.keys(changes)],
        async (action) => unwrapRecord(await this.runAction(action, {...changes, id}, READ)),
        () => this.proxy('PUT', `${resource.path}${id}/`, [], changes, READ),
      )
      return isIdOnly(updated) ? this.get(resource, id) : updated
    })
  }

  /**
   * Run `verb` through its action when this connection has a usable one, else through the proxy.
   * If Membrane says the cached action is gone, ask again once and take whichever route is left.
   */
  private async dispatch<T>(
    resource: ResourceDef,
    verb: Verb,
    inputKeys: string[],
    viaAction: (action: CachedAction) => Promise<T>,
    viaProxy: () => Promise<T>,
  ): Promise<T> {
    const route = await this.route(resource, verb, inputKeys)
    if (route.kind === 'proxy') return viaProxy()
    try {
      return await viaAction(route.action)
    } catch (error) {
      if (!isActionGone(error)) throw error
      const again = await this.reroute(resource, verb, inputKeys)
      return again.kind === 'proxy' ? viaProxy() : viaAction(again.action)
    }
  }

  private async listPage(
    route: Route,
    resource: ResourceDef,
    params: Params,
    pageSize: number,
    cursor: string | undefined,
    skip: number,
  ): Promise<NormalizedPage> {
    if (route.kind === 'action') {
      const input = {...clean(params), limit: pageSize, ...(cursor ? {cursor} : {})}
      return normalizePage(await this.runAction(route.action, input, READ))
    }

    const query: Array<[string, string]> = [...toQuery(params), ['_skip', String(skip)], ['_limit', String(pageSize)]]
    return normalizePage(await this.proxy('GET', resource.path, query))
  }

  /** One list, page after page, one Membrane process per page (see list()). */
  private pagesOf(resource: ResourceDef, params: Params, limit: number | undefined, prefetch: boolean): ListSource {
    let more = false
    let total: number | undefined
    const pages = async function* (this: CloseApi): AsyncGenerator<CloseObject[]> {
      let route = await this.route(resource, 'list', definedKeys(params))
      let remaining = limit ?? Number.POSITIVE_INFINITY
      let cursor: string | undefined
      let skip = 0
      while (remaining > 0) {
        const pageSize = Math.min(resource.maxPageSize, remaining)

        let page: NormalizedPage
        try {
          page = await this.listPage(route, resource, params, pageSize, cursor, skip)
        } catch (error) {
          if (route.kind !== 'action' || !isActionGone(error)) throw error
          route = await this.reroute(resource, 'list', definedKeys(params))
          page = await this.listPage(route, resource, params, pageSize, cursor, skip)
        }

        total ??= page.total
        const records = page.records.slice(0, remaining)
        remaining -= records.length
        skip += page.records.length
        const hasNext = page.records.length > 0 && (Boolean(page.cursor) || page.hasMore)
        if (records.length > 0) yield records
        if (!hasNext) {
          more = page.records.length > records.length
          break
        }

        if (remaining <= 0) {
          more = true
          break
        }

        if (route.kind === 'action' && !page.cursor) route = {kind: 'proxy'} // has_more without a cursor
        cursor = page.cursor
      }
    }.call(this)
    return {more: () => more, pages: prefetch ? prefetched(pages) : pages, total: () => total}
  }

  /** Forget the cached action for `verb` and route again (Membrane said the action is gone). */
  private async reroute(resource: ResourceDef, verb: Verb, inputKeys: string[]): Promise<Route> {
    const key = resource.actions[verb]
    if (key) await this.actions.forget(key)
    return this.route(resource, verb, inputKeys)
  }

  /** Which way `verb` on `resource` goes, given the input keys it will send. */
  private async route(resource: ResourceDef, verb: Verb, inputKeys: string[]): Promise<Route> {
    const key = resource.actions[verb]
    if (!key) return {kind: 'proxy'}
    const action = await this.actions.resolve(key)
    if (!action) return {kind: 'proxy'}
    const properties = action.inputSchema?.properties
    const accepted =
      !properties ||
      Object.keys(properties).length === 0 ||
      inputKeys.every((name) => name in properties || name.startsWith('custom.'))
    return accepted ? {action, kind: 'action'} : {kind: 'proxy'}
  }

  private runAction(action: CachedAction, input: unknown, options: CallOptions): Promise<unknown> {
    return this.membrane.runAction(action.id, this.connectionId, input, options)
  }

  /** Turn Close's "matching query does not exist" into a message naming the ID and how to find one. */
  private async withNotFound<T>(resource: ResourceDef, id: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (error instanceof NotFoundError && error.code !== 'action_not_found') {
        throw new NotFoundError(`No ${resource.noun} with ID ${id}.`, {
          code: 'not_found',
          details: error.details,
          hint: `Check the ID; \`close ${resource.topic} list\` shows existing ${resource.plural}.`,
        })
      }

      throw error
    }
  }
}

function isActionGone(error: unknown): boolean {
  return error instanceof CliError && error.code === 'action_not_found'
}

function clean(params: Params): Record<string, boolean | number | string> {
  const result: Record<string, boolean | number | string> = {}
  for (const [key, value] of Object.entries(params)) if (value !== undefined) result[key] = value
  return result
}

function definedKeys(params: Params): string[] {
  return Object.keys(clean(params))
}

function toQuery(params: Params): Array<[string, string]> {
  return Object.entries(clean(params)).map(([key, value]) => [key, String(value)])
}
