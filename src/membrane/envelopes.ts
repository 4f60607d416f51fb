/**
 * Every envelope Membrane answers in, in one place (reference/membrane-cli.md §3.4, §3.5, §5.1,
 * §5.8; design §7): list pages (`items`/`data`/`records`/`results` + `cursor`/`has_more`, or a bare
 * array), run results (`{output, actionRunId}`), records (`{record}`, `{id, name, fields,
 * rawFields}`, `{id}`), and proxy answers, bare or wrapped as `{status, headers, data|body}` with the
 * body an object or a JSON string. Shapes a call does not expect are `bad_output` (exit 3), never data.
 */
import {RemoteError} from '../errors.js'
import {type Extracted, extractJson, MAX_JSON_DEPTH} from './parse-output.js'
import {redact} from './redact.js'

export type CloseObject = Record<string, unknown>
type Obj = Record<string, unknown>

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

const LIST_KEYS = ['items', 'data', 'records', 'results'] as const

/** A short, single-line picture of a value for messages. */
function picture(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = redact(typeof value === 'string' ? value : (JSON.stringify(redact(value)) ?? String(value)))
  const oneLine = text.replaceAll(/\s+/g, ' ').trim()
  return oneLine.length > 120 ? `${oneLine.slice(0, 119)}…` : oneLine
}

/** Exit 3 `bad_output`: Membrane answered, but not with the shape this call needs. */
export function shapeError(expected: string, value: unknown): RemoteError {
  return new RemoteError(`Membrane's answer is not ${expected}: ${picture(value)}`, {
    code: 'bad_output',
    hint: 'Nothing was printed. Check that CLOSE_MEMBRANE_BIN is the Membrane CLI (`close status`), or run again with --debug.',
  })
}

/** Membrane's own list page: bare array, `{items}`, `{data}`, `{records}`, `{results}`; plus its cursor. */
export interface ListEnvelope {
  cursor?: string
  /** `has_more: true` (Close) without a cursor. */
  hasMore: boolean
  items: unknown[]
  /** `total_results` (Close) or `total`. */
  total?: number
}

/** The list in `value`, or undefined when `value` is not a list page of any known envelope. */
export function findList(value: unknown): ListEnvelope | undefined {
  if (Array.isArray(value)) return {hasMore: false, items: value}
  if (!isObject(value)) return undefined
  const key = LIST_KEYS.find((name) => Array.isArray(value[name]))
  if (!key) return undefined
  const cursor = str(value.cursor) ?? str(value.nextCursor) ?? str(value.next_cursor)
  const total =
    typeof value.total_results === 'number'
      ? value.total_results
      : typeof value.total === 'number'
        ? value.total
        : undefined
  return {
    hasMore: value.has_more === true,
    items: value[key] as unknown[],
    ...(cursor ? {cursor} : {}),
    ...(total === undefined ? {} : {total}),
  }
}

/** A list page; anything else is `bad_output` (a cut-off or foreign answer is never an empty list). */
export function listOf(value: unknown, what = 'a list'): ListEnvelope {
  const list = findList(value)
  if (!list) throw shapeError(what, value)
  return list
}

/** `{output, actionRunId?}` of `action run` / `act` → the output; other values as they are. */
export function runOutput(value: unknown): unknown {
  if (!isObject(value) || !('output' in value)) return value
  const extra = Object.keys(value).filter(
    (key) => !['actionRunId', 'executionLogs', 'logs', 'output', 'status'].includes(key),
  )
  return extra.length === 0 ? value.output : value
}

/** A Membrane data record `{id, name, fields, rawFields}`, `{record}`, `{data}` → the Close object inside it. */
export function unwrapRecord(value: unknown): CloseObject {
  if (!isObject(value)) return {value}
  if (isObject(value.rawFields)) return value.rawFields
  if (isObject(value.record)) return unwrapRecord(value.record)
  if (isObject(value.data) && Object.keys(value).length <= 2) return value.data
  if (isObject(value.fields) && 'name' in value && !('display_name' in value) && Object.keys(value).length <= 5) {
    return {id: value.id, ...value.fields}
  }

  return value
}

/** A record whose `id` has `idPrefix` (`lead_`…): anything else is `bad_output`, never a record. */
export function recordOf(value: unknown, idPrefix: string, noun = 'record'): CloseObject {
  const record = unwrapRecord(value)
  if (typeof record.id !== 'string' || !record.id.startsWith(idPrefix)) {
    throw shapeError(`a Close ${noun} (an object with an ${idPrefix}… id)`, value)
  }

  return record
}

/** Whether an action's output carries only an ID (Membrane's create/update `{id}`), not the whole object. */
export function isIdOnly(value: CloseObject): boolean {
  const keys = Object.keys(value)
  return typeof value.id === 'string' && keys.every((key) => key === 'id' || key === 'success' || key === 'name')
}

/** A list page of Close records, in any envelope. */
export interface NormalizedPage {
  /** Opaque cursor for the next action page, when the action pages by cursor. */
  cursor?: string
  /** Close said there is more (has_more) but gave no cursor. */
  hasMore: boolean
  records: CloseObject[]
  /** Close's total_results, when present. */
  total?: number
}

/**
 * A list page in any envelope (`{records, cursor}`, `{data, has_more}`, `{items, cursor}`, a bare
 * array, inside `{output}`), as Close objects. Not a list page → `bad_output`.
 */
export function normalizePage(value: unknown): NormalizedPage {
  const list = listOf(runOutput(value), 'a list page')
  return {
    hasMore: list.hasMore,
    records: list.items.map((item) => unwrapRecord(item)),
    ...(list.cursor ? {cursor: list.cursor} : {}),
    ...(list.total === undefined ? {} : {total: list.total}),
  }
}

// ---- proxy answers -------------------------------------------------------------------------

/** A proxy answer wrapped as `{status, headers, data|body}` (reference §5.8). */
export function isWrappedResponse(value: unknown): value is Obj & {status: number} {
  if (!isObject(value) || typeof value.status !== 'number') return false
  if (value.status < 100 || value.status > 599) return false
  if (typeof value.type === 'string' && typeof value.message === 'string') return false
  return 'headers' in value || 'data' in value || 'body' in value
}

/**
 * A body given as text: JSON when it is a complete JSON document (objects and arrays only, depth
 * capped), else the text itself (a non-JSON body passes through to `close raw`).
 */
export function parseBodyText(text: string): unknown {
  const trimmed = text.trim()
  if (!/^[[{]/.test(trimmed)) return text
  const parsed: Extracted = extractJson(trimmed)
  if (parsed.found) return parsed.value
  if (parsed.problem === 'too_deep') {
    throw new RemoteError(`Close's answer nests deeper than ${MAX_JSON_DEPTH} levels.`, {
      code: 'bad_output',
      hint: 'Nothing was printed; run again with --debug to see the Membrane call.',
    })
  }

  return text
}

/** The body of a wrapped proxy answer: `data`, else `body`; a JSON string body is parsed. */
export function wrappedBody(value: Obj): unknown {
  const body = 'data' in value ? value.data : 'body' in value ? value.body : null
  return typeof body === 'string' ? parseBodyText(body) : body
}

function headersOf(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  if (!isObject(value)) return headers
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue
    headers[key.toLowerCase()] = Array.isArray(item) ? item.map(String).join(', ') : String(item)
  }

  return headers
}

/** What a proxy call answered: status, headers (lower-case names) and the body. */
export interface ProxyAnswer {
  body: unknown
  headers: Record<string, string>
  status: number
}

/**
 * A proxy answer in any shape: `{output: …}` of `act --api` is unwrapped first; then a wrapped
 * `{status, headers, data|body}`; else the bare body (status 200; a JSON string body is parsed).
 */
export function proxyAnswer(value: unknown): ProxyAnswer {
  const inner = runOutput(value)
  if (isWrappedResponse(inner)) {
    return {body: wrappedBody(inner), headers: headersOf(inner.headers), status: inner.status}
  }

  return {body: typeof inner === 'string' ? parseBodyText(inner) : inner, headers: {}, status: 200}
}
