/**
 * Finding the JSON value in what Membrane printed (reference/membrane-cli.md §5.4): stdout may carry
 * update notices, DEPRECATED warnings or spinner frames before and after the JSON.
 */

export type Extracted = {found: false} | {found: true; value: unknown}

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
 * escapes; -1 when it is never closed.
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

/**
 * The JSON value in `raw`: the whole text if it parses; else the last complete top-level `{…}` or
 * `[…]` value that parses; else the text from the first `{`/`[` through the end.
 */
export function extractJson(raw: string): Extracted {
  const text = stripAnsi(raw).trim()
  if (text === '') return {found: false}
  const whole = tryParse(text)
  if (whole.found) return whole

  let last: Extracted = {found: false}
  let i = 0
  while (i < text.length) {
    const char = text[i]
    if (char !== '{' && char !== '[') {
      i++
      continue
    }

    const end = balancedEnd(text, i)
    const candidate = end === -1 ? {found: false as const} : tryParse(text.slice(i, end))
    if (candidate.found) {
      last = candidate
      i = end
    } else {
      i++
    }
  }

  if (last.found) return last
  const first = text.search(/[[{]/)
  return first === -1 ? {found: false} : tryParse(text.slice(first))
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
