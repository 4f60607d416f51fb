/**
 * The keys `close config` knows: where each lives in the settings file, its default and which
 * values it accepts. None is a secret (Membrane keeps the credentials). To add a preference, add
 * an entry here; `config list/get/set/unset` and the validation pick it up.
 */
import type {Settings, SettingsData} from './settings.js'

import {UsageError} from '../errors.js'

export interface ConfigKey {
  /** The value used when the key is unset. */
  default?: string
  description: string
  get(data: SettingsData): string | undefined
  key: string
  set(data: SettingsData, value: string): void
  unset(data: SettingsData): void
  /** The value as stored, or a UsageError (exit 2) saying what is accepted. */
  validate(value: string): string
  /** Accepted values, when they are a fixed list. */
  values?: readonly string[]
}

const CONNECTION_ID = /^[\w.:-]{1,200}$/

function connectionKey(key: string, field: 'connection' | 'sandboxConnection', description: string): ConfigKey {
  return {
    description,
    get: (data) => data[field]?.id,
    key,
    set(data, value) {
      // A hand-set ID has no known name; the next `connections use`/`login` records it.
      data[field] = {id: value}
    },
    unset(data) {
      delete data[field]
    },
    validate(value) {
      const id = value.trim()
      if (!CONNECTION_ID.test(id)) {
        throw new UsageError(`"${value}" is not a Membrane connection ID.`, {
          code: 'invalid_value',
          hint: 'Copy an ID from `close connections list`.',
        })
      }

      return id
    },
  }
}

function pref(
  key: string,
  description: string,
  defaultValue: string,
  accepts: {validate: (value: string) => string; values?: readonly string[]},
): ConfigKey {
  const {validate, values} = accepts
  return {
    default: defaultValue,
    description,
    get: (data) => data.prefs?.[key],
    key,
    set(data, value) {
      data.prefs = {...data.prefs, [key]: value}
    },
    unset(data) {
      if (!data.prefs) return
      delete data.prefs[key]
      if (Object.keys(data.prefs).length === 0) delete data.prefs
    },
    validate,
    values,
  }
}

function oneOf(key: string, values: readonly string[]): (value: string) => string {
  return (value) => {
    const normalized = value.trim().toLowerCase()
    if (values.includes(normalized)) return normalized
    throw new UsageError(`"${value}" is not a valid value for ${key}.`, {
      code: 'invalid_value',
      hint: `Use one of: ${values.join(', ')}.`,
    })
  }
}

function seconds(key: string, min: number, max: number): (value: string) => string {
  return (value) => {
    const trimmed = value.trim()
    const number = Number(trimmed)
    if (/^\d+$/.test(trimmed) && number >= min && number <= max) return String(number)
    throw new UsageError(`"${value}" is not a valid value for ${key}.`, {
      code: 'invalid_value',
      hint: `Use a whole number of seconds from ${min} to ${max}.`,
    })
  }
}

export const CONFIG_KEYS: readonly ConfigKey[] = [
  connectionKey('connection', 'connection', 'Membrane connection ID used with the real Membrane CLI'),
  connectionKey('sandbox-connection', 'sandboxConnection', 'Membrane connection ID used with --sandbox'),
  pref('browser', 'Whether `close login` offers to open a browser (ask) or only prints the URL (never)', 'ask', {
    validate: oneOf('browser', ['ask', 'never']),
    values: ['ask', 'never'],
  }),
  pref('connect-timeout', 'Seconds to wait for a new or re-authorized connection to become READY', '300', {
    validate: seconds('connect-timeout', 10, 3600),
  }),
]

export const CONFIG_KEY_NAMES = CONFIG_KEYS.map((entry) => entry.key)

/** The entry for `key`, or a UsageError (exit 2) that lists the valid keys. */
export function configKey(key: string): ConfigKey {
  const found = CONFIG_KEYS.find((entry) => entry.key === key.trim().toLowerCase())
  if (found) return found
  throw new UsageError(`Unknown config key "${key}".`, {
    code: 'unknown_key',
    details: {validKeys: CONFIG_KEY_NAMES},
    hint: `Valid keys: ${CONFIG_KEY_NAMES.join(', ')}.`,
  })
}

/** The effective value of a preference: the stored one, else its default. */
export function getPref(settings: {read(): SettingsData}, key: string): string | undefined {
  const entry = configKey(key)
  return entry.get(settings.read()) ?? entry.default
}

/**
 * Store an already validated value for `key` in the current file, under the lock; returns the
 * value it replaces. Only that key changes, whatever other `close` processes do meanwhile.
 */
export async function setConfigValue(
  settings: Pick<Settings, 'transact'>,
  key: string,
  value: string,
): Promise<string | undefined> {
  const entry = configKey(key)
  return settings.transact((data) => {
    const previous = entry.get(data)
    entry.set(data, value)
    return previous
  })
}

/** Remove `key` from the current file, under the lock; returns the value removed (undefined: it was not set, nothing written). */
export async function unsetConfigValue(settings: Pick<Settings, 'transact'>, key: string): Promise<string | undefined> {
  const entry = configKey(key)
  return settings.transact((data) => {
    const previous = entry.get(data)
    if (previous !== undefined) entry.unset(data)
    return previous
  })
}
