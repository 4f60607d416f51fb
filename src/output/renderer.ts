/**
 * Renders Close records in the five formats of design §6.
 *
 * Lists are streamed: `list()` pulls one page, writes it, then pulls the next, so memory stays flat
 * however many records there are (only `table` buffers, as its columns need every row; tables are
 * for people). Nothing reaches stdout before the first page arrives, so a failed first fetch leaves
 * stdout empty.
 *
 * A list comes from a ListSource: `pages` yields arrays of Close objects and ends at the limit;
 * `more()` and `total()` are read once the pages are exhausted, so the caller's pager can record
 * `has_more`/`total_results` while it runs:
 *
 *   let hasMore = false
 *   async function* pages() { … hasMore = page.has_more && seen >= limit; yield page.data … }
 *   await renderer.list(leads, {more: () => hasMore, pages: pages(), total: () => total})
 *
 * A bare (async) iterable of pages is accepted too (no footer then).
 *
 * Per format:
 * - json: a JSON array written element by element, byte-identical to JSON.stringify(all, null, 2);
 *   an empty list is `[]`. With `--fields`, each object has exactly those keys (missing → null).
 * - ndjson: one compact object per line; empty → nothing.
 * - csv: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line break) with a
 *   header row of the field keys; an empty list prints the header row alone, so the file still
 *   names its columns.
 * - tsv: no header, tab-separated, tabs and line breaks in values become spaces; empty → nothing.
 * - csv/tsv carry raw Close values (cents, ISO dates); lists and objects are JSON-encoded, booleans
 *   are true/false. Columns: `--fields`, else the keys of the curated table columns.
 * - table: curated columns (or `--fields`), formatted cells, no box lines, two spaces between
 *   columns, bold headers only with colour, shrunk to the terminal width. ID columns (`id`, `*_id`)
 *   are never cut, as a cut ID is useless. Footer on stderr when the list was cut; `No leads found.`
 *   on stderr when empty.
 */
import type {Column} from '../close/resources.js'
import type {ListSummary, OutputContext, RecordView} from './types.js'

import {cellTone, formatCell, formatField, formatList, localToday, type Tone} from '../close/format.js'
import {hiddenFields, twinFields} from '../close/resources.js'
import {getField, parseFields, pickFields} from './fields.js'
import {fetchedLabel} from './progress.js'
import {fitCell, formatHeader, formatRow, layoutColumn, layoutTable, type TableLayout} from './table-layout.js'
import {stringWidth, toCell, toSafeLines, wrap} from './width.js'

export type CloseRecord = Record<string, unknown>

export interface ListSource {
  /** Read after the pages end: true when records remain that were not yielded (cut by --limit). */
  more?: () => boolean
  pages: AsyncIterable<CloseRecord[]> | Iterable<CloseRecord[]>
  /** Read after the pages end: the total Close reported (`total_results`), when known. */
  total?: () => number | undefined
}

interface PageWriter {
  end(count: number): Promise<void> | void
  page(records: CloseRecord[]): Promise<void> | void
}

export interface ListInfo {
  /** The --limit in force (informational). */
  limit?: number
  /** A total to show in the footer when the source's total() is unknown. */
  totalHint?: number
}

type CsvStringify = (rows: string[][], options: Record<string, unknown>) => string
type TableColumn = Column & {adhoc?: boolean; explicit?: boolean}

// RFC 4180: CRLF between records. csv-stringify quotes on the record delimiter (CRLF) only, so
// quote any lone CR or LF too.
const CSV_OPTIONS = {
  quoted_match: /[\n\r]/,
  record_delimiter: 'windows',
}

const SEPARATOR = '  '
const HIDDEN = new Set(hiddenFields)

export class Renderer {
  private csvStringify?: CsvStringify

  constructor(private readonly ctx: OutputContext) {}

  /**
   * Write a list as its pages arrive (see the file header); returns what was written. `info.totalHint`
   * stands in for `source.total()` when the source cannot tell; `info.limit` is informational.
   */
  async list(
    view: RecordView,
    source: AsyncIterable<CloseRecord[]> | Iterable<CloseRecord[]> | ListSource,
    info: ListInfo = {},
  ): Promise<ListSummary> {
    const src: ListSource = 'pages' in source ? source : {pages: source}
    const writer = await this.pageWriter(view, this.fieldsFor(view))
    const {progress} = this.ctx
    let count = 0
    progress?.start(`Fetching ${view.plural}`)
    try {
      for await (const page of src.pages) {
        if (this.closed()) break
        count += page.length
        progress?.update(fetchedLabel(count, view.plural, src.total?.() ?? info.totalHint))
        if (page.length > 0) await writer.page(page)
        if (this.closed()) break
      }

      await writer.end(count)
    } catch (error) {
      // A later page failed: what was written stays well-formed (a JSON array is closed); the exit
      // code tells the failure.
      if (count > 0 && !this.closed()) await writer.end(count)
      throw error
    } finally {
      progress?.stop()
    }

    const more = Boolean(src.more?.())
    const total = src.total?.() ?? info.totalHint
    if (this.ctx.format === 'table' && !this.closed()) this.footer(view, count, more, total)
    return total === undefined ? {count, more} : {count, more, total}
  }

  /** A line for people on stderr; stdout stays clean for data. */
  message(text: string): void {
    this.ctx.stderr(`${text}\n`)
  }

  /** One record, for get/create/update. */
  async record(view: RecordView, record: CloseRecord): Promise<void> {
    const fields = this.fieldsFor(view)
    switch (this.ctx.format) {
      case 'csv': {
        const keys = fields ?? columnKeys(view)
        await this.write(await this.csv([keys, rawRow(record, keys, countKeys(view, fields))]))
        return
      }

      case 'json': {
        await this.write(`${JSON.stringify(fields ? pickFields(record, fields) : record, null, 2)}\n`)
        return
      }

      case 'ndjson': {
        await this.write(`${JSON.stringify(fields ? pickFields(record, fields) : record)}\n`)
        return
      }

      case 'table': {
        await this.write(this.detail(view, record, fields))
        return
      }

      case 'tsv': {
        await this.write(tsvLine(rawRow(record, fields ?? columnKeys(view), countKeys(view, fields))))
      }
    }
  }

  private closed(): boolean {
    return Boolean(this.ctx.stdoutClosed?.aborted)
  }

  private async csv(rows: string[][]): Promise<string> {
    if (!this.csvStringify) {
      const {stringify} = await import('csv-stringify/sync')
      this.csvStringify = stringify as CsvStringify
    }

    // csv-stringify quotes on the record delimiter (CRLF) only; quote any lone CR or LF too.
    return this.csvStringify(rows, CSV_OPTIONS)
  }

  /**
   * The vertical key/value view of one record: label, two spaces, value. Fits the terminal: labels
   * take at most a third of the width (longer ones are cut), values wrap at spaces onto indented
   * continuation lines.
   */
  private detail(view: RecordView, record: CloseRecord, fields?: string[]): string {
    const {chalk, width} = this.ctx
    const rows = fields ? pickedRows(view, record, fields) : detailRows(view, record)
    const widest = Math.max(0, ...rows.map(([l]) => stringWidth(l)))
    const labelWidth = Math.min(widest, Math.max(8, Math.floor(width / 3)))
    const valueWidth = Math.max(10, width - labelWidth - SEPARATOR.length)
    const indent = ' '.repeat(labelWidth + SEPARATOR.length)
    let out = ''
    for (const [name, value] of rows) {
      const lines = toSafeLines(value).flatMap((l) => (l.trimEnd() ? wrap(l.trimEnd(), valueWidth) : ['']))
      const [first = '', ...more] = lines
      const shown = fitCell(name, labelWidth)
      const pad = ' '.repeat(labelWidth - stringWidth(shown))
      out += `${chalk.dim(shown)}${pad}${SEPARATOR}${first}`.trimEnd() + '\n'
      for (const line of more) out += line ? `${indent}${line}\n` : '\n'
    }

    return out
  }

  /** `--fields` checked against the view; throws a UsageError listing the valid fields. */
  private fieldsFor(view: RecordView): string[] | undefined {
    const {fields} = this.ctx
    return fields ? parseFields(fields.join(','), view) : undefined
  }

  private footer(view: RecordView, count: number, more: boolean, total?: number): void {
    const {stderrChalk} = this.ctx
    if (count === 0) {
      this.ctx.stderr(`${stderrChalk.dim(`No ${view.plural} found.`)}\n`)
      return
    }

    if (!more) return
    const what = (n: number) => (n === 1 ? view.noun : view.plural)
    const head =
      total === undefined
        ? `${formatNumber(count)} ${what(count)}; more`
        : `${formatNumber(count)} of ${formatNumber(total)} ${what(total)}`
    const tail = total === undefined ? 'with --limit or --all' : '— use --limit or --all'
    // One line when it fits the terminal, else the advice on a line of its own.
    const text =
      stringWidth(`${head} ${tail}`) <= this.ctx.width ? `${head} ${tail}` : `${head}\n${tail.replace(/^— /, '')}`
    this.ctx.stderr(`${stderrChalk.dim(text)}\n`)
  }

  private async pageWriter(view: RecordView, fields: string[] | undefined): Promise<PageWriter> {
    switch (this.ctx.format) {
      case 'csv': {
        const keys = fields ?? columnKeys(view)
        const counts = countKeys(view, fields)
        let started = false
        return {
          end: async () => {
            if (!started) await this.write(await this.csv([keys]))
          },
          page: async (records) => {
            const rows = records.map((r) => rawRow(r, keys, counts))
            await this.write(await this.csv(started ? rows : [keys, ...rows]))
            started = true
          },
        }
      }

      case 'json': {
        let started = false
        return {
          end: (count) => this.write(count === 0 ? '[]\n' : '\n]\n'),
          page: (records) => {
            let chunk = ''
            for (const r of records) {
              chunk += started ? ',\n' : '[\n'
              started = true
              chunk += '  ' + JSON.stringify(fields ? pickFields(r, fields) : r, null, 2).replaceAll('\n', '\n  ')
            }

            return this.write(chunk)
          },
        }
      }

      case 'ndjson': {
        return {
          end() {},
          page: (records) =>
            this.write(records.map((r) => JSON.stringify(fields ? pickFields(r, fields) : r) + '\n').join('')),
        }
      }

      case 'table': {
        // Streamed: the first page fixes the columns and their widths; later pages reuse them.
        const columns = tableColumns(view, fields)
        let layout: TableLayout | undefined
        return {
          end() {},
          page: async (records) => {
            const shown = await this.withNames(columns, records)
            const cells = shown.map((r) =>
              columns.map((c) => toCell(c.adhoc ? formatField(r, c.key) : formatCell(r, c))),
            )
            let out = ''
            if (!layout) {
              const laid = columns.map((c) => layoutColumn(c, Boolean(c.explicit)))
              layout = layoutTable(laid, cells, this.ctx.width, {separator: SEPARATOR})
              out += formatHeader(layout, (t) => this.ctx.chalk.bold(t)) + '\n'
            }

            const today = localToday()
            for (const [i, row] of cells.entries()) {
              const painted = row.map((cell, j) => this.paint(cell, cellTone(shown[i]!, columns[j]!, today)))
              out += formatRow(layout, painted) + '\n'
            }

            await this.write(out)
          },
        }
      }

      case 'tsv': {
        const keys = fields ?? columnKeys(view)
        const counts = countKeys(view, fields)
        return {
          end() {},
          page: (records) => this.write(records.map((r) => tsvLine(rawRow(r, keys, counts))).join('')),
        }
      }
    }
  }

  /** A cell coloured by its tone (no-op without colour). */
  private paint(cell: string, tone: Tone | undefined): string {
    if (!tone || !cell || !this.ctx.color) return cell
    const {chalk} = this.ctx
    switch (tone) {
      case 'bad': {
        return chalk.red(cell)
      }

      case 'good': {
        return chalk.green(cell)
      }

      case 'overdue': {
        return chalk.red.bold(cell)
      }

      case 'warn': {
        return chalk.yellow(cell)
      }
    }
  }

  /**
   * Records with the names their `nameOf` columns show, from the context's name hook (a contact's
   * lead name); without a hook, or for an unknown ID, the ID itself is shown.
   */
  private async withNames(columns: TableColumn[], records: CloseRecord[]): Promise<CloseRecord[]> {
    const wanted = columns.filter((c) => c.nameOf && !c.adhoc)
    if (wanted.length === 0) return records
    const names = new Map<string, string>()
    const {names: hook} = this.ctx
    if (hook) {
      for (const column of wanted) {
        const ids = records
          .filter((r) => isEmpty(getField(r, column.key)))
          .map((r) => getField(r, column.nameOf!))
          .filter((id): id is string => typeof id === 'string' && id !== '')
        if (ids.length === 0) continue

        const found = await hook(column.nameOf!, [...new Set(ids)])
        for (const [id, name] of found) names.set(id, name)
      }
    }

    return records.map((r) => {
      let copy: CloseRecord | undefined
      for (const column of wanted) {
        if (!isEmpty(getField(r, column.key))) continue
        const id = getField(r, column.nameOf!)
        copy ??= {...r}
        copy[column.key] = (typeof id === 'string' && names.get(id)) || id
      }

      return copy ?? r
    })
  }

  private write(text: string): Promise<void> | void {
    this.ctx.progress?.clear()
    return this.ctx.stdout(text)
  }
}

/** Keys for csv/tsv without --fields: the curated column keys. */
function columnKeys(view: RecordView): string[] {
  // A name-of column whose name Close does not carry (a contact's lead) exports the ID it names.
  return view.columns.map((c) => (c.nameOf && !view.fields.includes(c.key) ? c.nameOf : c.key))
}

/** Table columns: --fields (the curated column where the key matches, else an ad-hoc one), else curated. */
function tableColumns(view: RecordView, fields?: string[]): TableColumn[] {
  if (!fields) return view.columns
  return fields.map((key) => {
    const column = view.columns.find((c) => c.key === key)
    return column
      ? {...column, explicit: true}
      : {adhoc: true, explicit: true, header: (view.labels?.[key] ?? key).toUpperCase(), key}
  })
}

/**
 * Raw Close values as strings, for csv/tsv: lists and objects as JSON, booleans true/false. The one
 * exception is a curated `count` column (CONTACTS), which carries the count: its header promises a
 * number, and the nested objects belong in json.
 */
function rawRow(record: CloseRecord, keys: string[], counts?: Set<string>): string[] {
  return keys.map((key) => {
    const value = getField(record, key)
    if (value === null || value === undefined) return ''
    if (counts?.has(key) && Array.isArray(value)) return String(value.length)
    if (typeof value === 'string') return value
    if (typeof value === 'object') return JSON.stringify(value)
    return String(value)
  })
}

/** Curated `count` columns, when the columns are the curated ones (no --fields). */
function countKeys(view: RecordView, fields?: string[]): Set<string> | undefined {
  if (fields) return undefined
  return new Set(view.columns.filter((c) => c.format === 'count').map((c) => c.key))
}

function tsvLine(cells: string[]): string {
  return cells.map((cell) => cell.replaceAll(/\r\n|[\t\n\r]/g, ' ')).join('\t') + '\n'
}

/** Rows of the record view with --fields: exactly those, blank when missing. */
function pickedRows(view: RecordView, record: CloseRecord, fields: string[]): Array<[string, string]> {
  return fields.map((key) => {
    const column = view.columns.find((c) => c.key === key)
    return [
      column ? label(column.header) : (view.labels?.[key] ?? key),
      column ? formatCell(record, column) : formatField(record, key),
    ]
  })
}

/**
 * Rows of the record view: the curated columns first, then every other non-empty field (known
 * fields in the resource's order, custom fields, the rest); lists of objects as a count and the
 * first few names.
 */
function detailRows(view: RecordView, record: CloseRecord): Array<[string, string]> {
  const rows: Array<[string, string]> = []
  const shown = new Set<string>()
  for (const column of view.columns) {
    shown.add(column.key)
    const raw = getField(record, column.key)
    const value = column.format === 'count' && hasObjects(raw) ? summary(raw) : formatCell(record, column)
    if (value) rows.push([label(column.header), value])
  }

  const known = new Set(view.fields)
  const keys = Object.keys(record)
  const rest = [
    ...view.fields.filter((k) => Object.hasOwn(record, k)),
    ...keys.filter((k) => !known.has(k) && k.startsWith('custom.')),
    ...keys.filter((k) => !known.has(k) && !k.startsWith('custom.')),
  ]
  for (const key of rest) {
    const value = record[key]
    if (shown.has(key) || HIDDEN.has(key) || isEmpty(value) || isEcho(key, value, record, shown)) continue
    shown.add(key)
    rows.push([
      key.startsWith('custom.') ? (view.labels?.[key] ?? key) : label(key),
      hasObjects(value) ? summary(value) : formatField(record, key),
    ])
  }

  return rows
}

/** A field that repeats one already shown: `name` = `display_name`, `status_id` beside `status_label`, `contact_ids` beside `contacts`. */
function isEcho(key: string, value: unknown, record: CloseRecord, shown: Set<string>): boolean {
  const twin = twinFields[key]
  if (twin && !isEmpty(record[twin])) return true
  if (key === 'name') return shown.has('display_name') && value === record.display_name
  if (key.endsWith('_ids')) return shown.has(`${key.slice(0, -4)}s`)
  if (key.endsWith('_id')) return shown.has(`${key.slice(0, -3)}_label`)
  return false
}

function hasObjects(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')
}

/** A list of objects in the record view: `2: Tom Okafor, Lena Fischer` (at most 3 names). */
function summary(value: unknown[]): string {
  return value.length === 0 ? '0' : `${value.length}: ${formatList(value, 3)}`
}

function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-US').format(n)
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && Object.keys(value).length === 0
}

const ACRONYMS = new Set(['html', 'id', 'ids', 'url', 'urls'])

/** `PRIMARY EMAIL` / `date_created` / `html_url` → `Primary email` / `Date created` / `HTML URL`. */
function label(name: string): string {
  const words = name
    .replaceAll('_', ' ')
    .toLowerCase()
    .split(' ')
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w))
    .join(' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
