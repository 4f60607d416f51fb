/**
 * `close raw` fields, the `gh api` way: `-f key=value` sends a string, `-F key=value` a typed value
 * (true, false, null, numbers, `@file` for a file's text, `@-` for stdin). Keys nest with `a.b`,
 * `a[b]`, `a[]` (append to an array) and `a[][b]` (an array of objects); `key[]` with no value is
 * an empty array. Keys starting with `custom.` stay flat: that is how Close names custom fields
 * (`custom.cf_…`). Raw fields are applied before typed ones, as gh does.
 */
import {UsageError} from '../errors.js'

export type JsonValue = boolean | JsonValue[] | null | number | string | {[key: string]: JsonValue}
export type JsonObject = {[key: string]: JsonValue}

/** One step into the body: a property name, or `[]` (append to an array). */
export type KeySegment = {append: true} | {name: string}

export interface FieldSources {
  /** Reads the file named after `@` in a typed field (`-` is stdin). */
  readFile(path: string): string
}

/** `a.b[c][]` → [a, b, c, []]. Throws a UsageError naming the field when the key is malformed. */
export function parseKey(key: string, flag = '-f'): KeySegment[] {
  if (key.startsWith('custom.') && !/[[\]]/.test(key)) return [{name: key}]
  const bad = (why: string) =>
    new UsageError(`${flag} "${key}": ${why}.`, {
      code: 'invalid_field',
      hint: 'Keys look like name, lead.name, address[city], tags[] or contacts[][name], e.g. -f name=Acme.',
    })
  const head = /^[^.[\]]+/.exec(key)
  if (!head) throw bad('a field name must start with a name')
  const segments: KeySegment[] = [{name: head[0]}]
  let rest = key.slice(head[0].length)
  while (rest !== '') {
    let match: null | RegExpExecArray
    if ((match = /^\.([^.[\]]+)/.exec(rest))) segments.push({name: match[1]})
    else if ((match = /^\[\]/.exec(rest))) segments.push({append: true})
    else if ((match = /^\[([^.[\]]+)\]/.exec(rest))) segments.push({name: match[1]})
    else throw bad(`cannot read "${rest}" (use a.b, a[b] or a[])`)
    rest = rest.slice(match[0].length)
  }

  // Keys that would reach an object's prototype instead of the body (`-F '__proto__[x]=1'` sent `{}`).
  for (const segment of segments) {
    if ('name' in segment && FORBIDDEN_KEYS.has(segment.name)) throw bad(`"${segment.name}" cannot be a field name`)
  }

  return segments
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * A typed (`-F`) value: `true`/`false`/`null`, a number (but not one with leading zeros such as a
 * zip code, nor an integer too big to keep exactly), `@file`/`@-` for text; otherwise the string.
 */
export function typedValue(text: string, sources: FieldSources): JsonValue {
  if (text === 'true') return true
  if (text === 'false') return false
  if (text === 'null') return null
  if (NUMBER.test(text)) {
    const value = Number(text)
    const exact = !/^-?\d+$/.test(text) || Number.isSafeInteger(value)
    if (Number.isFinite(value) && exact) return value
  }

  if (text.startsWith('@') && text.length > 1) return sources.readFile(text.slice(1))
  return text
}

function describe(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return 'a list'
  if (value !== null && typeof value === 'object') return 'an object'
  return 'a value'
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Put `value` at `segments` inside `root`, creating objects and arrays on the way. */
export function setField(root: JsonObject, segments: KeySegment[], value: JsonValue, label: string): void {
  const conflict = (what: string) =>
    new UsageError(`Field "${label}" conflicts with an earlier field: ${what}.`, {
      code: 'invalid_field',
      hint: 'Each key is either a value, an object (a.b=…) or a list (a[]=…), not several of these.',
    })
  let container: JsonObject | JsonValue[] = root
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1
    const next = segments[index + 1]
    if ('name' in segment) {
      if (Array.isArray(container)) throw conflict('a list element needs [] before its keys')
      const current: JsonValue | undefined = container[segment.name]
      if (last) {
        if (current !== undefined && typeof current === 'object' && current !== null) {
          throw conflict(`"${segment.name}" is already ${describe(current)}`)
        }

        container[segment.name] = value
        return
      }

      const wantArray = 'append' in next
      if (current === undefined) {
        const created: JsonObject | JsonValue[] = wantArray ? [] : {}
        container[segment.name] = created
        container = created
      } else if (wantArray ? Array.isArray(current) : isObject(current)) {
        container = current as JsonObject | JsonValue[]
      } else {
        throw conflict(`"${segment.name}" is already ${describe(current)}`)
      }

      continue
    }

    // `[]`: append the value, or (followed by a key) fill the last object until a key repeats.
    if (!Array.isArray(container)) throw conflict('[] must follow a list name')
    if (last) {
      container.push(value)
      return
    }

    if (!('name' in next)) throw conflict('lists of lists are not supported; use --input')
    const tail = container.at(-1)
    if (isObject(tail) && !(next.name in tail)) {
      container = tail
    } else {
      const created: JsonObject = {}
      container.push(created)
      container = created
    }
  }
}

/** Split `key=value`; `key[]` alone means an empty list. */
function splitField(text: string, flag: string): {key: string; value?: string} {
  const eq = text.indexOf('=')
  if (eq === -1) {
    if (text.endsWith('[]')) return {key: text}
    throw new UsageError(`${flag} "${text}" is not key=value.`, {
      code: 'invalid_field',
      hint: `Write ${flag} name=value, e.g. ${flag} name=Acme (or ${flag} "tags[]" for an empty list).`,
    })
  }

  return {key: text.slice(0, eq), value: text.slice(eq + 1)}
}

/** `key[]` with no value: the list at `key` exists (empty unless earlier fields filled it). */
function ensureList(root: JsonObject, segments: KeySegment[], label: string): void {
  const names = segments.slice(0, -1)
  if (names.length === 0 || !names.every((segment) => 'name' in segment)) {
    throw new UsageError(`${label}: an empty list needs a plain key, e.g. -f "tags[]".`, {code: 'invalid_field'})
  }

  let container: JsonObject = root
  for (const [index, segment] of names.entries()) {
    const {name} = segment as {name: string}
    const current: JsonValue | undefined = container[name]
    const last = index === names.length - 1
    if (current === undefined) {
      const created: JsonObject | JsonValue[] = last ? [] : {}
      container[name] = created
      if (last) return
      container = created as JsonObject
    } else if (last ? Array.isArray(current) : isObject(current)) {
      if (last) return
      container = current as JsonObject
    } else {
      throw new UsageError(`${label} conflicts with an earlier field: "${name}" is already ${describe(current)}.`, {
        code: 'invalid_field',
      })
    }
  }
}

/** Build the JSON object that `-f` (raw, strings) and `-F` (typed) fields describe. */
export function buildFields(raw: string[], typed: string[], sources: FieldSources): JsonObject {
  const root: JsonObject = {}
  const apply = (text: string, flag: string, convert: (value: string) => JsonValue) => {
    const {key, value} = splitField(text, flag)
    const segments = parseKey(key, flag)
    if (value === undefined) {
      ensureList(root, segments, `${flag} "${text}"`)
      return
    }

    setField(root, segments, convert(value), key)
  }

  for (const text of raw) apply(text, '-f', (value) => value)
  for (const text of typed) apply(text, '-F', (value) => typedValue(value, sources))
  return root
}
