import type {Column} from './resources.js'

/** What a table or record page needs to know about the records it shows. */
export interface RecordView {
  columns: Column[]
  /** Known fields, for listing valid `--fields`. */
  fields: string[]
  noun: string
  plural: string
}
