/**
 * `close raw --paginate`: follow Close's paging one page at a time, so a consumer that writes each
 * page before asking for the next keeps memory flat however many records there are.
 *
 * - Offset paging (most lists): `{data, has_more}`; the next page is `_skip + data.length`. Unless
 *   the user gave `_limit`, the largest page Close serves (200) is asked for.
 * - Event log (`GET /event/`): `{data, cursor_next}`; the next page is `_cursor=cursor_next`.
 * - Advanced Filtering (`POST /data/search/`): `{data, cursor}`; the next page sends the same body
 *   with `cursor` set.
 * A response that is not a list page is yielded once, as is.
 */
import type {ProxyResponse} from '../membrane/types.js'
import type {RawRequest} from './request.js'

import {isObject, shapeError} from '../membrane/envelopes.js'

export const MAX_PAGE_SIZE = 200

export type PageResult =
  {kind: 'list'; records: unknown[]; response: ProxyResponse} | {kind: 'single'; response: ProxyResponse}

export type Send = (request: RawRequest) => Promise<ProxyResponse>

function getQuery(query: Array<[string, string]>, key: string): string | undefined {
  let found: string | undefined
  for (const [name, value] of query) if (name === key) found = value
  return found
}

function setQuery(query: Array<[string, string]>, key: string, value: string): Array<[string, string]> {
  return [...query.filter(([name]) => name !== key), [key, value]]
}

/** Paths that page by cursor and refuse `_skip`/a large `_limit` (events: max 50). */
function isCursorPath(path: string): boolean {
  return /^\/event\/?$/.test(path)
}

/** The first request of a paginated run: offset lists ask for the largest page unless `_limit` was given. */
export function firstPageRequest(request: RawRequest): RawRequest {
  if (request.method !== 'GET' || isCursorPath(request.path) || getQuery(request.query, '_limit') !== undefined) {
    return request
  }

  return {...request, query: [...request.query, ['_limit', String(MAX_PAGE_SIZE)]]}
}

/** The request for the page after `body` (and the cursor it follows, if any); undefined after the last page. */
export function nextPageRequest(
  request: RawRequest,
  body: Record<string, unknown>,
  count: number,
): undefined | {cursor?: string; request: RawRequest} {
  if (count === 0) return undefined
  if (request.method === 'GET' && typeof body.cursor_next === 'string' && body.cursor_next !== '') {
    const cursor = body.cursor_next
    return {cursor, request: {...request, query: setQuery(request.query, '_cursor', cursor)}}
  }

  if (request.method === 'POST' && typeof body.cursor === 'string' && body.cursor !== '' && isObject(request.body)) {
    const {cursor} = body
    return {cursor, request: {...request, body: {...request.body, cursor}}}
  }

  if (request.method === 'GET' && body.has_more === true) {
    const skip = Number(getQuery(request.query, '_skip') ?? '0')
    const base = Number.isSafeInteger(skip) && skip > 0 ? skip : 0
    return {request: {...request, query: setQuery(request.query, '_skip', String(base + count))}}
  }

  return undefined
}

/**
 * Every page of `request`, each fetched only when the consumer asks for it.
 * @yields each list page's records with its response, or a non-list response once
 */
export async function* paginate(request: RawRequest, send: Send): AsyncGenerator<PageResult> {
  let next: RawRequest | undefined = firstPageRequest(request)
  let first = true
  // A server that hands out the same cursor twice would otherwise page forever.
  const seen = new Set<string>()
  while (next) {
    const response: ProxyResponse = await send(next)
    const {body} = response
    if (!isObject(body) || !Array.isArray(body.data)) {
      // A later page that is not a list page is a failure (exit 3), never the silent end of the list.
      if (!first) throw shapeError('a list page (`data`)', body)
      yield {kind: 'single', response}
      return
    }

    first = false
    yield {kind: 'list', records: body.data, response}
    const following = nextPageRequest(next, body, body.data.length)
    if (following?.cursor !== undefined) {
      if (seen.has(following.cursor)) return
      seen.add(following.cursor)
    }

    next = following?.request
  }
}
