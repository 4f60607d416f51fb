/**
 * Terminal cell widths without a dependency: graphemes via Intl.Segmenter; East Asian wide and
 * fullwidth characters and emoji count 2, control characters and lone combining marks 0. Close
 * enough to string-width (which cli-table3 uses to pad) that columns line up.
 */

let segmenter: Intl.Segmenter | undefined
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/
const EMOJI = /\p{Extended_Pictographic}/u
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\uFE0F/u
// C0/C1 controls, DEL, and zero-width format characters that do not stand on their own.
// eslint-disable-next-line no-control-regex
const ZERO_WIDTH = /^[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF\p{M}]+$/u
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[\d;]*m/g

function graphemes(text: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'})
  return [...segmenter.segment(text)].map((s) => s.segment)
}

// East Asian Wide and Fullwidth ranges (as in is-fullwidth-code-point, which string-width uses).
const WIDE: Array<[number, number]> = [
  [0x11_00, 0x11_5f],
  [0x23_29, 0x23_2a],
  [0x2e_80, 0x30_3e],
  [0x30_40, 0x32_47],
  [0x32_50, 0x4d_bf],
  [0x4e_00, 0xa4_c6],
  [0xa9_60, 0xa9_7c],
  [0xac_00, 0xd7_a3],
  [0xf9_00, 0xfa_ff],
  [0xfe_10, 0xfe_19],
  [0xfe_30, 0xfe_6b],
  [0xff_01, 0xff_60],
  [0xff_e0, 0xff_e6],
  [0x1_b0_00, 0x1_b0_01],
  [0x1_f2_00, 0x1_f2_51],
  [0x2_00_00, 0x3_ff_fd],
]

function isWide(codePoint: number): boolean {
  return codePoint >= 0x11_00 && WIDE.some(([from, to]) => codePoint >= from && codePoint <= to)
}

function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0
  if (EMOJI.test(grapheme) && EMOJI_PRESENTATION.test(grapheme)) return 2
  return isWide(grapheme.codePointAt(0)!) ? 2 : 1
}

/** Cells `text` takes in a terminal (ANSI colour codes count 0). */
export function stringWidth(text: string): number {
  const plain = text.includes('\u001B') ? text.replaceAll(ANSI, '') : text
  if (PRINTABLE_ASCII.test(plain)) return plain.length
  let width = 0
  for (const g of graphemes(plain)) width += graphemeWidth(g)
  return width
}

/** Cut `text` (no ANSI codes) to at most `width` cells, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text
  if (width <= 0) return ''
  let out = ''
  let used = 0
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g)
    if (used + w > width - 1) break
    out += g
    used += w
  }

  return `${out.trimEnd()}…`
}

/**
 * Make text from Close safe and single-line for a terminal cell: line breaks and tabs become
 * spaces, and other control characters (ESC sequences could drive the terminal) are dropped.
 */
export function toCell(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replaceAll(/\r\n|[\t\n\v\f\r]/g, ' ').replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '')
}

/** Like toCell but keeps line breaks (multi-line notes in the record view). */
export function toSafeLines(text: string): string[] {
  return (
    text
      .replaceAll(/\r\n?/g, '\n')
      .replaceAll('\t', '    ')
      // eslint-disable-next-line no-control-regex
      .replaceAll(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
      .split('\n')
  )
}

/**
 * `text` (one line, no ANSI) wrapped to lines of at most `width` cells, breaking at spaces; a word
 * longer than the width is cut into pieces. `width` < 1 is taken as 1.
 */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(1, Math.floor(width))
  if (stringWidth(text) <= max) return [text]
  const lines: string[] = []
  let line = ''
  const push = () => {
    lines.push(line.trimEnd())
    line = ''
  }

  for (const word of text.split(/(?<= )/)) {
    if (stringWidth(line + word.trimEnd()) <= max) {
      line += word
      continue
    }

    if (line) push()
    let rest = word
    while (stringWidth(rest.trimEnd()) > max) {
      let piece = ''
      for (const ch of graphemes(rest)) {
        if (stringWidth(piece + ch) > max) break
        piece += ch
      }

      lines.push(piece)
      rest = rest.slice(piece.length)
    }

    line = rest
  }

  if (line.trim()) push()
  return lines
}
