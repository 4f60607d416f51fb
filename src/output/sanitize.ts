/**
 * Terminal safety (issue 14 item 5, design §6): text that comes from Close or Membrane (names,
 * notes, error messages) must not drive the terminal when it is printed for people. A lead named
 * `ESC ] 0 ; title BEL` would retitle the window, `ESC [2J` would clear the screen, a bare CR would
 * let a later part of a line overwrite an earlier one, and U+202E would show the rest of a line
 * reversed. JSON output is never passed through here: it is the data, byte for byte.
 *
 * - `sanitize(text)`: one-line text (table cells, messages). Whole escape sequences are removed
 *   (CSI, OSC, DCS/SOS/PM/APC strings, two-character escapes); any other C0 control, DEL and C1
 *   control becomes U+FFFD, except that tab and line breaks become a space; bidi embeddings,
 *   overrides and isolates become U+FFFD. Visible printable text is left as it is.
 * - `sanitizeLines(text)`: the same, but line breaks (LF, CRLF, a lone CR) are kept as `\n` and tabs
 *   become spaces, for multi-line notes in record views.
 *
 * The replacement character makes a stripped control visible instead of silently joining the text
 * around it (`Acme\u0007Corp` shows as `Acme�Corp`, not `AcmeCorp`).
 */

export const REPLACEMENT = '\uFFFD'

// ESC-introduced sequences (ECMA-48), longest forms first:
// - CSI: ESC [ parameters (0x30–0x3F)* intermediates (0x20–0x2F)* final (0x40–0x7E); also C1 CSI (U+009B).
// - OSC/DCS/SOS/PM/APC strings: ESC ] | ESC P | ESC X | ESC ^ | ESC _ (or their C1 forms U+009D,
//   U+0090, U+0098, U+009E, U+009F) … up to BEL or ST (ESC \ or U+009C), or the end of the text
//   when never terminated (a terminal would swallow the rest anyway).
// - nF/Fp/Fe/Fs escapes: ESC intermediates* final (0x30–0x7E), e.g. ESC c (reset), ESC 7, ESC ( B.
/* eslint-disable no-control-regex */
const ESCAPES = new RegExp(
  [
    String.raw`(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?`,
    String.raw`(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?`,
    String.raw`\u001B[\u0020-\u002F]*[\u0030-\u007E]?`,
  ].join('|'),
  'g',
)
const LINE_BREAKS = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g
/* eslint-enable no-control-regex */
// LRE, RLE, PDF, LRO, RLO (U+202A–U+202E); LRI, RLI, FSI, PDI (U+2066–U+2069). The plain marks
// LRM/RLM/ALM (U+200E, U+200F, U+061C) only nudge neutral characters and cannot reorder a line, so
// they are kept (real Arabic and Hebrew names carry them).
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g
// Cheap test: anything at all to do?
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/

/** One-line, terminal-safe text (see the file header). */
export function sanitize(text: string): string {
  if (!SUSPECT.test(text)) return text
  return text
    .replaceAll(ESCAPES, '')
    .replaceAll(LINE_BREAKS, ' ')
    .replaceAll('\t', ' ')
    .replaceAll(CONTROLS, REPLACEMENT)
    .replaceAll(BIDI, REPLACEMENT)
}

/** Terminal-safe lines, line breaks kept (see the file header). */
export function sanitizeLines(text: string): string[] {
  if (!SUSPECT.test(text)) return text.split('\n')
  return text
    .replaceAll(ESCAPES, '')
    .replaceAll(LINE_BREAKS, '\n')
    .replaceAll('\t', '    ')
    .split('\n')
    .map((line) => line.replaceAll(CONTROLS, REPLACEMENT).replaceAll(BIDI, REPLACEMENT))
}

/**
 * Every string inside a value made safe (for human output built from a whole object, e.g. an error's
 * details); objects and arrays are copied, other values kept. Never use it on JSON output.
 */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return sanitize(value) as T
  if (Array.isArray(value)) return value.map((v) => sanitizeDeep(v)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeDeep(v)])) as T
  }

  return value
}
