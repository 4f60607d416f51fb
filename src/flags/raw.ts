/** The flags of `close raw` (gh api ergonomics, design §7). */
import {Args, Flags} from '@oclif/core'

/** METHOD and PATH, both optional. */
// ignoreStdin: oclif would otherwise read a missing argument from piped stdin (and eat the --input - body).
export const rawArgs = {
  method: Args.string({
    description: 'GET, POST, PUT, PATCH or DELETE. Optional: GET, or POST when fields or --input are given.',
    ignoreStdin: true,
  }),
  path: Args.string({
    description: 'Close API path starting with /, e.g. /lead/ or /me/ (may end in ?k=v).',
    ignoreStdin: true,
  }),
}

export const rawFlags = {
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

export type RawFlags = {
  'dry-run'?: boolean
  field?: string[]
  header?: string[]
  include?: boolean
  input?: string
  method?: string
  paginate?: boolean
  query?: string[]
  'raw-field'?: string[]
}
