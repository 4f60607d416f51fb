/**
 * Membrane answers in several envelopes (design §7, reference/membrane-cli.md §5.1,
 * reference/close-api.md §9). These turn each into plain Close objects.
 */
export type CloseObject = Record<string, unknown>

export interface NormalizedPage {
  /** Opaque cursor for the next action page, when the action pages by cursor. */
  cursor?: string
  /** Close said there is more (has_more) but gave no cursor. */
  hasMore: boolean
  records: CloseObject[]
  /** Close's total_results, when present. */
  total?: number
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A Membrane data record `{id, name, fields, rawFields}` → the Close object inside it. */
export function unwrapRecord(value: unknown): CloseObject {
  if (!isObject(value)) return {value}
  if (isObject(value.rawFields)) return value.rawFields
  if (isObject(value.record)) return unwrapRecord(value.record)
  if (isObject(value.data) && !Array.isArray(value.data) && Object.keys(value).length <= 2) return value.data
  if (isObject(value.fields) && 'name' in value && !('display_name' in value) && Object.keys(value).length <= 5) {
    return {id: value.id, ...value.fields}
  }

  return value
}

/** A list page in any envelope: `{records, cursor}`, `{data, has_more}`, `{items, cursor}` or a bare array. */
export function normalizePage(value: unknown): NormalizedPage {
  if (Array.isArray(value)) return {hasMore: false, records: value.map((item) => unwrapRecord(item))}
  if (!isObject(value)) return {hasMore: false, records: []}
  const list = [value.records, value.data, value.items, value.results].find((candidate) => Array.isArray(candidate))
  const records = (list as undefined | unknown[])?.map((item) => unwrapRecord(item)) ?? []
  const cursor = typeof value.cursor === 'string' && value.cursor !== '' ? value.cursor : undefined
  const total =
    typeof value.total_results === 'number'
      ? value.total_results
      : typeof value.total === 'number'
        ? value.total
        : undefined
  return {cursor, hasMore: value.has_more === true, records, total}
}

/** Whether an action's output carries only an ID (Membrane's create/update `{id}`), not the whole object. */
export function isIdOnly(value: CloseObject): boolean {
  const keys = Object.keys(value)
  return typeof value.id === 'string' && keys.every((key) => key === 'id' || key === 'success' || key === 'name')
}

/**
 * Read a field: the literal key first (Close's `custom.cf_x` keys contain a dot), then a dotted
 * path, preferring the longest literal key at each level (`custom.cf_x.0` → item 0 of `custom.cf_x`).
 * Array items are addressed by index. Missing → undefined.
 */
export function getField(record: unknown, key: string): unknown {
  if (record === null || typeof record !== 'object') return undefined
  const obj = record as Record<string, unknown>
  if (Object.hasOwn(obj, key)) return obj[key]
  const parts = key.split('.')
  for (let i = parts.length - 1; i > 0; i--) {
    const head = parts.slice(0, i).join('.')
    if (Object.hasOwn(obj, head)) {
      const value = getField(obj[head], parts.slice(i).join('.'))
      if (value !== undefined) return value
    }
  }

  return undefined
}
