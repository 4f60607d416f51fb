import type {Column} from './resources.js'

/** What a table or record page needs to know about the records it shows. */
export interface RecordView {
  columns: Column[]
  /** Known fields, for listing valid `--fields`. */
  fields: string[]
  /** Display names by record key (`custom.cf_…` → `Industry`), for record pages and table headers. */
  labels?: Record<string, string>
  noun: string
  plural: string
}
