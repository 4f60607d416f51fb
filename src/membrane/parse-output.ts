/**
 * Finding the JSON value in what Membrane printed (reference/membrane-cli.md §5.4): stdout may carry
 * update notices, DEPRECATED warnings or spinner frames before and after the JSON.
 */

/**
 * What stdout held: a complete JSON document, or none, with why when it matters: `truncated` when a
 * document starts but never ends (the tail of a pipe was lost), `too_deep` when it nests deeper than
 * MAX_JSON_DEPTH (never parsed: deep values overflow the stack of whatever walks them).
 */
export type Extracted = {found: false; problem?: 'too_deep' | 'truncated'} | {found: true; value: unknown}

/** Deepest nesting of arrays and objects accepted from Membrane. */
export const MAX_JSON_DEPTH = 256

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are control characters by definition
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g

/** Text without ANSI colour/cursor sequences (a JSON document never contains a raw ESC byte). */
export function stripAnsi(text: string): string {
  return text.replaceAll(ANSI, '')
}

function tryParse(text: string): Extracted {
  try {
    return {found: true, value: JSON.parse(text) as unknown}
  } catch {
    return {found: false}
  }
}

/**
 * Index just past the bracket that closes the `{` or `[` at `start`, respecting strings and
 * escapes; -1 when it is never closed; -2 when it nests deeper than MAX_JSON_DEPTH.
 */
function balancedEnd(text: string, start: number): number {
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
      continue
    }

    switch (char) {
      case '"': {
        inString = true
        break
      }

      case '[':
      case '{': {
        depth++
        if (depth > MAX_JSON_DEPTH) return -2
        break
      }

      case ']':
      case '}': {
        depth--
        if (depth === 0) return i + 1
        if (depth < 0) return -1
        break
      }

      default:
    }
  }

  return -1
}

const TOO_DEEP: Extracted = {found: false, problem: 'too_deep'}

/** Whether arrays and objects nest more than `max` levels (walked with a stack: no recursion). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<{depth: number; value: unknown}> = [{depth: 1, value}]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (next.value === null || typeof next.value !== 'object') continue
    if (next.depth > max) return true
    for (const child of Object.values(next.value)) {
      if (child !== null && typeof child === 'object') stack.push({depth: next.depth + 1, value: child})
    }
  }

  return false
}

/** Where a `{` or `[` is the first non-blank character of its line. */
function atLineStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    if (text[i] === '\n') return true
    if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return false
  }

  return true
}

/**
 * The JSON document in `raw` (reference/membrane-cli.md §5.4). Only a COMPLETE document counts:
 * candidates are brackets that open a line (plus the first bracket of the text), a candidate that
 * closes and parses is a document (the last one wins: progress lines may come first), one that
 * closes but does not parse is noise (`[WARN] …`), and one that opens a line and never closes means
 * the document was cut off: `{found: false, problem: 'truncated'}`, never an inner object of it.
 * A text that is one JSON scalar (`true`, `null`) counts too.
 */
export function extractJson(raw: string): Extracted {
  // A page of records is megabytes: no regex pass over it unless there is an ESC byte to remove.
  const text = (raw.includes('\u001B') ? stripAnsi(raw) : raw).trim()
  if (text === '') return {found: false}
  // The usual case, one document and nothing else, is parsed whole (then its depth checked)
  // instead of scanned bracket by bracket; anything else (noise, cut-off, scalars) is scanned.
  const whole = tryParse(text)
  if (whole.found) return deeperThan(whole.value, MAX_JSON_DEPTH) ? TOO_DEEP : whole

  let last: Extracted = {found: false}
  let unclosed = false
  const first = text.search(/[[{]/)
  let i = first === -1 ? text.length : first
  while (i < text.length) {
    const char = text[i]
    if ((char !== '{' && char !== '[') || (i !== first && !atLineStart(text, i))) {
      i++
      continue
    }

    const end = balancedEnd(text, i)
    if (end === -2) return TOO_DEEP
    if (end === -1) {
      if (atLineStart(text, i)) return {found: false, problem: 'truncated'}
      unclosed = true
      i++
      continue
    }

    const candidate = tryParse(text.slice(i, end))
    if (candidate.found) last = candidate
    i = end
  }

  return !last.found && unclosed ? {found: false, problem: 'truncated'} : last
}

/** The first http(s) URL in `text`, without trailing punctuation or quotes. */
export function findUrl(text: string): string | undefined {
  const match = /https?:\/\/[^\s"'<>`]+/.exec(stripAnsi(text))
  return match ? match[0].replace(/[).,;:!?\]}]+$/, '') : undefined
}

/** The first few meaningful lines of a message (no stack frames), for short error messages. */
export function firstLines(text: string, count = 3, maxLength = 300): string {
  const lines = stripAnsi(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at\s/.test(line))
    .slice(0, count)
  const joined = lines.join(' ')
  return joined.length > maxLength ? `${joined.slice(0, maxLength - 1)}…` : joined
}
