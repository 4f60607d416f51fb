/**
 * Membrane answers in several envelopes (design §7, reference/membrane-cli.md §5.1,
 * reference/close-api.md §9). They all live in membrane/envelopes.ts; these are the names the
 * Close layer uses.
 */
export {
  type CloseObject,
  isIdOnly,
  type NormalizedPage,
  normalizePage,
  recordOf,
  unwrapRecord,
} from '../membrane/envelopes.js'

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
