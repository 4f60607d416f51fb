/**
 * Opportunities: flags → Close list filters and create/update bodies (reference/close-api.md §2–§3).
 * Pure apart from the injected resolver, which turns labels, `me`, emails and names into IDs.
 */
import type {Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'

import {assertId} from '../close/ids.js'
import {leads} from '../close/resources.js'
import {parseDate, parseIntegerInRange, parseMoney} from '../input/values.js'
import {type FieldFlags, resolveOpportunityStatusId, type Resolver, resolveUserId} from './support.js'

export const valuePeriods = ['one_time', 'monthly', 'annual'] as const
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

/** Close field → flag, for field errors. */
export const OPPORTUNITY_FIELD_FLAGS: FieldFlags = {
  confidence: '--confidence',
  lead: '--lead',
  lead_id: '--lead',
  note: '--note',
  status: '--status',
  status_id: '--status',
  user: '--user',
  user_id: '--user',
  value: '--value',
  value_period: '--period',
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
