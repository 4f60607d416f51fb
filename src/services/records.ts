/**
 * What every record command shares: Close's field errors explained in terms of the flags that fix
 * them, and the delete flow (confirm on a terminal, `--yes` off one, name what was deleted).
 */
import type {CloseApi} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ResourceDef} from '../close/resources.js'

import {assertId} from '../close/ids.js'
import {CliError, RemoteError, UsageError} from '../errors.js'
import {confirmDestructive} from '../input/ask.js'

/** The flag that sets Close field `field` (`status`, `addresses.0.country`, `custom.cf_x`…). */
export function flagForField(field: string, fieldFlags: Record<string, string>): string | undefined {
  if (fieldFlags[field]) return fieldFlags[field]
  const custom = /^custom\.((?:cf|lcf)_[A-Za-z0-9]+)/.exec(field)
  if (custom) return `--custom ${custom[1]}=…`
  const parts = field.split(/[.[\]]+/).filter((part) => part && !/^\d+$/.test(part))
  if (parts.length === 0) return undefined
  const nested = parts.length > 1 ? fieldFlags[`${parts[0]}.${parts.at(-1)}`] : undefined
  return nested ?? fieldFlags[parts[0]] ?? fieldFlags[parts.at(-1)!]
}

/**
 * Close's field errors (a `close_validation` error from the gateway) → the same exit 3 error, its
 * message naming each field with the flag that fixes it. Any other error passes unchanged.
 */
export function explainFieldErrors(error: unknown, fieldFlags: Record<string, string>, noun: string): unknown {
  if (!(error instanceof CliError) || error.code !== 'close_validation') return error
  const fieldErrors = error.details?.fieldErrors
  const errors = Array.isArray(error.details?.errors) ? (error.details.errors as unknown[]).map(String) : []
  if (!fieldErrors || typeof fieldErrors !== 'object' || Object.keys(fieldErrors).length === 0) return error
  const flags: string[] = []
  const parts = Object.entries(fieldErrors as Record<string, unknown>).map(([field, message]) => {
    const flag = flagForField(field, fieldFlags)
    if (flag && !flags.includes(flag)) flags.push(flag)
    const text = (typeof message === 'string' ? message : JSON.stringify(message)).trim().replace(/\.$/, '')
    return `${field}: ${text}${flag ? ` (${flag})` : ''}`
  })
  for (const message of errors) if (message.trim()) parts.push(message.trim().replace(/\.$/, ''))
  return new RemoteError(`Close rejected the ${noun}: ${parts.join('; ')}.`, {
    code: 'close_validation',
    details: error.details,
    hint: flags.length > 0 ? `Fix ${flags.join(', ')} and try again.` : error.hint,
  })
}

/** Run a Close write, explaining its field errors in terms of flags. */
export async function withFieldErrors<T>(
  call: () => Promise<T>,
  fieldFlags: Record<string, string>,
  noun: string,
): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw explainFieldErrors(error, fieldFlags, noun)
  }
}

export interface DeleteResult {
  deleted: boolean
  id: string
  /** The record's display name, when it was read before deleting. */
  name?: string
}

export interface DeleteOptions {
  /** Replaces the confirmation question (tests). */
  confirm?: typeof confirmDestructive
  interactive: boolean
  yes: boolean
}

/**
 * Delete one record: off a terminal without `--yes` exit 2 before anything runs; read the record
 * (an unknown ID exits 5) so the question and the result can name it; on a terminal ask (default
 * no); then DELETE through the proxy (Close has no delete actions).
 */
export async function deleteRecord(
  connect: () => Promise<Pick<CloseApi, 'delete' | 'get'>>,
  resource: ResourceDef,
  id: string,
  options: DeleteOptions,
): Promise<DeleteResult> {
  const confirm = options.confirm ?? confirmDestructive
  assertId(resource, id)
  if (!options.yes && !options.interactive) await confirm('', false, false) // throws: needs --yes
  const api = await connect()
  const record = await api.get(resource, id)
  const name = displayName(record)
  const what = `${resource.noun} ${name ? `"${name}" ` : ''}(${id})`
  if (!options.yes && !(await confirm(`Delete ${what}? This cannot be undone.`, false, options.interactive))) {
    return {deleted: false, id, ...(name ? {name} : {})}
  }

  await api.delete(resource, id)
  return {deleted: true, id, ...(name ? {name} : {})}
}

/** The line a person reads after a delete. */
export function deleteMessage(resource: ResourceDef, result: DeleteResult): string {
  const what = `${resource.noun} ${result.name ? `"${result.name}" ` : ''}(${result.id})`
  return result.deleted ? `Deleted ${what}.` : `Kept ${what}; nothing was deleted.`
}

function displayName(record: CloseObject): string | undefined {
  for (const key of ['display_name', 'name']) {
    const value = record[key]
    if (typeof value === 'string' && value.trim()) return value.trim()
  }

  return undefined
}

/**
 * The Close router for a delete, whose `get` gives the record a `display_name` made by `describe`
 * (opportunities, tasks and notes have none), so that `deleteRecord`'s question and message name it.
 */
export function describedForDelete(
  api: Pick<CloseApi, 'delete' | 'get'>,
  describe: (record: CloseObject) => string,
): Pick<CloseApi, 'delete' | 'get'> {
  return {
    delete: (resource, id) => api.delete(resource, id),
    async get(resource, id, params) {
      const record = await api.get(resource, id, params)
      return {...record, display_name: describe(record)}
    },
  }
}

/** `update` with nothing to change is exit 2 naming the flags that change something. */
export function requireChanges(changes: CloseObject, flagNames: string[]): void {
  if (Object.keys(changes).length > 0) return
  const flags = flagNames.map((name) => `--${name}`)
  throw new UsageError('Nothing to update: give at least one field to change.', {
    code: 'missing_input',
    hint: `Pass one or more of ${flags.join(', ')}.`,
  })
}
