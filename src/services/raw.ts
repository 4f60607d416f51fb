/**
 * `close raw`: any Close request through Membrane's proxy (design §7), gh-api style: build the
 * request from arguments and fields (raw/request.ts), send it (retrying idempotent methods),
 * print the body as it came (JSON pretty on a terminal, compact when piped), follow pages with
 * `--paginate`, or print what would be sent with `--dry-run`.
 */
import type {RawFlags} from '../flags/raw.js'
import type {MembraneClient} from '../membrane/client.js'
import type {ProxyResponse} from '../membrane/types.js'
import type {OutputContext} from '../output/types.js'
import type {Write} from '../raw/output.js'
import type {ServiceDeps} from './deps.js'

import {AuthError, CliError, UsageError} from '../errors.js'
import {isSecretName, redact, redactArgvForDisplay, REDACTED} from '../membrane/redact.js'
import {outputContext} from '../output/context.js'
import {readSource} from '../raw/io.js'
import {formatBody, formatDryRun, formatStatus, RecordStream} from '../raw/output.js'
import {firstPageRequest, paginate, type Send} from '../raw/paginate.js'
import {buildRawRequest, isRetryable, type RawRequest, splitPositionals} from '../raw/request.js'

export interface RawDeps extends ServiceDeps {
  membrane: MembraneClient
  /** The connection ID as data commands would resolve it, never by asking (for --dry-run); AuthError when none. */
  quietConnectionId(): Promise<string>
}

export interface RawInput {
  flags: RawFlags
  /** `--json` → json, else `-o`. */
  format?: string
  method?: string
  path?: string
}

/** Send the request (or show it, with --dry-run) and print the response on stdout. */
export async function raw(deps: RawDeps, input: RawInput): Promise<void> {
  const {flags, format} = input
  if (format !== undefined && format !== 'json' && format !== 'ndjson') {
    throw new UsageError(`raw prints JSON, so -o ${format} does not apply.`, {
      code: 'invalid_output',
      hint: 'Use -o json (the default) or -o ndjson (one record per line with --paginate).',
    })
  }

  const target = splitPositionals(input.method, input.path)
  const request = buildRawRequest(
    {
      headers: flags.header,
      input: flags.input,
      method: target.method,
      methodFlag: flags.method,
      path: target.path,
      query: flags.query,
      rawFields: flags['raw-field'],
      typedFields: flags.field,
    },
    {readFile: readSource()},
  )
  const retry = isRetryable(request.method)
  const ctx = outputContext(deps.io)

  if (flags['dry-run']) {
    await dryRun(deps, flags.paginate ? firstPageRequest(request) : request, retry, ctx.stdout, format === 'json')
    return
  }

  const {id} = await deps.connect()
  const send = async (next: RawRequest): Promise<ProxyResponse> => {
    try {
      return await deps.membrane.request(id, next, {retry})
    } catch (error) {
      throw failure(deps, flags, error, next)
    }
  }

  await (flags.paginate
    ? printPages(flags, request, send, ctx, format)
    : printOne(flags, await send(request), ctx, format))
}

const PLACEHOLDER = '<CONNECTION_ID>'
/** A well-formed stand-in the client accepts, shown as PLACEHOLDER. */
const PLACEHOLDER_ID = 'CONNECTION_ID_PLACEHOLDER'

/** `--dry-run`: what would be sent and the Membrane argv, spawning nothing. */
async function dryRun(deps: RawDeps, request: RawRequest, retry: boolean, write: Write, json: boolean): Promise<void> {
  let connectionId = PLACEHOLDER
  try {
    connectionId = await deps.quietConnectionId()
  } catch (error) {
    if (!(error instanceof AuthError)) throw error
    deps.io.stderr(`No connection is chosen yet; ${connectionId} stands for the one \`close login\` picks.\n`)
  }

  // The argv the client itself would send (dialect and base path as cached), secrets scrubbed.
  const {binArgs, binPath} = deps.membrane.gateway.options
  const placeholder = connectionId === PLACEHOLDER
  const args = deps.membrane.proxyArgs(placeholder ? PLACEHOLDER_ID : connectionId, request)
  const argv = redactArgvForDisplay([
    binPath,
    ...(binArgs ?? []),
    ...(placeholder ? args.map((arg) => arg.replace(PLACEHOLDER_ID, PLACEHOLDER)) : args),
  ])
  const shown: RawRequest = {
    ...request,
    ...(request.body === undefined ? {} : {body: redact(request.body)}),
    headers: redact(request.headers),
    query: request.query.map(([key, value]) => [key, isSecretName(key) ? REDACTED : redact(value)]),
  }
  if (json) {
    const {body, headers, method, path, query} = shown
    await write(`${JSON.stringify({argv, body, headers, method, path, query, retry}, null, 2)}\n`)
  } else {
    await write(formatDryRun(shown, argv, {retry}))
  }
}

/** A Close error status: its body goes to stderr (with the status line under -i), then the error. */
function failure(deps: RawDeps, flags: RawFlags, error: unknown, request: RawRequest): unknown {
  if (!(error instanceof CliError)) return error
  const status = error.details?.status
  if (typeof status !== 'number') return error
  const {body} = error.details ?? {}
  if (flags.include) deps.io.stderr(formatStatus(status, {}))
  const text = formatBody(body ?? undefined, deps.io.stderrIsTTY)
  if (text) deps.io.stderr(text)
  if (status === 404 && !request.path.endsWith('/')) {
    return new CliError(error.message, error.exitCode, error.code, {
      details: error.details,
      hint: `Close's paths end with a slash: try ${request.path}/.`,
    })
  }

  return error
}

/** One response: `-i` status and headers, then the body (a list body one record per line with -o ndjson). */
async function printOne(flags: RawFlags, response: ProxyResponse, ctx: OutputContext, format?: string): Promise<void> {
  if (flags.include) await ctx.stdout(formatStatus(response.status, response.headers))
  const records = format === 'ndjson' ? recordsOf(response.body) : undefined
  await (records
    ? new RecordStream(ctx.stdout, 'ndjson').page(records)
    : ctx.stdout(formatBody(response.body, ctx.stdoutIsTTY && format !== 'ndjson')))
}

/** `--paginate`: one JSON array (or NDJSON) of every page's `data`, written as pages arrive. */
async function printPages(
  flags: RawFlags,
  request: RawRequest,
  send: Send,
  ctx: OutputContext,
  format?: string,
): Promise<void> {
  const mode = format === 'ndjson' ? 'ndjson' : ctx.stdoutIsTTY ? 'pretty' : 'compact'
  const stream = new RecordStream(ctx.stdout, mode)
  let first = true
  for await (const page of paginate(request, send)) {
    if (first && flags.include) await ctx.stdout(formatStatus(page.response.status, page.response.headers))
    first = false
    if (page.kind === 'single') {
      await ctx.stdout(formatBody(page.response.body, ctx.stdoutIsTTY && format !== 'ndjson'))
      return
    }

    await stream.page(page.records)
    if (ctx.stdoutClosed?.aborted) return
  }

  await stream.end()
}

/** The records of a list body (a bare array or Close's `{data: [...]}`), for -o ndjson. */
function recordsOf(body: unknown): undefined | unknown[] {
  if (Array.isArray(body)) return body
  if (typeof body === 'object' && body !== null && Array.isArray((body as {data?: unknown}).data)) {
    return (body as {data: unknown[]}).data
  }

  return undefined
}
