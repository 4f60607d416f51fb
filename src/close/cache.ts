/**
 * The port through which close/ keeps its per-connection caches (action IDs, organization
 * lookups). close/ defines it and never knows where the data lives; session/cache-store.ts
 * implements it over the config store, tests with a Map.
 */
import type {JsonSchema} from '../membrane/types.js'

/** What is known about one action key on one connection; `null` = the connection has no such action. */
export interface CachedAction {
  id: string
  inputSchema?: JsonSchema
}

/** A cached lookup value with when it was fetched (ISO time). */
export interface CachedLookup {
  at: string
  value: unknown
}

export interface CacheStore {
  /** The cached action for `key` on a connection: an action, null (none there) or undefined (not known yet). */
  action(connectionId: string, key: string): CachedAction | null | undefined
  /** Forget every cached lookup of a connection. */
  forgetLookups(connectionId: string): Promise<void>
  lookup(connectionId: string, name: string): CachedLookup | undefined
  /** Cache an action (or null); `undefined` forgets it. */
  setAction(connectionId: string, key: string, entry: CachedAction | null | undefined): Promise<void>
  setLookup(connectionId: string, name: string, entry: CachedLookup): Promise<void>
}
