/**
 * Action key → action ID, resolved once per connection and cached (design §7, through the cache
 * port of ./cache.ts), so that in steady state a command spawns exactly one Membrane process per page.
 */
import type {MembraneClient} from '../membrane/client.js'
import type {CachedAction, CacheStore} from './cache.js'

export class ActionDirectory {
  constructor(
    private readonly membrane: MembraneClient,
    private readonly cache: CacheStore,
    readonly connectionId: string,
  ) {}

  /** Forget a cached action (Membrane said it is gone); the next resolve asks again. */
  async forget(key: string): Promise<void> {
    await this.cache.setAction(this.connectionId, key, undefined)
  }

  /** The action serving `key` on this connection, or null when the connection has none. */
  async resolve(key: string): Promise<CachedAction | null> {
    const cached = this.cache.action(this.connectionId, key)
    if (cached !== undefined) return cached
    const found = (await this.membrane.listActions(this.connectionId, key)).find((action) => action.key === key)
    const entry: CachedAction | null = found ? {id: found.id, inputSchema: found.inputSchema} : null
    await this.cache.setAction(this.connectionId, key, entry)
    return entry
  }
}
