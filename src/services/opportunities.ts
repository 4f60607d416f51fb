/**
 * Opportunities: flags → Close list filters and create/update bodies (reference/close-api.md §2–§3).
 * The body builders are pure apart from the injected resolver, which turns labels, `me`, emails
 * and names into IDs; `createOpportunity`/`updateOpportunity` are the use cases of the commands.
 */
import type {Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {assertId} from '../close/ids.js'
import {leads, opportunities} from '../close/resources.js'
import {OPPORTUNITY_FIELD_FLAGS, opportunityFlags, valuePeriods} from '../flags/opportunities.js'
import {parseDate, parseIntegerInRange, parseMoney} from '../input/values.js'
import {requireChanges, withFieldErrors} from './records.js'
import {
  failIfMissing,
  forgetStaleLookups,
  lazyResolver,
  resolveOpportunityStatusId,
  type Resolver,
  resolveUserId,
  statusChoices,
  userChoices,
} from './support.js'

export {OPPORTUNITY_FIELD_FLAGS, valuePeriods} from '../flags/opportunities.js'

export type ValuePeriod = (typeof valuePeriods)[number]
export const statusTypes = ['active', 'won', 'lost'] as const
export type StatusType = (typeof statusTypes)[number]

export interface OpportunityFilters {
  createdAfter?: string
  createdBefore?: string
  lead?: string
  status?: string
  statusType?: StatusType
  user?: string
  wonAfter?: string
  wonBefore?: string
}

/** What `opps create` and `opps update` take, as typed (strings are parsed here). */
export interface OpportunityInput {
  confidence?: number | string
  lead?: string
  note?: string
  period?: ValuePeriod
  status?: string
  user?: string
  value?: string
}

/** `opps list` flags → Close's `/opportunity/` filters. */
export async function opportunityListParams(
  filters: OpportunityFilters,
  resolver: Resolver,
  now: Date = new Date(),
): Promise<Params> {
  const params: Params = {}
  if (filters.lead !== undefined) params.lead_id = assertId(leads, filters.lead.trim(), '--lead')
  if (filters.user !== undefined) params.user_id = await resolveUserId(filters.user, resolver, '--user')
  if (filters.status !== undefined) {
    params.status_id = await resolveOpportunityStatusId(filters.status, resolver, '--status')
  }

  if (filters.statusType !== undefined) params.status_type = filters.statusType
  if (filters.createdAfter !== undefined) {
    params.date_created__gte = parseDate(filters.createdAfter, '--created-after', now)
  }

  if (filters.createdBefore !== undefined) {
    params.date_created__lte = parseDate(filters.createdBefore, '--created-before', now)
  }

  if (filters.wonAfter !== undefined) params.date_won__gte = dateOnly(filters.wonAfter, '--won-after', now)
  if (filters.wonBefore !== undefined) params.date_won__lte = dateOnly(filters.wonBefore, '--won-before', now)
  return params
}

/**
 * The body for `opps create` / `opps update`: only the fields given. `--value` is in currency units
 * and goes to Close in cents; `--status` is a label (or `stat_…` ID) and goes as `status_id`.
 */
export async function opportunityBody(input: OpportunityInput, resolver: Resolver): Promise<CloseObject> {
  const body: CloseObject = {}
  if (input.lead !== undefined) body.lead_id = assertId(leads, input.lead.trim(), '--lead')
  if (input.value !== undefined) body.value = parseMoney(input.value, '--value')
  if (input.period !== undefined) body.value_period = input.period
  if (input.confidence !== undefined) {
    body.confidence = parseIntegerInRange(String(input.confidence), '--confidence', 0, 100)
  }

  if (input.status !== undefined) body.status_id = await resolveOpportunityStatusId(input.status, resolver, '--status')
  if (input.user !== undefined) body.user_id = await resolveUserId(input.user, resolver, '--user')
  if (input.note !== undefined) body.note = input.note
  return body
}

/** `date_won` is a date: an ISO date-time given to --won-after/--won-before keeps only its day. */
function dateOnly(text: string, flag: string, now: Date): string {
  return parseDate(text, flag, now).slice(0, 10)
}

/**
 * `opps create`: --lead, --value and --status are required. What was given is checked before
 * anything is spawned or asked; off a terminal a missing flag exits 2 naming all of them; on a
 * terminal each is asked for (period, status and owner as pickers).
 */
export async function createOpportunity(deps: ServiceDeps, input: OpportunityInput): Promise<CloseObject> {
  if (input.lead !== undefined) assertId(leads, input.lead, '--lead')
  if (input.value !== undefined) parseMoney(input.value, '--value')
  const missing = (['lead', 'value', 'status'] as const).filter((key) => input[key] === undefined)
  failIfMissing(
    missing.map((key) => `--${key}`),
    deps.interactive,
  )
  if (missing.length > 0) await askOpportunity(deps, input)
  const lookups = async () => (await deps.connect()).lookups
  const body = await opportunityBody(input, lazyResolver(lookups))
  const {api} = await deps.connect()
  try {
    return await withFieldErrors(() => api.create(opportunities, body), OPPORTUNITY_FIELD_FLAGS, 'opportunity')
  } catch (error) {
    await forgetStaleLookups(error, async () => (await lookups()).forget())
    throw error
  }
}

/** `opps update ID`: only the fields given; nothing given is exit 2 naming the flags. */
export async function updateOpportunity(
  deps: ServiceDeps,
  input: OpportunityInput & {id: string},
): Promise<CloseObject> {
  const id = assertId(opportunities, input.id)
  const lookups = async () => (await deps.connect()).lookups
  const changes = await opportunityBody({...input, id: undefined} as OpportunityInput, lazyResolver(lookups))
  requireChanges(changes, Object.keys(opportunityFlags))
  const {api} = await deps.connect()
  try {
    return await withFieldErrors(() => api.update(opportunities, id, changes), OPPORTUNITY_FIELD_FLAGS, 'opportunity')
  } catch (error) {
    await forgetStaleLookups(error, async () => (await lookups()).forget())
    throw error
  }
}

/** Guided creation on a terminal: each value not given is asked for; period, status and owner are pickers. */
async function askOpportunity(deps: ServiceDeps, input: OpportunityInput): Promise<void> {
  const {prompts} = deps
  if (input.lead === undefined) {
    const answer = await prompts.input('Lead ID (lead_…):', {required: true})
    input.lead = assertId(leads, answer.trim(), '--lead')
  }

  if (input.value === undefined) {
    input.value = await prompts.input('Value in currency units (e.g. 12,000):', {required: true})
    parseMoney(input.value, '--value')
  }

  input.period ??= await prompts.select('Paid:', [
    {name: 'once (one_time)', value: 'one_time' as const},
    {name: 'monthly', value: 'monthly' as const},
    {name: 'annually (annual)', value: 'annual' as const},
  ])
  if (input.confidence === undefined) {
    const answer = (await prompts.input('Confidence % (0–100, blank to skip):')).trim()
    if (answer !== '') input.confidence = answer
  }

  const {lookups} = await deps.connect()
  input.status ??= await prompts.select('Status:', statusChoices(await lookups.opportunityStatuses()))
  input.user ??= await prompts.select('Owner:', userChoices(await lookups.users(), await lookups.me()))
}
