/**
 * How `close raw` and `close actions run` print: the body as Close (or the action) gave it, JSON
 * pretty-printed on a terminal and compact when piped; `-i` puts a status line and the headers
 * before it, like `gh api -i`; `--paginate` writes one JSON array (or NDJSON lines) as pages arrive.
 */
import {STATUS_CODES} from 'node:http'

import type {RawRequest} from './request.js'

export type Write = (text: string) => Promise<void> | void

/** A body for people or programs: JSON pretty or compact, text as is; always ends with a newline. */
export function formatBody(body: unknown, pretty: boolean): string {
  if (body === undefined) return ''
  if (typeof body === 'string') return body === '' || body.endsWith('\n') ? body : `${body}\n`
  return `${pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body)}\n`
}

/** `HTTP 200 OK` and the response headers, then a blank line (what `-i` shows). */
export function formatStatus(status: number, headers: Record<string, string>): string {
  const reason = STATUS_CODES[status]
  const lines = [`HTTP ${status}${reason ? ` ${reason}` : ''}`]
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  return `${lines.join('\n')}\n\n`
}

/**
 * Records written as they arrive: a JSON array byte-identical to `JSON.stringify(all, null, 2)`
 * (pretty) or `JSON.stringify(all)` (compact), or one compact object per line (ndjson).
 */
export class RecordStream {
  private count = 0

  constructor(
    private readonly write: Write,
    private readonly mode: 'compact' | 'ndjson' | 'pretty',
  ) {}

  async end(): Promise<number> {
    if (this.mode === 'ndjson') return this.count
    await (this.count === 0 ? this.write('[]\n') : this.write(this.mode === 'pretty' ? '\n]\n' : ']\n'))
    return this.count
  }

  async page(records: unknown[]): Promise<void> {
    if (records.length === 0) return
    let text = ''
    for (const record of records) {
      if (this.mode === 'ndjson') {
        text += `${JSON.stringify(record)}\n`
      } else if (this.mode === 'pretty') {
        text += `${this.count === 0 ? '[\n' : ',\n'}  ${JSON.stringify(record, null, 2).replaceAll('\n', '\n  ')}`
      } else {
        text += `${this.count === 0 ? '[' : ','}${JSON.stringify(record)}`
      }

      this.count++
    }

    await this.write(text)
  }
}

/** Quote one argv element for a POSIX shell, only when it needs it (for showing, never for running). */
export function shellQuote(arg: string): string {
  if (/^[\w%+,./:=@^-]+$/.test(arg)) return arg
  return `'${arg.replaceAll("'", String.raw`'\''`)}'`
}

/** The `--dry-run` report for people: the request, then the Membrane command that would run it. */
export function formatDryRun(request: RawRequest, argv: string[], options: {retry: boolean}): string {
  const lines = [`${request.method} ${request.path}`]
  for (const [key, value] of request.query) lines.push(`  query   ${key}=${value}`)
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  header  ${name}: ${value}`)
  if (request.body !== undefined) {
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2)
    lines.push(
      '  body',
      ...body
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => `    ${line}`),
    )
  }

  lines.push(
    `  retry   ${options.retry ? 'on 429 and 5xx' : 'never (not idempotent)'}`,
    '',
    'Would run:',
    `  ${argv.map((arg) => shellQuote(arg)).join(' ')}`,
  )
  return `${lines.join('\n')}\n`
}
