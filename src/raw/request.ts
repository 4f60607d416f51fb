/**
 * What `close raw` sends, built from its arguments and flags the way `gh api` builds a request:
 * the method defaults to GET, or POST once fields or a body are given; fields go into the query
 * string for GET and into a JSON body otherwise (or into the query string when `--input` supplies
 * the body); `-q k=v` adds query parameters, `-H "K: V"` headers. Paths are checked before
 * anything runs (design §10): they start with `/`, name no host, and never contain `..`.
 */
import {UsageError} from '../errors.js'
import {buildFields, type FieldSources, type JsonObject, type JsonValue} from './fields.js'

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type Method = (typeof METHODS)[number]

export interface RawOptions {
  /** `-H "Key: Value"`. */
  headers?: string[]
  /** `--input FILE|-`: the body, read as is. */
  input?: string
  /** The positional METHOD, when given. */
  method?: string
  /** `-X/--method`. */
  methodFlag?: string
  /** The positional PATH (may carry `?k=v`). */
  path: string
  /** `-q k=v`. */
  query?: string[]
  /** `-f k=v` (strings). */
  rawFields?: string[]
  /** `-F k=v` (typed, `@file`). */
  typedFields?: string[]
}

export interface RawSources extends FieldSources {
  /** `--input FILE` or `--input -` (stdin). */
  readFile(path: string): string
}

export interface RawRequest {
  /** Parsed JSON, or the text as given when the Content-Type is not JSON. Absent: no body. */
  body?: JsonValue
  headers: Record<string, string>
  method: Method
  path: string
  query: Array<[string, string]>
}

/** METHOD and PATH from the positionals: `raw GET /lead/`, `raw /lead/` (METHOD omitted). */
export function splitPositionals(first?: string, second?: string): {method?: string; path: string} {
  if (first !== undefined && second !== undefined) return {method: first, path: second}
  if (first === undefined) {
    throw new UsageError('Missing PATH.', {
      code: 'missing_input',
      hint: 'Give the Close API path, e.g. close raw GET /me/ or close raw /lead/ -q _limit=5.',
    })
  }

  if (/^[A-Za-z]+$/.test(first) && METHODS.includes(first.toUpperCase() as Method)) {
    throw new UsageError(`Missing PATH after ${first.toUpperCase()}.`, {
      code: 'missing_input',
      hint: `Give the Close API path, e.g. close raw ${first.toUpperCase()} /lead/.`,
    })
  }

  return {path: first}
}

export function parseMethod(positional?: string, flag?: string): Method | undefined {
  const pick = (text: string, where: string): Method => {
    const upper = text.toUpperCase()
    if (!METHODS.includes(upper as Method)) {
      throw new UsageError(`${where} "${text}" is not an HTTP method Close uses.`, {
        code: 'invalid_method',
        hint: `Use one of ${METHODS.join(', ')}.`,
      })
    }

    return upper as Method
  }

  const fromArg = positional === undefined ? undefined : pick(positional, 'METHOD')
  const fromFlag = flag === undefined ? undefined : pick(flag, '-X')
  if (fromArg && fromFlag && fromArg !== fromFlag) {
    throw new UsageError(`METHOD ${fromArg} and -X ${fromFlag} disagree.`, {
      code: 'invalid_method',
      hint: 'Give the method once, either as the first argument or with -X.',
    })
  }

  return fromArg ?? fromFlag
}

/** A Close API path: starts with one `/`, no `..`, no host, no fragment, no spaces. Splits `?query`. */
export function parsePath(text: string): {path: string; query: Array<[string, string]>} {
  const refuse = (why: string) =>
    new UsageError(`PATH "${text}" ${why}.`, {
      code: 'invalid_path',
      hint: 'Give a path under the Close API root, starting with /, e.g. /lead/ or /lead/lead_abc/ (not https://api.close.com/api/v1/lead/).',
    })
  if (!text.startsWith('/')) throw refuse('must start with /')
  if (text.startsWith('//')) throw refuse('must not name a host')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\u0000-\u001F\u007F#\\]/.test(text)) throw refuse('must not contain spaces, control characters, # or \\')
  const question = text.indexOf('?')
  const path = question === -1 ? text : text.slice(0, question)
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    throw refuse('has a malformed %-escape')
  }

  if (text.includes('..') || decoded.includes('..')) throw refuse('must not contain ..')
  // What Close would see once decoded: no host (`/%2F%2Fevil.host/`), no control characters or NUL
  // (`%0d%0a`, `%00`), no `\`, `#` or `?` smuggled in, and no second layer of escapes (`%252e`).
  if (decoded.includes('//')) throw refuse('must not contain // (a host) once decoded')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001F\u007F-\u009F]/.test(decoded)) throw refuse('must not contain control characters once decoded')
  if (/[\s#?\\]/.test(decoded)) throw refuse(String.raw`must not contain spaces, #, ? or \ once decoded`)
  if (/%[\dA-Fa-f]{2}/.test(decoded)) throw refuse('must not be encoded twice (%25…)')
  const query: Array<[string, string]> =
    question === -1 ? [] : [...new URLSearchParams(text.slice(question + 1)).entries()]
  for (const [key, value] of query) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\u0000-\u001F\u007F-\u009F]/.test(key + value)) throw refuse('has control characters in its query string')
  }

  return {path, query}
}

/** `-q k=v` → [k, v]; the value may be empty, the key may not. */
export function parseQueryParameter(text: string): [string, string] {
  const eq = text.indexOf('=')
  if (eq <= 0) {
    throw new UsageError(`-q "${text}" is not key=value.`, {
      code: 'invalid_query',
      hint: 'Write -q name=value, e.g. -q _limit=10 -q query="status:Qualified".',
    })
  }

  return [text.slice(0, eq), text.slice(eq + 1)]
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** `-H "Key: Value"` → [Key, Value]. */
export function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':')
  const name = colon === -1 ? '' : text.slice(0, colon).trim()
  if (!TOKEN.test(name) || /[\r\n]/.test(text)) {
    throw new UsageError(`-H "${text}" is not a header.`, {
      code: 'invalid_header',
      hint: 'Write -H "Name: value", e.g. -H "Accept: application/json".',
    })
  }

  return [name, text.slice(colon + 1).trim()]
}

function queryValue(key: string, value: JsonValue): string {
  if (value !== null && typeof value === 'object') {
    throw new UsageError(`Field "${key}" is nested, and a query string cannot carry nested values.`, {
      code: 'invalid_field',
      hint: 'Send it in a body instead: add -X POST (or PUT), or use --input with a JSON file.',
    })
  }

  return value === null ? '' : String(value)
}

/** Fields as query parameters (for GET): scalars as text, lists as repeated keys, objects refused. */
export function fieldsToQuery(fields: JsonObject): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) pairs.push([key, queryValue(key, item)])
    else pairs.push([key, queryValue(key, value)])
  }

  return pairs
}

/** `-H` values → headers; a repeated name (in any case) keeps its last value. */
export function parseHeaders(texts: string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const text of texts) {
    const [name, value] = parseHeader(text)
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase())
    if (existing !== undefined) delete headers[existing]
    headers[name] = value
  }

  return headers
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : headers[key]
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType === undefined || /[/+]json\b/i.test(contentType)
}

/** The body `--input` names: JSON (checked) unless the Content-Type says otherwise; blank → none. */
function readInputBody(input: string, headers: Record<string, string>, sources: RawSources): JsonValue | undefined {
  const text = sources.readFile(input)
  if (!isJsonType(headerValue(headers, 'content-type'))) return text
  if (text.trim() === '') return undefined
  return parseJson(text, `--input (${input === '-' ? 'stdin' : input})`)
}

/** The request `close raw` sends for these options. Reads files (and stdin) through `sources`. */
export function buildRawRequest(options: RawOptions, sources: RawSources): RawRequest {
  const target = parsePath(options.path)
  const explicit = parseMethod(options.method, options.methodFlag)
  const rawFields = options.rawFields ?? []
  const typedFields = options.typedFields ?? []
  const fields = rawFields.length + typedFields.length > 0 ? buildFields(rawFields, typedFields, sources) : undefined
  const method: Method = explicit ?? (fields || options.input !== undefined ? 'POST' : 'GET')
  const headers = parseHeaders(options.headers ?? [])
  const query: Array<[string, string]> = [
    ...target.query,
    ...(options.query ?? []).map((text) => parseQueryParameter(text)),
  ]

  let body: JsonValue | undefined
  if (options.input === undefined) {
    if (fields && method === 'GET') query.push(...fieldsToQuery(fields))
    else body = fields
  } else {
    if (method === 'GET') {
      throw new UsageError('A GET request has no body, so --input cannot be used with it.', {
        code: 'invalid_input',
        hint: 'Drop -X GET (the method becomes POST) or give -X PUT.',
      })
    }

    if (fields) query.push(...fieldsToQuery(fields))
    body = readInputBody(options.input, headers, sources)
  }

  if (body !== undefined && typeof body !== 'string' && headerValue(headers, 'content-type') === undefined) {
    headers['Content-Type'] = 'application/json'
  }

  return {...(body === undefined ? {} : {body}), headers, method, path: target.path, query}
}

/** JSON text → a value; a UsageError (exit 2) naming where the text came from and where it broke. */
export function parseJson(text: string, where: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}.`, {
      code: 'invalid_json',
      hint: 'Check the JSON, e.g. with `jq . FILE`; Close takes JSON bodies.',
    })
  }
}

/** GET, PUT and DELETE are idempotent and retried on 429/5xx; POST and PATCH never are (no duplicates). */
export function isRetryable(method: Method): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE'
}
