/**
 * Secrets out of everything this CLI prints about Membrane (design §10): error messages, JSON
 * errors and their details, `--debug` lines and `raw --dry-run`. One function, `redact`, for text
 * and values alike; `redactArgs` for a Membrane argv (it also hides input values and bodies).
 *
 * Scrubbed: `Authorization`, `Proxy-Authorization`, `X-Auth-Token`, `Cookie`/`Set-Cookie` headers
 * (as `Name: value` text, JSON members or argv), bearer/basic credentials, JWT-looking strings,
 * and any field or query parameter whose name contains token, secret, key, password (or passwd,
 * pwd), credential, session, signature, auth, or cookie.
 */
export const REDACTED = '<redacted>'

/** Field, header and query-parameter names whose value is a secret. */
const SECRET_NAME =
  /^(?:authorization|proxy-authorization|x-auth-token|cookie|set-cookie)$|token|secret|key|passw(?:or)?d|pwd|credential|session|signature|^auth(?:$|[_-]|orization|token|key)|cookie/i

/** Names that contain a secret word but are not secrets (Close's own IDs and keys of records). */
const NOT_SECRET =
  /^(?:key|keys|idempotency-key|api_key_id|connectionkey|integrationkey|tenantkey|workspacekey|connectorkey)$/i

/** Whether a field/header/parameter name holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name)
}

const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}\b/g
/** `Bearer …`/`Basic …`/`Token …` followed by something credential-like (8+ characters with a digit, or 20+). */
const BEARER = /\b(Bearer|bearer|BEARER|Basic|Token|Digest)\s+(?:(?=[\w\-.~+/=]*\d)[\w\-.~+/=]{8,}|[\w\-.~+/=]{20,})/g
/** `Name: value` header lines (in text, argv, stderr). */
const HEADER_LINE =
  /\b(authorization|proxy-authorization|x-auth-token|x-api-key|api-key|cookie|set-cookie)(\s*[:=]\s*)([^\r\n]+)/gi
/** `"name": "value"` JSON members inside a text (an error message quoting a body). */
const JSON_MEMBER = /("([\w-]*)"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g
/** `name=` of query strings and `--flag=value` forms (the value follows, up to `&`, a blank or a quote). */
const NAME_EQ = /(?<=^|[?&;\s=,])([\w.[\]-]+)=/g
const VALUE_END = /[&\s"',]/

/** `name=value` pairs with a secret name get `name=<redacted>` (also nested: `--query=api_key=…`). */
function redactPairs(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(NAME_EQ)) {
    const start = (match.index ?? 0) + match[0].length
    if (start < last || !isSecretName(match[1].replace(/^-+/, ''))) continue
    const rest = text.slice(start).search(VALUE_END)
    const end = rest === -1 ? text.length : start + rest
    out += `${text.slice(last, start)}${REDACTED}`
    last = end
  }

  return out + text.slice(last)
}

/** Text with every secret pattern replaced by `<redacted>`. */
function redactText(text: string): string {
  return text
    .replaceAll(HEADER_LINE, (_match, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replaceAll(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replaceAll(JWT, REDACTED)
    .replaceAll(JSON_MEMBER, (match, head: string, name: string) =>
      isSecretName(name) ? `${head}"${REDACTED}"` : match,
    )
    .replace(/[\S\s]*/, (all) => redactPairs(all))
}

/** How deep `redact` walks a value (deeper levels are dropped, never walked recursively without end). */
const MAX_DEPTH = 64

/**
 * `value` with secrets scrubbed: strings by the text patterns, objects and arrays walked (members
 * with a secret name replaced whole). Returns a copy; the input is not changed.
 */
export function redact<T>(value: T): T {
  return walk(value, 0) as T
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) return REDACTED
  if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [name, item] of Object.entries(value)) {
    out[name] =
      isSecretName(name) && item !== null && item !== undefined && typeof item !== 'boolean'
        ? REDACTED
        : walk(item, depth + 1)
  }

  return out
}

/** Flags whose value is user data or a body (shown as `<redacted>` in debug lines). */
const VALUE_FLAGS = new Set(['--api', '--data', '--input', '--meta', '--rawData', '-d'])

/**
 * A Membrane argv fit to print: input values, bodies and `act --api` specs hidden (they hold user
 * data), the login code hidden, and every secret pattern (headers, tokens, query parameters) scrubbed.
 */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const inline = /^(--input|--data|-d|--rawData|--meta|--api)=/.exec(arg)
    if (inline) {
      out.push(`${inline[1]}=${REDACTED}`)
    } else if (VALUE_FLAGS.has(arg) && i + 1 < args.length) {
      out.push(arg, REDACTED)
      i++
    } else if (/^-d./.test(arg)) {
      out.push(`-d${REDACTED}`)
    } else if (args[0] === 'login' && args[1] === 'complete' && i === 2) {
      out.push(REDACTED)
    } else {
      const header = /^(--header=|-H=?)([\w-]+)(\s*:\s*)(.*)$/.exec(arg)
      out.push(header && isSecretName(header[2]) ? `${header[1]}${header[2]}${header[3]}${REDACTED}` : redactText(arg))
    }
  }

  return out
}

/**
 * An argv for `raw --dry-run`: shown as it would be sent (bodies and `--api` specs included, unlike
 * redactArgs), with every secret pattern scrubbed from each element.
 */
export function redactArgvForDisplay(args: readonly string[]): string[] {
  return args.map((arg) => {
    const header = /^(--header=|-H=?)([\w-]+)(\s*:\s*)(.*)$/.exec(arg)
    return header && isSecretName(header[2]) ? `${header[1]}${header[2]}${header[3]}${REDACTED}` : redact(arg)
  })
}
