// eslint-disable-next-line unicorn/import-style -- chalk 5 names its instance type
import type {ChalkInstance} from 'chalk'

import type {Progress} from './progress.js'

export const outputFormats = ['table', 'json', 'ndjson', 'csv', 'tsv'] as const
export type OutputFormat = (typeof outputFormats)[number]

/** Where output goes and how the terminal looks; built once per command from flags and env. */
export interface OutputContext {
  /** Paints stdout text; its level is 0 whenever `color` is false, so painting is then a no-op. */
  chalk: ChalkInstance
  /** Colour allowed: TTY, no NO_COLOR, no --no-color (FORCE_COLOR forces it on, FORCE_COLOR=0 off). */
  color: boolean
  /** `--fields`, already validated. */
  fields?: string[]
  /** The chosen format: explicit -o/--json, else table on a TTY, else tsv. */
  format: OutputFormat
  /**
   * Names for IDs a table shows as names (`nameOf` columns, e.g. a contact's `lead_id`): given the ID
   * field and the IDs of one page, the names found. Optional: without it the IDs are shown.
   */
  names?: (idKey: string, ids: string[]) => Map<string, string> | Promise<Map<string, string>>
  /** The run's progress line (a running count while paging); cleared before each stdout write. */
  progress?: Pick<Progress, 'clear' | 'start' | 'stop' | 'update'>
  /** stderr sink (footers, notices). */
  stderr: (text: string) => void
  /** Paints stderr text; level 0 whenever `stderrColor` is false. */
  stderrChalk: ChalkInstance
  /** Colour allowed on stderr (same rules as `color`, judged on stderr). */
  stderrColor: boolean
  /** stdout sink; must accept many small writes (streaming). Returns a promise that settles when drained. */
  stdout: (text: string) => Promise<void> | void
  /**
   * Aborted when the reader of stdout went away (EPIPE, e.g. `| head`): writes become no-ops and
   * lists stop fetching pages. Not an error: the command should end quietly with exit 0.
   */
  stdoutClosed?: AbortSignal
  /** stdout is a terminal (tables, pretty JSON). */
  stdoutIsTTY: boolean
  /** Terminal width in cells (tables truncate to it); default 100 when unknown. */
  width: number
}

export type {RecordView} from '../close/view.js'

export interface ListSummary {
  /** Records written. */
  count: number
  /** More records exist than were written (the list was cut by --limit). */
  more: boolean
  /** Total count when Close told us (total_results). */
  total?: number
}
