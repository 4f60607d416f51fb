/**
 * Smart Views (Close saved searches): the list, and one view by ID, name or a unique prefix of its
 * name. Several matches follow the reference rule (design §5): a picker on a terminal, else exit 2
 * listing the candidates; none → exit 5.
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {allRecords} from '../close/api.js'
import {savedSearches} from '../close/custom-fields.js'
import {quote} from '../close/refs.js'
import {NotFoundError, UsageError} from '../errors.js'
import {pickPorts} from './lead-ref.js'
import {AmbiguousReferenceError, type Candidate} from './references.js'

/** The organization's lead Smart Views. */
export async function listViews(deps: ServiceDeps): Promise<CloseObject[]> {
  const {api} = await deps.connect()
  return allRecords(api.list(savedSearches, {type: 'lead'}))
}

function name(view: CloseObject): string {
  return String(view.name ?? '').toLowerCase()
}

/** The views `text` names: its ID, a name equal to it (any case), else those whose name starts with it. */
export function matchViews(views: CloseObject[], text: string): CloseObject[] {
  const wanted = text.trim().toLowerCase()
  const byId = views.filter((view) => String(view.id).toLowerCase() === wanted)
  if (byId.length > 0) return byId
  const exact = views.filter((view) => name(view) === wanted)
  return exact.length > 0 ? exact : views.filter((view) => name(view).startsWith(wanted))
}

/** One Smart View by ID, name or unique prefix (`flag` is named in errors). */
export async function resolveView(deps: ServiceDeps, text: string, flag = '--view'): Promise<CloseObject> {
  if (text.trim() === '') {
    throw new UsageError(`${flag} is empty.`, {
      code: 'missing_input',
      hint: 'Give a Smart View name; `close views list` lists them.',
    })
  }

  const views = await listViews(deps)
  const matching = matchViews(views, text)
  if (matching.length === 1) return matching[0]
  if (matching.length === 0) {
    throw new NotFoundError(`No Smart View matches "${text}" (${flag}).`, {
      code: 'no_match',
      hint: `Smart Views: ${views.map((view) => String(view.name)).join(', ') || 'none'}.`,
    })
  }

  const candidates: Candidate[] = matching.map((view) => ({id: String(view.id), name: String(view.name)}))
  const ports = pickPorts(deps)
  if (ports.interactive) {
    const chosen = await ports.pick(candidates, {flag, text, what: 'Smart View'})
    return matching.find((view) => view.id === chosen.id) ?? matching[0]
  }

  const list = candidates.map((c) => `  ${c.id}  ${c.name}`).join('\n')
  throw new AmbiguousReferenceError(
    `${matching.length} Smart Views match "${text}" (${flag}):\n${list}`,
    candidates,
    `Give more of the name, or the ID: ${flag} ${candidates[0].id}.`,
  )
}

/** The lead search a Smart View runs: its saved query, else `in:"<id>"`. */
export function viewQuery(view: CloseObject): string {
  return typeof view.query === 'string' && view.query.trim() !== '' ? view.query.trim() : `in:${quote(String(view.id))}`
}
