/**
 * Small pieces the opportunity, task, note and activity services share: references (leads and
 * users through services/lead-ref.ts, records by ID or URL), the lead question (the search picker),
 * opportunity statuses, lists, pickers, and refreshing stale lookups after Close rejects a value.
 */
import type {ListSource, Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {Candidate, RefObject} from '../close/refs.js'
import type {ResourceDef} from '../close/resources.js'
import type {Io} from '../output/io.js'
import type {ServiceDeps} from './deps.js'

import {allRecords} from '../close/api.js'
import {leadRef, searchLeadRecords, userRef} from './lead-ref.js'
import {chooseRecord, recordIdFrom} from './references.js'

/** A user reference (me, `user_…`, an email, a name) → its ID; an ID costs no call. */
export async function userIdOf(deps: ServiceDeps, text: string, flag: string): Promise<string> {
  return (await userRef(deps, text, {flag})).id
}

/** A lead reference (design §5) → its ID. */
export async function leadIdOf(deps: ServiceDeps, text: string, flag = '--lead'): Promise<string> {
  return (await leadRef(deps, text, {flag})).id
}

/** The lead question on a terminal: the search picker (type a company, a person, an email …). */
export async function askLead(deps: ServiceDeps, message = 'Lead (type to search):'): Promise<string> {
  const {pickLead} = await import('../prompts/pickers.js')
  const searchLeads = async (query: string, limit: number) => searchLeadRecords(deps, query, limit)
  return (await pickLead(deps.prompts, message, {searchLeads})).id
}

const PREFIX: Partial<Record<RefObject, string>> = {activity: 'acti', opportunity: 'oppo', task: 'task'}

/**
 * An opportunity or task by ID or pasted Close URL (no call). A lead page URL with the record open
 * (`/lead/lead_…/opportunity/oppo_…/`) names the record, not the lead.
 */
export function recordIdOf(text: string, object: RefObject, flag = 'ID'): string {
  const prefix = PREFIX[object]
  if (prefix && /^(https?:\/\/)?[\w.]*close\.(com|io)\//i.test(text.trim())) {
    const segment = text.split(/[/?#]/).find((part) => part.startsWith(`${prefix}_`))
    if (segment) return recordIdFrom(segment, object, flag)
  }

  return recordIdFrom(text, object, flag)
}

/** A record by ID or pasted Close URL; none given → a picker of `candidates` on a terminal, exit 2 off one. */
export async function recordId(
  deps: ServiceDeps,
  given: string | undefined,
  object: RefObject,
  candidates: () => Promise<Candidate[]>,
): Promise<string> {
  if (given !== undefined) return recordIdOf(given, object)
  const ports = {interactive: deps.interactive, notify() {}, pick: pickPort(deps)}
  if (!deps.interactive) return (await chooseRecord([], ports, {flag: 'ID', what: object})).id // throws: exit 2
  return (await chooseRecord(await candidates(), ports, {flag: 'ID', what: object})).id
}

function pickPort(deps: ServiceDeps) {
  return async (candidates: Candidate[], context: {text: string; what: string}) => {
    const {candidatePicker} = await import('../prompts/pickers.js')
    return candidatePicker(deps.prompts)(candidates, context)
  }
}

/** A Close list of `resource` (streamed page by page). */
export async function listOf(
  deps: ServiceDeps,
  resource: ResourceDef,
  params: Params,
  limit?: number,
): Promise<ListSource> {
  return (await deps.connect()).api.list(resource, params, limit)
}

/** The first `limit` records of a list, as an array. */
export async function firstRecords(
  deps: ServiceDeps,
  resource: ResourceDef,
  params: Params,
  limit = 50,
): Promise<CloseObject[]> {
  return allRecords(await listOf(deps, resource, params, limit))
}

/** An opportunity status label (any case) or `stat_…` ID → its ID; unknown → exit 2 listing the labels. */
export async function statusIdOf(deps: ServiceDeps, labelOrId: string, flag = '--status'): Promise<string> {
  return (await (await deps.connect()).lookups.resolveOpportunityStatus(labelOrId.trim(), flag)).id
}

/** Close field name → the flag (or argument) that sets it. */
export type FieldFlags = Record<string, string>

/**
 * Run a Close write; when Close rejects a status or a user (perhaps taken from the day-old lookup
 * cache), forget the cache so the next run fetches fresh values.
 */
export async function refreshingLookups<T>(deps: ServiceDeps, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    await forgetStaleLookups(error, async () => (await deps.connect()).lookups.forget())
    throw error
  }
}

export async function forgetStaleLookups(error: unknown, forget: () => Promise<void>): Promise<void> {
  const fields = (error as undefined | {details?: {fieldErrors?: unknown}})?.details?.fieldErrors
  if (typeof fields !== 'object' || fields === null) return
  if (Object.keys(fields).some((field) => /^(status|user|assigned_to)(_id)?$/.test(field))) await forget()
}

/** Whether the run's output is JSON or NDJSON (the Io's format: `--json`, `-o json`, `-o ndjson`). */
export function wantsJson(io: Pick<Io, 'format'>): boolean {
  return io.format === 'json' || io.format === 'ndjson'
}
