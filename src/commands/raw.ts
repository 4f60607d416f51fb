import {Args, Flags} from '@oclif/core'

import type {ProxyResponse} from '../membrane/types.js'
import type {OutputContext} from '../output/types.js'
import type {Write} from '../raw/output.js'

import {BaseCommand} from '../command-base/base-command.js'
import {AuthError, CliError, UsageError} from '../errors.js'
import {outputContext} from '../output/context.js'
import {membraneRequestArgs, readSource} from '../raw/io.js'
import {formatBody, formatDryRun, formatStatus, RecordStream} from '../raw/output.js'
import {firstPageRequest, paginate, type Send} from '../raw/paginate.js'
import {buildRawRequest, isRetryable, type RawRequest, splitPositionals} from '../raw/request.js'
import {resolveConnection} from '../session/connection.js'

export default class Raw extends BaseCommand<typeof Raw> {
  // ignoreStdin: oclif would otherwise read a missing argument from piped stdin (and eat the --input - body).
  static args = {
    method: Args.string({
      description: 'GET, POST, PUT, PATCH or DELETE. Optional: GET, or POST when fields or --input are given.',
      ignoreStdin: true,
    }),
    path: Args.string({
      description: 'Close API path starting with /, e.g. /lead/ or /me/ (may end in ?k=v).',
      ignoreStdin: true,
    }),
  }
  static description = `Any Close REST endpoint, sent through Membrane's proxy (\`membrane request\`), with gh-api style flags. Paths are relative to the Close API root (https://api.close.com/api/v1): they start with / and end with / as in Close's docs.

Fields: -f key=value sends a string, -F key=value a typed value (true, false, null, numbers, @file for a file's text, @- for stdin). Keys nest as a.b, a[b], a[] (append to a list) and a[][b] (a list of objects); custom.cf_… keys stay flat, as Close names custom fields. Fields go into the query string for GET and into a JSON body otherwise. --input FILE (or - for stdin) sends a body as it is; fields then go into the query string.

The response body is printed as it came: JSON pretty on a terminal, compact when piped. --paginate follows _skip/_limit/has_more (and the cursors of /event/ and /data/search/) and prints one JSON array of every page's data, or one record per line with -o ndjson, written as the pages arrive. Without --paginate, -o ndjson prints a list's records one per line.

GET, PUT and DELETE are retried on 429 and 5xx; POST and PATCH never are. Exit codes: 0 success; 2 bad arguments; 3 Close refused or failed (4xx/5xx, with Close's body on stderr); 4 HTTP 401/403 or no connection; 5 not found (404); 6 still rate limited after retries.`
  static examples = [
    '<%= config.bin %> <%= command.id %> /me/',
    "<%= config.bin %> <%= command.id %> GET /lead/ -q query='status:Qualified' -q _limit=5",
    "<%= config.bin %> <%= command.id %> POST /lead/ -f name='Acme Inc' -f 'contacts[][name]=Jo Doe' -f 'contacts[][emails][][email]=jo@acme.com'",
    '<%= config.bin %> <%= command.id %> PUT /lead/lead_abc/ -f description="Met at the fair"',
    '<%= config.bin %> <%= command.id %> POST /data/search/ --input query.json --paginate -o ndjson',
    '<%= config.bin %> <%= command.id %> GET /lead/ --paginate -o ndjson > leads.ndjson',
    '<%= config.bin %> <%= command.id %> DELETE /task/task_abc/ --dry-run',
  ]
  static flags = {
    'dry-run': Flags.boolean({
      description: 'Print the request and the Membrane command that would send it; send nothing.',
    }),
    field: Flags.string({
      char: 'F',
      description: 'Typed field key=value: true/false/null/numbers converted, @file or @- read as text.',
      multiple: true,
      multipleNonGreedy: true,
    }),
    header: Flags.string({
      char: 'H',
      description: 'Request header "Name: value" (repeatable).',
      multiple: true,
      multipleNonGreedy: true,
    }),
    include: Flags.boolean({
      char: 'i',
      description: 'Print the HTTP status line and response headers before the body (the first page with --paginate).',
    }),
    input: Flags.string({
      description: 'File holding the request body, or - for stdin (fields then go into the query string).',
    }),
    method: Flags.string({
      char: 'X',
      description: 'HTTP method, as the METHOD argument (for gh users).',
    }),
    paginate: Flags.boolean({
      description: "Fetch every page and print all records' data as one JSON array (or NDJSON with -o ndjson).",
    }),
    query: Flags.string({
      char: 'q',
      description: 'Query parameter key=value (repeatable), e.g. -q _fields=id,display_name.',
      multiple: true,
      multipleNonGreedy: true,
    }),
    'raw-field': Flags.string({
      char: 'f',
      description: 'String field key=value (repeatable).',
      multiple: true,
      multipleNonGreedy: true,
    }),
  }
  static summary = 'Send any request to the Close API through Membrane.'
  static usage = ['<%= command.id %> [METHOD] PATH [FLAGS]']

  public async execute(): Promise<void> {
    const {flags} = this
    const format = flags.json ? 'json' : flags.output
    if (format !== undefined && format !== 'json' && format !== 'ndjson') {
      throw new UsageError(`raw prints JSON, so -o ${format} does not apply.`, {
        code: 'invalid_output',
        hint: 'Use -o json (the default) or -o ndjson (one record per line with --paginate).',
      })
    }

    const target = splitPositionals(this.args.method, this.args.path)
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
    const ctx = outputContext(this.io)

    if (flags['dry-run']) {
      await this.dryRun(flags.paginate ? firstPageRequest(request) : request, retry, ctx.stdout, format === 'json')
      return
    }

    const api = await this.close()
    const send = async (next: RawRequest): Promise<ProxyResponse> => {
      try {
        return await this.membrane.request(api.connectionId, next, {retry})
      } catch (error) {
        throw this.failure(error, next)
      }
    }

    await (flags.paginate
      ? this.printPages(request, send, ctx, format)
      : this.printOne(await send(request), ctx, format))
  }

  /** `--dry-run`: what would be sent and the Membrane argv, spawning nothing. */
  private async dryRun(request: RawRequest, retry: boolean, write: Write, json: boolean): Promise<void> {
    let connectionId = '<CONNECTION_ID>'
    try {
      // Resolved as data commands do, but never by asking: a dry run must not prompt or spawn.
      const connection = await resolveConnection({
        flag: this.flags.connection,
        interactive: false,
        membrane: this.membrane,
        sandbox: this.flags.sandbox,
        settings: this.settings,
      })
      connectionId = connection.id
    } catch (error) {
      if (!(error instanceof AuthError)) throw error
      this.io.stderr(`No connection is chosen yet; ${connectionId} stands for the one \`close login\` picks.\n`)
    }

    const {binArgs, binPath} = this.membrane.gateway.options
    const argv = [binPath, ...(binArgs ?? []), ...membraneRequestArgs(connectionId, request)]
    if (json) {
      const {body, headers, method, path, query} = request
      await write(`${JSON.stringify({argv, body, headers, method, path, query, retry}, null, 2)}\n`)
    } else {
      await write(formatDryRun(request, argv, {retry}))
    }
  }

  /** A Close error status: its body goes to stderr (with the status line under -i), then the error. */
  private failure(error: unknown, request: RawRequest): unknown {
    if (!(error instanceof CliError)) return error
    const status = error.details?.status
    if (typeof status !== 'number') return error
    const {body} = error.details ?? {}
    if (this.flags.include) this.io.stderr(formatStatus(status, {}))
    const text = formatBody(body ?? undefined, this.io.stderrIsTTY)
    if (text) this.io.stderr(text)
    if (status === 404 && !request.path.endsWith('/')) {
      return new CliError(error.message, error.exitCode, error.code, {
        details: error.details,
        hint: `Close's paths end with a slash: try ${request.path}/.`,
      })
    }

    return error
  }

  /** One response: `-i` status and headers, then the body (a list body one record per line with -o ndjson). */
  private async printOne(response: ProxyResponse, ctx: OutputContext, format?: string): Promise<void> {
    if (this.flags.include) await ctx.stdout(formatStatus(response.status, response.headers))
    const records = format === 'ndjson' ? recordsOf(response.body) : undefined
    await (records
      ? new RecordStream(ctx.stdout, 'ndjson').page(records)
      : ctx.stdout(formatBody(response.body, ctx.stdoutIsTTY && format !== 'ndjson')))
  }

  /** `--paginate`: one JSON array (or NDJSON) of every page's `data`, written as pages arrive. */
  private async printPages(request: RawRequest, send: Send, ctx: OutputContext, format?: string): Promise<void> {
    const mode = format === 'ndjson' ? 'ndjson' : ctx.stdoutIsTTY ? 'pretty' : 'compact'
    const stream = new RecordStream(ctx.stdout, mode)
    let first = true
    for await (const page of paginate(request, send)) {
      if (first && this.flags.include) await ctx.stdout(formatStatus(page.response.status, page.response.headers))
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
}

/** The records of a list body (a bare array or Close's `{data: [...]}`), for -o ndjson. */
function recordsOf(body: unknown): undefined | unknown[] {
  if (Array.isArray(body)) return body
  if (typeof body === 'object' && body !== null && Array.isArray((body as {data?: unknown}).data)) {
    return (body as {data: unknown[]}).data
  }

  return undefined
}
