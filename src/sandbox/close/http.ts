/** Request/response plumbing shared by the route handlers: Close's error bodies, paging, filters. */
import {DEFAULT_LIMIT, MAX_LIMIT} from './constants.js'
import {isDate, parseMoment} from './format.js'

export interface CloseRequest {
  body?: unknown
  method: string
  path: string
  query: Array<[string, string]>
}

export interface CloseResponse {
  body: unknown
  headers: Record<string, string>
  status: number
}

export type Json = Record<string, unknown>

/** A response that ends the request early: thrown by handlers, turned into a reply by the router. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body && 'error' in body ? String(body.error) : `HTTP ${status}`)
  }
}

export function respond(status: number, body: unknown, extra: Record<string, string> = {}): CloseResponse {
  return {
    body,
    headers: {'Content-Type': 'application/json', RateLimit: 'limit=100, remaining=99, reset=5', ...extra},
    status,
  }
}

/** Close's 404 for an unknown or wrong-kind ID: `Empty query: Lead matching query does not exist.` */
export function notFound(model: string): HttpError {
  return new HttpError(404, {error: `Empty query: ${model} matching query does not exist.`})
}

export function fieldErrors(errors: Record<string, string>): HttpError {
  return new HttpError(400, {errors: [], 'field-errors': errors})
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, {errors: [message], 'field-errors': {}})
}

/** Collects field errors so one reply can name every bad field, as Close does. */
export class Problems {
  readonly errors: Record<string, string> = {}

  add(field: string, message: string): void {
    this.errors[field] ??= message
  }

  has(field: string): boolean {
    return field in this.errors
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw fieldErrors(this.errors)
  }
}

/** The JSON object body of a POST/PUT (a string is parsed; nothing means `{}`). */
export function bodyObject(body: unknown): Json {
  let value = body
  if (value === undefined || value === null || value === '') return {}
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      throw badRequest('Request body is not valid JSON.')
    }
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('Request body must be a JSON object.')
  }

  return value as Json
}

export interface Paging {
  limit: number
  skip: number
}

function nonNegativeInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw badRequest(`${name} must be a non-negative integer`)
  return Number(raw.trim())
}

/** Query parameters, with Close's conventions: `x__in=a,b`, `_skip`/`_limit`, `_fields`. */
export class Params {
  private readonly map = new Map<string, string>()

  constructor(query: Array<[string, string]>) {
    for (const [key, value] of query) this.map.set(key, value)
  }

  boolean(name: string): boolean | undefined {
    const raw = this.get(name)
    if (raw === undefined) return undefined
    const lower = raw.toLowerCase()
    if (['1', 'true', 'yes'].includes(lower)) return true
    if (['0', 'false', 'no'].includes(lower)) return false
    throw fieldErrors({[name]: 'Must be a valid boolean.'})
  }

  /** `_fields=a,b` as a list, or undefined. */
  fields(): string[] | undefined {
    const raw = this.get('_fields')
    if (!raw) return undefined
    return raw
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)
  }

  get(name: string): string | undefined {
    return this.map.get(name)
  }

  has(name: string): boolean {
    return this.map.has(name)
  }

  /** Values of `name` or `name__in` (comma-separated), or undefined when neither is given. */
  oneOf(name: string): string[] | undefined {
    const single = this.get(name)
    const many = this.get(`${name}__in`)
    if (single === undefined && many === undefined) return undefined
    const values: string[] = []
    if (single !== undefined) values.push(single)
    if (many !== undefined) values.push(...many.split(',').map((v) => v.trim()))
    return values.filter(Boolean)
  }

  paging(): Paging {
    const limit = nonNegativeInt('_limit', this.get('_limit'), DEFAULT_LIMIT)
    if (limit > MAX_LIMIT) throw badRequest(`_limit must be at most ${MAX_LIMIT}`)
    return {limit, skip: nonNegativeInt('_skip', this.get('_skip'), 0)}
  }
}

/** One page of an already filtered and sorted list: `{data, has_more}`. */
export function pageOf<T>(items: T[], paging: Paging): {data: T[]; has_more: boolean} {
  const data = items.slice(paging.skip, paging.skip + paging.limit)
  return {data, has_more: paging.skip + data.length < items.length}
}

/** `_fields` trimming. On leads, `custom` keeps every `custom.cf_…` key. */
export function trimFields(object: Json, fields: string[] | undefined): Json {
  if (!fields) return object
  const out: Json = {}
  for (const field of fields) {
    if (field === 'custom') {
      for (const [key, value] of Object.entries(object)) if (key.startsWith('custom.')) out[key] = value
    } else if (field in object) {
      out[field] = object[field]
    }
  }

  return out
}

/** How a comparison result satisfies each of Close's date filter suffixes. */
const DATE_SUFFIXES: Record<string, (cmp: number) => boolean> = {
  '': (cmp) => cmp === 0,
  __gt: (cmp) => cmp > 0,
  __gte: (cmp) => cmp >= 0,
  __lt: (cmp) => cmp < 0,
  __lte: (cmp) => cmp <= 0,
}

/** A date-only `wanted` compares calendar days; a date-time one compares instants. */
function compareMoment(value: string, wanted: string, wantedMs: number): number {
  if (isDate(wanted)) {
    const day = value.slice(0, 10)
    return day < wanted ? -1 : day > wanted ? 1 : 0
  }

  return Math.sign(parseMoment(value) - wantedMs)
}

/**
 * Filters on a date or timestamp field with Close's `field`, `field__gt/gte/lt/lte` parameters.
 * A date-only parameter compares calendar days (so `__lte=2024-01-31` includes all of that day);
 * a date-time parameter compares instants.
 */
export function dateFilter<T>(
  params: Params,
  field: string,
  get: (item: T) => null | string | undefined,
  skip: readonly string[] = [],
): ((item: T) => boolean) | undefined {
  const tests: Array<(value: string) => boolean> = []
  for (const [suffix, accept] of Object.entries(DATE_SUFFIXES)) {
    const name = `${field}${suffix}`
    const raw = params.get(name)
    if (raw === undefined || skip.includes(name)) continue
    const wanted = raw.trim()
    const wantedMs = parseMoment(wanted)
    if (Number.isNaN(wantedMs)) throw fieldErrors({[name]: 'Enter a valid date/time.'})
    tests.push((value) => accept(compareMoment(value, wanted, wantedMs)))
  }

  if (tests.length === 0) return undefined
  return (item) => {
    const value = get(item)
    return Boolean(value) && tests.every((check) => check(value!))
  }
}

/** Sort by a Close `_order_by` value (`field` or `-field`), nulls last, stable. */
export function sortByOrder<T>(
  items: T[],
  order: string,
  allowed: readonly string[],
  get: (item: T, field: string) => unknown,
): T[] {
  const desc = order.startsWith('-')
  const field = desc ? order.slice(1) : order
  if (!allowed.includes(field)) {
    throw fieldErrors({_order_by: `Not a valid choice. Use one of: ${allowed.join(', ')} (prefix - for descending).`})
  }

  return items.sort((a, b) => {
    const x = get(a, field)
    const y = get(b, field)
    if (x === y) return 0
    if (x === null || x === undefined) return 1
    if (y === null || y === undefined) return -1
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1
    return desc ? -cmp : cmp
  })
}
