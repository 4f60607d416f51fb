/**
 * Tables that fit (design §6, issue 13 item 1): which columns a table shows and how wide each one
 * is, so that no line is wider than the terminal. Pure: cells come in already formatted (they may
 * carry ANSI colour, which takes no width), the layout and the lines come out.
 *
 * The steps, in order, stopping as soon as the table fits:
 * 1. Every column starts at its natural width: its widest cell or header, capped by `maxWidth`.
 * 2. Empty columns (no cell has text) are dropped, unless asked for (`explicit`, from `--fields`).
 * 3. Shrinkable columns (name, text, status) may give up width down to a readable width (name 20,
 *    text 16, status 10 cells, never below `minWidth`). If the table does not fit even then, the
 *    lowest-priority column that was not asked for is dropped, and again, until it fits. IDs do not
 *    shrink (a cut ID cannot be pasted back) and have a low priority, so they go before names; an
 *    ID not asked for is also dropped whenever it would leave a name column shorter than its
 *    natural width.
 * 4. Only columns asked for are left and it still does not fit: shrinkable columns go down to their
 *    minimum (`minWidth`, else name 8, text 6, status 6), then every column is cut one cell at a
 *    time from the widest, IDs included; as a last resort the rightmost columns are left out.
 * 5. Width left over goes back by priority: first each column up to its readable width, then up to
 *    its natural width, highest priority first. So when space is short the high-priority name keeps
 *    its full width and the low-priority text is shortened with an ellipsis.
 *
 * Streamed tables (`--all`) lay out the first page and pass the returned layout to `formatRow` for
 * every later page: widths stay fixed, longer cells are shortened with `…`, a column dropped as
 * empty on the first page stays dropped.
 *
 * Alignment: money and number columns are right-aligned, everything else left-aligned; the last
 * column is not padded, and no line ends in spaces.
 */
import type {Column} from '../close/resources.js'

import {stringWidth, truncate} from './width.js'

export type ColumnKind = 'date' | 'id' | 'money' | 'name' | 'number' | 'status' | 'text'

export interface LayoutColumn {
  /** Asked for by the user (`--fields`): never dropped, not even when empty. */
  explicit?: boolean
  header: string
  key: string
  /** What the column holds; decides shrinking, alignment and the default priority. Default text. */
  kind?: ColumnKind
  /** Widest this column may be, in cells. */
  maxWidth?: number
  /** Narrowest a shrinkable column may become before only columns asked for are left. */
  minWidth?: number
  /** Higher stays longer. Default by kind: name 90, status 70, money 60, date 50, number 40, text 30, id 20. */
  priority?: number
}

export interface LaidOutColumn {
  align: 'left' | 'right'
  header: string
  /** Index into the columns given to layoutTable (and into each row of cells). */
  index: number
  key: string
  kind: ColumnKind
  width: number
}

export interface TableLayout {
  /** The columns shown, in their original order. */
  columns: LaidOutColumn[]
  /** Keys of the columns left out (empty, low priority, or no room at all). */
  dropped: string[]
  separator: string
  /** The width the layout was made for. */
  terminalWidth: number
}

export interface LayoutOptions {
  /** Between columns; default two spaces. */
  separator?: string
}

const DEFAULT_PRIORITY: Record<ColumnKind, number> = {
  date: 50,
  id: 20,
  money: 60,
  name: 90,
  number: 40,
  status: 70,
  text: 30,
}
const READABLE: Partial<Record<ColumnKind, number>> = {name: 20, status: 10, text: 16}
const MINIMUM: Partial<Record<ColumnKind, number>> = {name: 8, status: 6, text: 6}
const RIGHT = new Set<ColumnKind>(['money', 'number'])
const NAME_KEYS = new Set(['contact_name', 'display_name', 'lead_name', 'name', 'user_name'])

interface Candidate {
  explicit: boolean
  index: number
  min: number
  natural: number
  priority: number
  readable: number
}

/** Decide which columns show and how wide each is (see the file header). `terminalWidth` ≥ 1. */
export function layoutTable(
  columns: LayoutColumn[],
  rows: string[][],
  terminalWidth: number,
  options: LayoutOptions = {},
): TableLayout {
  const separator = options.separator ?? '  '
  const sep = stringWidth(separator)
  const available = Math.max(1, Math.floor(terminalWidth))
  const dropped = new Set<number>()

  const candidates = measure(columns, rows, dropped)
  const total = (set: Candidate[], pick: (c: Candidate) => number) =>
    set.reduce((sum, c) => sum + pick(c), 0) + sep * Math.max(0, set.length - 1)

  let shown = [...candidates]
  // 3. Drop low-priority columns (not asked for) while the readable widths do not fit.
  while (shown.length > 1 && total(shown, (c) => c.readable) > available) {
    const victim = lowestPriority(shown.filter((c) => !c.explicit))
    if (!victim) break
    shown = shown.filter((c) => c !== victim)
    dropped.add(victim.index)
  }

  let widths = distribute(shown, available, sep)
  // IDs go before names are shortened: while a name is cut and an ID not asked for is shown, drop the ID.
  const isName = (c: Candidate) => (columns[c.index]!.kind ?? 'text') === 'name'
  const isId = (c: Candidate) => (columns[c.index]!.kind ?? 'text') === 'id' && !c.explicit
  while (shown.some((c) => isName(c) && widths.get(c)! < c.natural) && shown.some((c) => isId(c))) {
    const victim = lowestPriority(shown.filter((c) => isId(c)))!
    shown = shown.filter((c) => c !== victim)
    dropped.add(victim.index)
    widths = distribute(shown, available, sep)
  }

  for (const c of shown) if (!widths.has(c)) dropped.add(c.index)

  const laidOut: LaidOutColumn[] = [...widths.entries()]
    .sort((a, b) => a[0].index - b[0].index)
    .map(([c, width]) => {
      const column = columns[c.index]!
      const kind = column.kind ?? 'text'
      return {
        align: RIGHT.has(kind) ? 'right' : 'left',
        header: column.header,
        index: c.index,
        key: column.key,
        kind,
        width: Math.min(width, available),
      }
    })

  return {
    columns: laidOut,
    dropped: [...dropped].sort((a, b) => a - b).map((i) => columns[i]!.key),
    separator,
    terminalWidth: available,
  }
}

/** Steps 1 and 2: natural, readable and minimum widths; empty columns not asked for go to `dropped`. */
function measure(columns: LayoutColumn[], rows: string[][], dropped: Set<number>): Candidate[] {
  const candidates: Candidate[] = []
  for (const [index, column] of columns.entries()) {
    const kind = column.kind ?? 'text'
    let widest = 0
    for (const row of rows) widest = Math.max(widest, stringWidth(row[index] ?? ''))
    if (widest === 0 && !column.explicit) {
      dropped.add(index)
      continue
    }

    const cap = column.maxWidth ?? Number.POSITIVE_INFINITY
    const natural = Math.max(1, Math.min(Math.max(widest, stringWidth(column.header)), cap))
    const floor = READABLE[kind] === undefined ? natural : Math.min(natural, column.minWidth ?? MINIMUM[kind]!)
    const readable = READABLE[kind] === undefined ? natural : Math.min(natural, Math.max(floor, READABLE[kind]!))
    candidates.push({
      explicit: Boolean(column.explicit),
      index,
      min: floor,
      natural,
      priority: column.priority ?? DEFAULT_PRIORITY[kind],
      readable,
    })
  }

  return candidates
}

/** Widths for the columns shown (steps 4 and 5 of the file header); a column left out has no entry. */
function distribute(shown: Candidate[], available: number, sep: number): Map<Candidate, number> {
  const seps = sep * Math.max(0, shown.length - 1)
  const mins = shown.reduce((sum, c) => sum + c.min, 0) + seps
  const widths = new Map(shown.map((c) => [c, c.min]))
  if (mins <= available) {
    // 5. Start from the minimum and give the rest back by priority.
    let spare = available - mins
    const byPriority = [...shown].sort((a, b) => b.priority - a.priority || a.index - b.index)
    for (const target of ['readable', 'natural'] as const) {
      for (const c of byPriority) {
        const give = Math.min(spare, c[target] - widths.get(c)!)
        if (give > 0) {
          widths.set(c, widths.get(c)! + give)
          spare -= give
        }
      }
    }

    return widths
  }

  // 4. Only columns asked for are left: cut the widest one cell at a time, then leave out the rightmost.
  const sum = () => [...widths.values()].reduce((a, b) => a + b, 0) + sep * Math.max(0, widths.size - 1)
  while (sum() > available) {
    const widest = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0].index - a[0].index)[0]!
    if (widest[1] <= 1) break
    widths.set(widest[0], widest[1] - 1)
  }

  while (sum() > available && widths.size > 1) {
    const last = [...widths.keys()].sort((a, b) => b.index - a.index)[0]!
    widths.delete(last)
  }

  return widths
}

function lowestPriority(set: Candidate[]): Candidate | undefined {
  // The lowest priority; among equals the rightmost.
  let victim: Candidate | undefined
  for (const c of set)
    if (!victim || c.priority < victim.priority || (c.priority === victim.priority && c.index > victim.index))
      victim = c
  return victim
}

/**
 * One line of the table: each shown cell cut to its width (with `…`), padded, joined by the
 * separator; trailing spaces removed. `cells` is indexed like the columns given to layoutTable.
 * `style` wraps each cell after padding is decided (e.g. bold headers); it must add no width.
 */
export function formatRow(layout: TableLayout, cells: string[], style?: (text: string) => string): string {
  const last = layout.columns.length - 1
  return layout.columns
    .map((column, i) => {
      const text = fitCell(cells[column.index] ?? '', column.width)
      const pad = ' '.repeat(Math.max(0, column.width - stringWidth(text)))
      const styled = style && text ? style(text) : text
      if (column.align === 'right') return pad + styled
      return i === last ? styled : styled + pad
    })
    .join(layout.separator)
    .trimEnd()
}

/** The header line (headers are cut like cells). */
export function formatHeader(layout: TableLayout, style?: (text: string) => string): string {
  const headers: string[] = []
  for (const column of layout.columns) headers[column.index] = column.header
  return formatRow(layout, headers, style)
}

/** Lay out and format a whole table: the header line, then one line per row. */
export function renderTable(
  columns: LayoutColumn[],
  rows: string[][],
  terminalWidth: number,
  options: LayoutOptions & {headerStyle?: (text: string) => string} = {},
): {layout: TableLayout; lines: string[]} {
  const layout = layoutTable(columns, rows, terminalWidth, options)
  return {layout, lines: [formatHeader(layout, options.headerStyle), ...rows.map((r) => formatRow(layout, r))]}
}

// eslint-disable-next-line no-control-regex
const ANSI_TOKEN = /\u001B\[[\d;]*m/g

/** `text` (which may carry SGR colour codes) cut to `width` cells, ending in `…` when cut. */
export function fitCell(text: string, width: number): string {
  if (stringWidth(text) <= width) return text
  if (!text.includes('\u001B')) return truncate(text, width)
  // Cut the visible text, then put the colour codes back where they were.
  const codes: Array<{at: number; code: string}> = []
  let plain = ''
  let last = 0
  for (const match of text.matchAll(ANSI_TOKEN)) {
    plain += text.slice(last, match.index)
    codes.push({at: plain.length, code: match[0]})
    last = match.index + match[0].length
  }

  plain += text.slice(last)
  const cut = truncate(plain, width)
  const kept = cut.endsWith('…') ? cut.slice(0, -1) : cut
  let out = ''
  let pos = 0
  for (const {at, code} of codes) {
    if (at > kept.length) break
    out += kept.slice(pos, at) + code
    pos = at
  }

  out += kept.slice(pos) + (cut.endsWith('…') ? '…' : '')
  return codes.length > 0 ? `${out}\u001B[0m` : out
}

/**
 * A resource column (close/resources.ts) as a layout column: the kind from its key and format;
 * `explicit` when the user named it in `--fields`; `priority` when the resource gives one.
 */
export function layoutColumn(column: Column & {priority?: number}, explicit = false): LayoutColumn {
  return {
    explicit,
    header: column.header,
    key: column.key,
    kind: kindOf(column),
    ...(column.maxWidth === undefined ? {} : {maxWidth: column.maxWidth}),
    ...(column.priority === undefined ? {} : {priority: column.priority}),
  }
}

/** The kind of a resource column: IDs by key, names by key, the rest by format. */
export function kindOf(column: Pick<Column, 'format' | 'key'>): ColumnKind {
  const {format, key} = column
  if (key === 'id' || key.endsWith('_id') || key.endsWith('.id')) return 'id'
  if (NAME_KEYS.has(key) || key.endsWith('_name') || key.endsWith('.name')) return 'name'
  switch (format) {
    case 'boolean':
    case 'count':
    case 'percent': {
      return 'number'
    }

    case 'date':
    case 'datetime': {
      return 'date'
    }

    case 'money': {
      return 'money'
    }

    case 'status': {
      return 'status'
    }

    default: {
      return 'text'
    }
  }
}
