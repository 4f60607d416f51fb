import {BaseCommand} from '../command-base/base-command.js'
import {rawArgs, rawFlags} from '../flags/raw.js'
import {raw} from '../services/raw.js'
import {resolveConnection} from '../session/connection.js'

export default class Raw extends BaseCommand<typeof Raw> {
  static args = rawArgs
  static description = `Any Close REST endpoint, sent through Membrane's proxy (\`membrane request\`), with gh-api style flags. Paths are relative to the Close API root (https://api.close.com/api/v1): they start with / and end with / as in Close's docs.

Fields: -f key=value sends a string, -F key=value a typed value (true, false, null, numbers, @file for a file's text, @- for stdin). Keys nest as a.b, a[b], a[] (append to a list) and a[][b] (a list of objects); custom.cf_… keys stay flat, as Close names custom fields. Fields go into the query string for GET and into a JSON body otherwise. --input FILE (or - for stdin) sends a body as it is; fields then go into the query string.

The response body is printed as it came: JSON pretty on a terminal, compact when piped. --paginate follows _skip/_limit/has_more (and the cursors of /event/ and /data/search/) and prints one JSON array of every page's data, or one record per line with -o ndjson, written as the pages arrive. Without --paginate, -o ndjson prints a list's records one per line.

GET, PUT and DELETE are retried on 429 and 5xx; POST and PATCH never are. Exit codes: 0 success; 2 bad arguments; 3 Close refused or failed (4xx/5xx, with Close's body on stderr); 4 HTTP 401/403 or no connection; 5 not found (404); 6 still rate limited after retries.`
  static examples = [
    '<%= config.bin %> <%= command.id %> /me/',
    "<%= config.bin %> <%= command.id %> GET /lead/ -q query='status:Qualified' -q _limit=5",
    "<%= config.bin %> <%= command.id %> POST /lead/ -f name='Acme Inc' -f 'contacts[][name]=Jo Doe' -f 'contacts[][emails][][email]=jo@acme.com'",
    '<%= config.bin %> <%= command.id %> PUT /lead/lead_XZW0eDJ67uXvO0FeALnXUV/ -f description="Met at the fair"',
    '<%= config.bin %> <%= command.id %> POST /data/search/ --input query.json --paginate -o ndjson',
    '<%= config.bin %> <%= command.id %> GET /lead/ --paginate -o ndjson > leads.ndjson',
    '<%= config.bin %> <%= command.id %> DELETE /task/task_R7Gw2McQXCdvRuBzQxdtaz/ --dry-run',
  ]
  static flags = rawFlags
  static summary = 'Send any request to the Close API through Membrane.'
  static usage = ['<%= command.id %> [METHOD] PATH [FLAGS]']

  public async execute(): Promise<void> {
    const {args, context, flags} = this
    const quietConnectionId = async () =>
      (await resolveConnection({...context.session, flag: flags.connection, interactive: false})).id
    const deps = {...this.deps(), membrane: this.membrane, quietConnectionId}
    await raw(deps, {...args, flags, format: flags.json ? 'json' : flags.output})
  }
}
