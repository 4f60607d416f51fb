/**
 * Action key → action ID, resolved once per connection and cached in the settings (design §7), so
 * that in steady state a command spawns exactly one Membrane process per page.
 */
import type {MembraneClient} from '../membrane/client.js'
import type {CachedAction, Settings} from '../session/settings.js'

export class ActionDirectory {
  constructor(
    private readonly membrane: MembraneClient,
    private readonly settings: Settings,
    private readonly connectionId: string,
  ) {}

  /** Forget a cached action (Membrane said it is gone); the next resolve asks again. */
  async forget(key: string): Promise<void> {
    await this.settings.update((data) => {
      delete data.actions?.[this.connectionId]?.[key]
    })
  }

  /** The action serving `key` on this connection, or null when the connection has none. */
  async resolve(key: string): Promise<CachedAction | null> {
    const cached = this.settings.read().actions?.[this.connectionId]?.[key]
    if (cached !== undefined) return cached
    const found = (await this.membrane.listActions(this.connectionId, key)).find((action) => action.key === key)
    const entry: CachedAction | null = found ? {id: found.id, inputSchema: found.inputSchema} : null
    await this.settings.update((data) => {
      data.actions ??= {}
      data.actions[this.connectionId] ??= {}
      data.actions[this.connectionId][key] = entry
    })
    return entry
  }
}
