import type {Column} from '../close/resources.js'

export const outputFormats = ['table', 'json', 'ndjson', 'csv', 'tsv'] as const
export type OutputFormat = (typeof outputFormats)[number]

/** Where output goes and how the terminal looks; built once per command from flags and env. */
export interface OutputContext {
  /** Colour allowed: TTY, no NO_COLOR, no --no-color (FORCE_COLOR forces it on, FORCE_COLOR=0 off). */
  color: boolean
  /** The chosen format: explicit -o/--json, else table on a TTY, else tsv. */
  format: OutputFormat
  /** `--fields`, already validated. */
  fields?: string[]
  /** stderr sink (footers, notices). */
  stderr: (text: string) => void
  /** stdout sink; must accept many small writes (streaming). Returns a promise that settles when drained. */
  stdout: (text: string) => Promise<void> | void
  /** stdout is a terminal (tables, pretty JSON). */
  stdoutIsTTY: boolean
  /** Terminal width in cells (tables truncate to it); default 100 when unknown. */
  width: number
}

/** What a table needs to know about the records it shows. */
export interface RecordView {
  columns: Column[]
  /** Known fields, for listing valid `--fields`. */
  fields: string[]
  noun: string
  plural: string
}

export interface ListSummary {
  /** Records written. */
  count: number
  /** More records exist than were written (the list was cut by --limit). */
  more: boolean
  /** Total count when Close told us (total_results). */
  total?: number
}
