/**
 * The CLI's own state: the chosen connection (one for real Membrane, one for the sandbox), the
 * per-connection action-ID cache (design §7) and user preferences. Never a secret.
 *
 * Shared by every `close` process at once, through ./config-store.ts: `read()` is fresh each time
 * (no in-memory copy ever wins over the file) and `update()` is a locked read-modify-write of the
 * current file that changes only the keys the change touches, written atomically with mode 0600
 * (design §10). A corrupt, unreadable or wrongly typed file is exit 2 naming it; never discarded.
 */
import {join} from 'node:path'

import type {CachedAction, CachedLookup} from '../close/cache.js'
import type {ConfigStoreOptions, JsonObject} from './config-store.js'

import {ConfigStore} from './config-store.js'

export interface SavedConnection {
  id: string
  name?: string
}

export interface SettingsData {
  /** Action key → action, per connection ID. */
  actions?: Record<string, Record<string, CachedAction | null>>
  /** The Close base path (`''` or `/api/v1`) Membrane's proxy needs, per connection ID (beside the action IDs). */
  basePaths?: Record<string, string>
  /** The connection used with the real Membrane CLI. */
  connection?: SavedConnection
  /** Organization lookups (me, statuses, users) cached per connection ID, each with when it was fetched. */
  lookups?: Record<string, Record<string, CachedLookup>>
  /** User preferences set with `close config set`. */
  prefs?: Record<string, string>
  /** The connection used with `--sandbox`. */
  sandboxConnection?: SavedConnection
}

export const CONFIG_FILE = 'config.json'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function checkConnection(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined
  if (!isObject(value) || typeof value.id !== 'string') return `"${key}" must be an object with a string "id"`
  if (value.name !== undefined && typeof value.name !== 'string') return `"${key}.name" must be a string`
}

function checkMap(
  value: unknown,
  key: string,
  entry: (item: unknown, path: string) => string | undefined,
): string | undefined {
  if (value === undefined) return undefined
  if (!isObject(value)) return `"${key}" must be an object`
  for (const [name, item] of Object.entries(value)) {
    const problem = entry(item, `${key}.${name}`)
    if (problem) return problem
  }
}

const checkAction = (item: unknown, path: string): string | undefined =>
  item === null || (isObject(item) && typeof item.id === 'string')
    ? undefined
    : `"${path}" must be null or an object with a string "id"`

const checkLookup = (item: unknown, path: string): string | undefined =>
  isObject(item) && typeof item.at === 'string' ? undefined : `"${path}" must be an object with a string "at"`

/** The first thing wrong with the shape of a settings file, in words; undefined when it is fine. Unknown keys are kept. */
export function checkSettings(data: JsonObject): string | undefined {
  return (
    checkConnection(data.connection, 'connection') ??
    checkConnection(data.sandboxConnection, 'sandboxConnection') ??
    checkMap(data.actions, 'actions', (item, path) => checkMap(item, path, checkAction)) ??
    checkMap(data.basePaths, 'basePaths', (item, path) =>
      typeof item === 'string' ? undefined : `"${path}" must be a string`,
    ) ??
    checkMap(data.lookups, 'lookups', (item, path) => checkMap(item, path, checkLookup)) ??
    checkMap(data.prefs, 'prefs', (item, path) => (typeof item === 'string' ? undefined : `"${path}" must be a string`))
  )
}

export class Settings {
  private readonly store: ConfigStore

  /** `options` (lock timing, clock, fs faults) are for tests. */
  constructor(
    readonly dir: string,
    options: Omit<ConfigStoreOptions, 'check'> = {},
  ) {
    this.store = new ConfigStore(join(dir, CONFIG_FILE), {...options, check: checkSettings})
  }

  /** The lock file next to the config while a write is in progress. */
  get lockPath(): string {
    return this.store.lockFile
  }

  get path(): string {
    return this.store.file
  }

  /** The settings as they are in the file now; `{}` when there is no file yet. */
  read(): SettingsData {
    return this.store.read() as SettingsData
  }

  /**
   * Apply `change` to the current file under the lock and return what `change` returns, so a
   * decision that depends on the stored value (what was there before, whether to change it) is
   * made on the locked, current data. `change` must only edit the object it is given.
   */
  async transact<R>(change: (data: SettingsData) => R): Promise<R> {
    return (await this.store.transact((data) => change(data as SettingsData))).result
  }

  /** Apply a change to the current file under the lock (only the keys it touches change); returns the data as written. */
  async update(change: (data: SettingsData) => void): Promise<SettingsData> {
    return (await this.store.update((data) => change(data as SettingsData))) as SettingsData
  }
}
