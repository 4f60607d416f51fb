/**
 * `--fields`: parsing and validation against a resource's known fields, and reading a field out of a
 * Close object. A field is a known top-level key (`display_name`), a curated column key, a custom
 * field (`custom.cf_…`, a literal top-level key in Close objects) or a dotted path into a known
 * field (`addresses.0.city`, `emails.0.email`).
 */
import type {RecordView} from './types.js'

import {getField} from '../close/normalize.js'
import {UsageError} from '../errors.js'

const CUSTOM_PREFIX = 'custom.cf_'

/** Every field `--fields` accepts for this view, in a stable order: known fields, then column keys. */
export function validFields(view: RecordView): string[] {
  const all = [...view.fields, ...view.columns.map((c) => c.key)]
  return [...new Set(all)]
}

/** `a, b,,a` → `['a', 'b']`: trimmed, blanks and duplicates dropped, order kept. */
export function splitFields(raw: string): string[] {
  const fields = raw.split(',').map((f) => f.trim())
  return [...new Set(fields.filter(Boolean))]
}

/**
 * Parse `--fields a,b,c`. `undefined` (flag absent) gives `undefined`; an empty value or an unknown
 * field throws a UsageError (exit 2) that lists the valid fields. Blank items (`a,,b`) are ignored and
 * duplicates dropped; the order given is kept.
 */
export function parseFields(raw: string | undefined, view: RecordView): string[] | undefined {
  if (raw === undefined) return undefined
  const fields = splitFields(raw)
  const valid = validFields(view)
  const listing = `Valid fields for ${view.plural}: ${[...valid, `${CUSTOM_PREFIX}<id>`].join(', ')}`
  const example = (view.columns.length >= 2 ? view.columns.map((c) => c.key) : valid).slice(0, 2).join(',')
  const hint = `Pass a comma-separated list, e.g. --fields ${example}; dotted paths such as addresses.0.city reach inside a field.`
  if (fields.length === 0) {
    throw new UsageError(`--fields is empty. ${listing}`, {code: 'invalid_fields', details: {validFields: valid}, hint})
  }

  const known = new Set(valid)
  const unknown = fields.filter((f) => !isKnownField(f, known))
  if (unknown.length > 0) {
    const names = unknown.map((f) => `"${f}"`).join(', ')
    const suggestion = unknown.length === 1 ? closest(unknown[0]!, valid) : undefined
    const did = suggestion ? ` Did you mean "${suggestion}"?` : ''
    throw new UsageError(`Unknown field${unknown.length > 1 ? 's' : ''} ${names}.${did} ${listing}`, {
      code: 'invalid_fields',
      details: {unknownFields: unknown, validFields: valid},
      hint,
    })
  }

  return fields
}

function isKnownField(field: string, known: Set<string>): boolean {
  if (known.has(field)) return true
  if (field.startsWith(CUSTOM_PREFIX) && field.length > CUSTOM_PREFIX.length) return true
  // A dotted path into a known field: some proper prefix ending at a dot is itself known.
  for (let i = field.indexOf('.'); i > 0; i = field.indexOf('.', i + 1)) {
    if (known.has(field.slice(0, i)) && i < field.length - 1) return true
  }

  return false
}

/** The valid field nearest to a typo, when it is close enough to be a plausible suggestion. */
function closest(field: string, valid: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(field.length / 4)) + 1
  for (const candidate of valid) {
    const d = editDistance(field.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }

  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }

    previous = current
  }

  return previous[b.length]!
}

export {getField} from '../close/normalize.js'

/** For json/ndjson with `--fields`: exactly those keys, in that order; a missing value is null. */
export function pickFields(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {}
  for (const field of fields) picked[field] = getField(record, field) ?? null
  return picked
}
