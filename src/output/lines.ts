/**
 * Lines for the composed screens (today, pipeline, the record pages): cells laid out in a row that
 * never exceeds the terminal width. One cell may flex (take what is left, truncated with `…`);
 * fixed cells are truncated to their width. Text from Close is made terminal-safe here.
 */
import {hyperlink} from './links.js'
import {sanitize} from './sanitize.js'
import {stringWidth, truncate} from './width.js'

export interface Cell {
  align?: 'left' | 'right'
  /** Paint the laid-out text (colour); receives plain text of the cell's final width. */
  paint?: (text: string) => string
  text: string
  /** OSC-8 target, applied after truncation when links are on. */
  url?: string
  /** Fixed width in cells; omit on one cell to let it take the rest. */
  width?: number
}

export interface LineStyle {
  links: boolean
  width: number
}

const GAP = 2

function pad(text: string, width: number, align: Cell['align']): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

/** One row, indented by `indent`, at most `style.width` cells wide (trailing spaces trimmed). */
export function row(cells: Cell[], style: LineStyle, indent = 2): string {
  const fixed = cells.reduce((sum, cell) => sum + (cell.width ?? 0), 0) + GAP * (cells.length - 1) + indent
  const rest = Math.max(0, style.width - fixed)
  let used = indent
  const parts: string[] = []
  for (const cell of cells) {
    const left = Math.max(0, style.width - used - (parts.length > 0 ? GAP : 0))
    const width = Math.min(cell.width ?? rest, left)
    const text = truncate(sanitize(cell.text), width)
    const laid = pad(text, width, cell.align)
    const linked = laid.replace(text, hyperlink(text, cell.url, style.links))
    parts.push(cell.paint ? cell.paint(linked) : linked)
    used += width + (parts.length > 1 ? GAP : 0)
  }

  return (' '.repeat(indent) + parts.join(' '.repeat(GAP))).trimEnd()
}

/** A free-text line cut to the width. */
export function line(text: string, style: LineStyle, indent = 0): string {
  return ' '.repeat(indent) + truncate(sanitize(text), Math.max(0, style.width - indent))
}
