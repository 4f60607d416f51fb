/** close/'s cache port (close/cache.ts) over the config store: `actions` and `lookups` per connection ID. */
import type {CacheStore} from '../close/cache.js'
import type {BasePathStore} from '../membrane/client.js'
import type {Settings} from './settings.js'

export function settingsCache(settings: Settings): CacheStore {
  return {
    action: (connectionId, key) => settings.read().actions?.[connectionId]?.[key],
    async forgetLookups(connectionId) {
      await settings.update((data) => {
        delete data.lookups?.[connectionId]
      })
    },
    lookup: (connectionId, name) => settings.read().lookups?.[connectionId]?.[name],
    async setAction(connectionId, key, entry) {
      await settings.update((data) => {
        if (entry === undefined) {
          delete data.actions?.[connectionId]?.[key]
          return
        }

        data.actions ??= {}
        data.actions[connectionId] ??= {}
        data.actions[connectionId][key] = entry
      })
    },
    async setLookup(connectionId, name, entry) {
      await settings.update((data) => {
        data.lookups ??= {}
        data.lookups[connectionId] ??= {}
        data.lookups[connectionId][name] = entry
      })
    },
  }
}

/** The client's base-path port (membrane/client.ts) over the config store: `basePaths` per connection ID. */
export function settingsBasePaths(settings: Settings): BasePathStore {
  return {
    get: (connectionId) => settings.read().basePaths?.[connectionId],
    async set(connectionId, base) {
      await settings.update((data) => {
        if (data.basePaths?.[connectionId] === base) return
        data.basePaths ??= {}
        data.basePaths[connectionId] = base
      })
    },
  }
}
