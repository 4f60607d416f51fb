/**
 * Opportunities: flags → Close list filters and create/update bodies (reference/close-api.md §2–§3),
 * and the use cases of the opps commands as `verb(deps, input)`. Values typed by people (money,
 * dates, confidence) are checked first, before any reference is resolved or Membrane started;
 * leads and users go through the record references of design §5 (services/lead-ref.ts).
 */
import type {ListSource, Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {formatMoney} from '../close/format.js'
import {opportunities} from '../close/resources.js'
import {
  OPPORTUNITY_FIELD_FLAGS,
  OPPORTUNITY_TABLE,
  OPPORTUNITY_UPDATE_FLAGS,
  type OpportunityFlags,
  statusTypes,
} from '../flags/opportunities.js'
import {refuseMissing} from '../input/ask.js'
import {parseDate, parseIntegerInRange, parseMoney} from '../input/values.js'
import {askParsed} from '../prompts/ask.js'
import {requireChanges, withFieldErrors} from './records.js'
import {askLead, firstRecords, leadIdOf, listOf, recordId, refreshingLookups, statusIdOf, userIdOf} from './support.js'

export {OPPORTUNITY_FIELD_FLAGS, statusTypes, valuePeriods} from '../flags/opportunities.js'

export type StatusType = (typeof statusTypes)[number]

/** The filters of `opps list`, as typed. */
export interface OpportunityFilters {
  'created-after'?: string
  'created-before'?: string
  lead?: string
  status?: string
  'status-type'?: StatusType
  user?: string
  'won-after'?: string
  'won-before'?: string
}

/** What `opps create` and `opps update` take, as typed (strings are parsed here). */
export type OpportunityInput = Omit<OpportunityFlags, 'confidence'> & {confidence?: number | string}

/** The date filters of `opps list` → Close's names (pure; impossible dates exit 2). */
export function opportunityDateParams(filters: OpportunityFilters, now: Date = new Date()): Params {
  const params: Params = {}
  const day = (flag: keyof OpportunityFilters) => parseDate(filters[flag]!, `--${flag}`, now).slice(0, 10)
  if (filters['created-after'] !== undefined)
    params.date_created__gte = parseDate(filters['created-after'], '--created-after', now)
  if (filters['created-before'] !== undefined)
    params.date_created__lte = parseDate(filters['created-before'], '--created-before', now)
  // `date_won` is a date: an ISO date-time keeps only its day.
  if (filters['won-after'] !== undefined) params.date_won__gte = day('won-after')
  if (filters['won-before'] !== undefined) params.date_won__lte = day('won-before')
  return params
}

/** `opps list` flags → Close's `/opportunity/` filters: dates checked first, then lead, owner and status resolved. */
export async function opportunityListParams(deps: ServiceDeps, filters: OpportunityFilters): Promise<Params> {
  const params = opportunityDateParams(filters)
  if (filters.lead !== undefined) params.lead_id = await leadIdOf(deps, filters.lead)
  if (filters.user !== undefined) params.user_id = await userIdOf(deps, filters.user, '--user')
  if (filters.status !== undefined) params.status_id = await statusIdOf(deps, filters.status)
  if (filters['status-type'] !== undefined) params.status_type = filters['status-type']
  return params
}

export async function listOpportunities(
  deps: ServiceDeps,
  filters: OpportunityFilters,
  limit?: number,
): Promise<ListSource> {
  return listOf(deps, opportunities, await opportunityListParams(deps, filters), limit)
}

/**
 * The fields people type (value, period, confidence, note), checked without any call: `--value`
 * is in currency units and goes to Close in cents.
 */
export function opportunityValues(input: OpportunityInput): CloseObject {
  const body: CloseObject = {}
  if (input.value !== undefined) body.value = parseMoney(input.value, '--value')
  if (input.period !== undefined) body.value_period = input.period
  if (input.confidence !== undefined) {
    body.confidence = parseIntegerInRange(String(input.confidence), '--confidence', 0, 100)
  }

  if (input.note !== undefined) body.note = input.note
  return body
}

/** The whole body: the values, then the references (lead, status label → `status_id`, owner) resolved. */
export async function opportunityBody(deps: ServiceDeps, input: OpportunityInput): Promise<CloseObject> {
  const body = opportunityValues(input)
  if (input.lead !== undefined) body.lead_id = await leadIdOf(deps, input.lead)
  if (input.status !== undefined) body.status_id = await statusIdOf(deps, input.status)
  if (input.user !== undefined) body.user_id = await userIdOf(deps, input.user, '--user')
  return body
}

/**
 * `opps create`: --lead and --value are required; everything else has Close's default (the
 * pipeline's first status, one_time, owner me) and is not asked. Given values are checked first;
 * off a terminal a missing flag exits 2 naming all of them; on a terminal the lead is the search
 * picker and the value is asked until it reads as money.
 */
export async function createOpportunity(deps: ServiceDeps, input: OpportunityInput): Promise<CloseObject> {
  opportunityValues(input)
  refuseMissing(
    (['lead', 'value'] as const).filter((key) => input[key] === undefined).map((key) => `--${key}`),
    deps.interactive,
  )
  const lead = input.lead === undefined ? await askLead(deps) : await leadIdOf(deps, input.lead)
  const value =
    input.value ??
    (await askParsed(deps.prompts, 'Value (12000, 12k, $12,000.50):', (text) => {
      parseMoney(text, '--value')
      return text
    }))
  const body = {...(await opportunityBody(deps, {...input, lead: undefined, value})), lead_id: lead}
  const {api} = await deps.connect()
  return refreshingLookups(deps, async () =>
    withFieldErrors(() => api.create(opportunities, body), OPPORTUNITY_FIELD_FLAGS, 'opportunity'),
  )
}

/** `opps get [ID]`: an ID or pasted URL; none on a terminal → a picker of my open opportunities. */
export async function getOpportunity(deps: ServiceDeps, id?: string): Promise<CloseObject> {
  const checked = await recordId(deps, id, 'opportunity', async () => myOpenOpportunities(deps))
  return (await deps.connect()).api.get(opportunities, checked)
}

/** `opps update [ID]`: only the fields given (nothing given is exit 2 naming the flags); no ID → the picker. */
export async function updateOpportunity(
  deps: ServiceDeps,
  input: OpportunityInput & {id?: string},
): Promise<CloseObject> {
  opportunityValues(input)
  // Without an ID, --lead chooses whose opportunities the picker offers; it moves nothing.
  const fields = input.id === undefined ? {...input, lead: undefined} : input
  if (!OPPORTUNITY_TABLE.some((row) => fields[row.name as keyof typeof fields] !== undefined)) requireNothing()
  const id = await recordId(deps, input.id, 'opportunity', async () => myOpenOpportunities(deps, input.lead))
  const changes = await opportunityBody(deps, fields)
  const {api} = await deps.connect()
  return refreshingLookups(deps, async () =>
    withFieldErrors(() => api.update(opportunities, id, changes), OPPORTUNITY_FIELD_FLAGS, 'opportunity'),
  )
}

function requireNothing(): never {
  requireChanges(
    {},
    OPPORTUNITY_UPDATE_FLAGS.map((flag) => flag.slice(2)),
  )
  throw new Error('unreachable')
}

/** The open opportunities of a lead (when given), else mine: what the pickers offer. */
async function myOpenOpportunities(deps: ServiceDeps, lead?: string) {
  const owner =
    lead === undefined ? {user_id: await userIdOf(deps, 'me', '--user')} : {lead_id: await leadIdOf(deps, lead)}
  const found = await firstRecords(deps, opportunities, {...owner, status_type: 'active'})
  return found.map((opp) => ({
    detail: [opp.status_label, formatMoney(opp.value, opp.value_currency)].filter(Boolean).join(' · '),
    id: String(opp.id),
    name: String(opp.lead_name ?? opp.id),
  }))
}

/** How a delete's question and result name an opportunity: lead, status, value. */
export function describeOpportunity(opp: CloseObject): string {
  return [opp.lead_name, opp.status_label, opp.value === undefined ? '' : formatMoney(opp.value, opp.value_currency)]
    .filter(Boolean)
    .join(', ')
}
