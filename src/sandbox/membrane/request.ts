/**
 * `membrane request CONNECTION_ID PATH`: Membrane's proxy, which passes Close's status and body
 * through. The sandbox prints the raw body on stdout; on a status of 400 or more it also writes
 * `HTTP <status> <reason>` (and `retry-after: N` on a 429) on stderr and exits 1.
 */
import type {ParsedArgs} from './args.js'
import type {CloseRequest, CloseResponse} from './close-api.js'

import {bool, flag, flagAll} from './args.js'
import {MembraneError} from './errors.js'

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function reason(status: number): string {
  return REASONS[status] ?? 'Unknown Status'
}

function pair(raw: string, flagName: string, separator: string): [string, string] {
  const at = raw.indexOf(separator)
  if (at <= 0) throw new MembraneError('bad_request', `--${flagName} must look like key${separator}value, got '${raw}'`)
  return [raw.slice(0, at).trim(), raw.slice(at + separator.length).trim()]
}

/** Build the Close request from `request`'s argv (positionals: CONNECTION_ID PATH). */
export function parseProxyRequest(args: ParsedArgs, rawPath: string): CloseRequest {
  const method = (flag(args, 'method') ?? 'GET').toUpperCase()
  if (!/^[A-Z]+$/.test(method)) throw new MembraneError('bad_request', `Invalid HTTP method '${method}'`)
  if (!rawPath.startsWith('/')) throw new MembraneError('bad_request', `The path must start with '/', got '${rawPath}'`)

  for (const raw of flagAll(args, 'header')) pair(raw, 'header', ':')

  const [pathPart, search = ''] = rawPath.split(/\?(.*)/s, 2)
  let path = pathPart
  for (const raw of flagAll(args, 'pathParam')) {
    const [name, value] = pair(raw, 'pathParam', '=')
    path = path.replaceAll(`{${name}}`, encodeURIComponent(value)).replaceAll(`:${name}`, encodeURIComponent(value))
  }

  // Close's base URL ends in /api/v1; the connector prepends it, so tolerate callers that repeat it.
  path = path.replace(/^\/api\/v1(?=\/)/, '')

  const query: Array<[string, string]> = [...new URLSearchParams(search)]
  for (const raw of flagAll(args, 'query')) {
    const at = raw.indexOf('=')
    if (at <= 0) throw new MembraneError('bad_request', `--query must look like key=value, got '${raw}'`)
    query.push([raw.slice(0, at), raw.slice(at + 1)])
  }

  const data = flag(args, 'data')
  let body: unknown
  if (data !== undefined) {
    if (bool(args, 'rawData')) {
      body = data
    } else {
      try {
        body = JSON.parse(data)
      } catch {
        if (bool(args, 'json'))
          throw new MembraneError('bad_request', '--data is not valid JSON (--json sends a JSON body)')
        body = data
      }
    }
  }

  return {method, path, query, ...(body === undefined ? {} : {body})}
}

export interface ProxyOutput {
  exitCode: number
  stderr: string
  stdout: string
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null || body === '') return ''
  return (typeof body === 'string' ? body : JSON.stringify(body)) + '\n'
}

export function proxyOutput(response: CloseResponse): ProxyOutput {
  if (response.status < 400) return {exitCode: 0, stderr: '', stdout: bodyText(response.body)}
  let stderr = `HTTP ${response.status} ${reason(response.status)}\n`
  if (response.status === 429) {
    const retry = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1]
    stderr += `retry-after: ${retry ?? '1'}\n`
  }

  return {exitCode: 1, stderr, stdout: bodyText(response.body)}
}

/** Generation B's `act --api '{"method","path","query","headers","body"}'` as a Close request. */
export function apiRequest(raw: string): CloseRequest {
  let spec: unknown
  try {
    spec = JSON.parse(raw)
  } catch {
    throw new MembraneError('bad_request', `--api is not valid JSON: ${raw.slice(0, 80)}`)
  }

  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new MembraneError('bad_request', '--api must be a JSON object {method, path, query?, headers?, body?}')
  }

  const {body, data, method = 'GET', path, query, url} = spec as Record<string, unknown>
  const target = path ?? url
  if (typeof target !== 'string' || !target.startsWith('/')) {
    throw new MembraneError('bad_request', "--api needs a path that starts with '/'")
  }

  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    throw new MembraneError('bad_request', `Invalid HTTP method ${JSON.stringify(method)} in --api`)
  }

  const [pathPart, search = ''] = target.split(/\?(.*)/s, 2)
  const pairs = [...new URLSearchParams(search), ...apiQuery(query)]
  const payload = body ?? data
  return {
    method: method.toUpperCase(),
    path: pathPart.replace(/^\/api\/v1(?=\/)/, ''),
    query: pairs,
    ...(payload === undefined ? {} : {body: payload}),
  }
}

function apiQuery(query: unknown): Array<[string, string]> {
  if (query === undefined || query === null) return []
  if (typeof query !== 'object' || Array.isArray(query)) {
    throw new MembraneError('bad_request', '--api query must be an object of parameters')
  }

  return Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item): [string, string] => [key, String(item)]),
  )
}
