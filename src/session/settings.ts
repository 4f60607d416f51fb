/**
 * The CLI's own state: the chosen connection (one for real Membrane, one for the sandbox), the
 * per-connection action-ID cache (design §7) and user preferences. Never a secret.
 *
 * Reads are a plain JSON read (the hot path of every command); writes go through `conf`, which
 * writes atomically with mode 0600 (design §10) and is imported only when something changes.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import type {JsonSchema} from '../membrane/types.js'

import {UsageError} from '../errors.js'

export interface SavedConnection {
  id: string
  name?: string
}

/** What is known about one action key on one connection; `null` = the connection has no such action. */
export interface CachedAction {
  id: string
  inputSchema?: JsonSchema
}

export interface CachedLookup {
  at: string
  value: unknown
}

export interface SettingsData {
  /** Action key → action, per connection ID. */
  actions?: Record<string, Record<string, CachedAction | null>>
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

export class Settings {
  private cache?: SettingsData

  constructor(readonly dir: string) {}

  get path(): string {
    return join(this.dir, CONFIG_FILE)
  }

  /** The current settings; `{}` when there is no file yet. A corrupt file is an error, never discarded. */
  read(): SettingsData {
    if (this.cache) return this.cache
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.cache = {}
      return this.cache
    }

    try {
      const data = JSON.parse(text) as unknown
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a JSON object')
      this.cache = data as SettingsData
      return this.cache
    } catch (error) {
      throw new UsageError(`The config file ${this.path} is not valid JSON (${(error as Error).message}).`, {
        code: 'config_corrupt',
        hint: 'Fix or remove that file by hand; `close config path` prints where it is. Nothing was changed.',
      })
    }
  }

  /** Apply a change and write the whole file atomically (mode 0600). */
  async update(change: (data: SettingsData) => void): Promise<SettingsData> {
    const data = structuredClone(this.read())
    change(data)
    const {default: Conf} = await import('conf')
    const store = new Conf<SettingsData>({
      clearInvalidConfig: false,
      configFileMode: 0o600,
      configName: 'config',
      cwd: this.dir,
      projectName: 'close',
    })
    store.store = data
    this.cache = data
    return data
  }
}
