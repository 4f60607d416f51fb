/**
 * Bodies for Close's Advanced Filtering API, `POST /data/search/` (reference close-api.md §5b):
 * query nodes, `_fields` per object type, `_limit` (at most 200 per page), reply
 * `{data: [{__object_type, id, …fields}], cursor}`.
 */
export const SEARCH_PATH = '/data/search/'
export const SEARCH_MAX_LIMIT = 200

/** The leads with these IDs, only their `id` and `display_name`: one page for up to 200 IDs. */
export function leadNamesSearch(ids: string[]): object {
  return {
    _fields: {lead: ['id', 'display_name']},
    _limit: Math.min(ids.length, SEARCH_MAX_LIMIT),
    query: {
      queries: [
        {object_type: 'lead', type: 'object_type'},
        {queries: ids.map((value) => ({type: 'id', value})), type: 'or'},
      ],
      type: 'and',
    },
  }
}

/** `id → display_name` of a search reply's leads (anything else in it is ignored). */
export function leadNamesOf(reply: unknown): Map<string, string> {
  const names = new Map<string, string>()
  const data = (reply as undefined | {data?: unknown})?.data
  if (!Array.isArray(data)) return names
  for (const item of data as Array<Record<string, unknown>>) {
    if (typeof item?.id === 'string' && typeof item.display_name === 'string' && item.display_name !== '')
      names.set(item.id, item.display_name)
  }

  return names
}
