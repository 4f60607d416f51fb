/**
 * One table per resource describes the flags that set its fields (src/flags/<resource>.ts).
 * Everything else is derived from it, so a flag is added in exactly one place:
 *
 *   tableFlags(table, verb)   the oclif flags of `create` / `update` (wording per verb)
 *   changeFlags(table)        the flags that change something, in table order (for "nothing to update")
 *   fieldFlags(table)         Close field (as in field errors) → the flag(s) that set it
 *   hasChanges(table, flags)  whether any of them was given
 */
import {Flags, type Interfaces} from '@oclif/core'

export interface FlagRow {
  char?: Interfaces.AlphabetLowercase
  /** Help text; `update` wording when it differs (the default is `create`). */
  description: string | {create: string; update: string}
  /** Close fields (dotted, list indexes dropped, as field errors name them) this flag sets. */
  fields: readonly string[]
  helpGroup?: string
  /** A whole number in this range (parsed by oclif). */
  integer?: {max: number; min: number}
  /** Repeatable (`--contact a --contact b`). */
  multiple?: boolean
  /** The flag, without dashes. */
  name: string
  /** One of these values (checked by oclif). */
  options?: readonly string[]
}

/** Rows in the order messages list the flags (an array, so that order is data). */
export type FlagTable = readonly FlagRow[]

/** The parsed value of each flag of a table. */
export type TableValues<T extends FlagTable> = {
  [R in T[number] as R['name']]?: Value<R>
}

type Value<R extends FlagRow> = R extends {multiple: true}
  ? string[]
  : R extends {integer: object}
    ? number
    : R extends {options: readonly (infer O)[]}
      ? O
      : string

type TableFlags<T extends FlagTable> = {
  [R in T[number] as R['name']]: Interfaces.OptionFlag<undefined | Value<R>>
}

export function tableFlags<T extends FlagTable>(table: T, verb: 'create' | 'update'): TableFlags<T> {
  const flags: Record<string, unknown> = {}
  for (const row of table) {
    const {name} = row
    const description = typeof row.description === 'string' ? row.description : row.description[verb]
    const common = {char: row.char, description, helpGroup: row.helpGroup}
    flags[name] = row.multiple
      ? Flags.string({...common, multiple: true, multipleNonGreedy: true})
      : row.integer
        ? Flags.integer({...common, ...row.integer})
        : row.options
          ? Flags.option({...common, options: row.options})()
          : Flags.string(common)
  }

  return flags as TableFlags<T>
}

export function changeFlags(table: FlagTable): string[] {
  return table.map((row) => `--${row.name}`)
}

export function fieldFlags(table: FlagTable): Record<string, string> {
  const map: Record<string, string> = {}
  for (const {fields, name} of table) {
    for (const field of fields) map[field] = map[field] ? `${map[field]}/--${name}` : `--${name}`
  }

  return map
}

export function hasChanges<T extends FlagTable>(table: T, values: TableValues<T>): boolean {
  return table.some(({name}) => {
    const value = (values as Record<string, string | string[] | undefined>)[name]
    return Array.isArray(value) ? value.length > 0 : value !== undefined
  })
}
