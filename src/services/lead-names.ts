/**
 * The names a table's LEAD column shows where Close gives only `lead_id` (contacts, notes): one
 * `POST /data/search/` per page of up to 200 leads not seen yet in this run, asked only when a
 * table is drawn (JSON, CSV and TSV keep Close's `lead_id`). When the search fails, the column
 * shows the IDs, which is what it showed before; an interrupt still stops the run.
 */
import type {ServiceDeps} from './deps.js'

import {leadNamesOf, leadNamesSearch, SEARCH_MAX_LIMIT, SEARCH_PATH} from '../close/search.js'
import {InterruptedError} from '../errors.js'

export type NameHook = (idKey: string, ids: string[]) => Promise<Map<string, string>>

/** A renderer name hook (output/types.ts `names`) for `lead_id`, remembering what it found. */
export function leadNameHook(deps: Pick<ServiceDeps, 'connect'>): NameHook {
  const known = new Map<string, string>()
  return async (idKey, ids) => {
    if (idKey !== 'lead_id') return new Map()
    const missing = ids.filter((id) => id.startsWith('lead_') && !known.has(id))
    try {
      const {api} = await deps.connect()
      for (let i = 0; i < missing.length; i += SEARCH_MAX_LIMIT) {
        const page = missing.slice(i, i + SEARCH_MAX_LIMIT)
        for (const [id, name] of leadNamesOf(await api.proxy('POST', SEARCH_PATH, [], leadNamesSearch(page))))
          known.set(id, name)
      }
    } catch (error) {
      if (error instanceof InterruptedError) throw error
    }

    return new Map(ids.flatMap((id) => (known.has(id) ? [[id, known.get(id)!] as const] : [])))
  }
}
