/** /opportunity/ routes, with Close's list aggregates. */
import type {Chunk, CloseStore} from './store.js'
import type {StoredOpportunity, ValuePeriod} from './types.js'

import {
  activityBase,
  addActivity,
  applyCustom,
  contactOnLead,
  type Ctx,
  customInput,
  findIn,
  requireLead,
  stringField,
  timestamp,
  touchLead,
  userRef,
} from './common.js'
import {dateOnly, formatMoney, isDate, parseMoment} from './format.js'
import {
  badRequest,
  type CloseResponse,
  dateFilter,
  fieldErrors,
  type Json,
  notFound,
  pageOf,
  Problems,
  respond,
  sortByOrder,
  trimFields,
} from './http.js'
import {newId} from './ids.js'
import {annualized, renderOpportunity} from './render.js'

const VALUE_PERIODS: readonly ValuePeriod[] = ['one_time', 'monthly', 'annual']
const ORDER_FIELDS = [
  'date_won',
  'date_updated',
  'date_created',
  'confidence',
  'user_name',
  'value',
  'annualized_value',
  'annualized_expected_value',
] as const

interface OpportunityInput {
  confidence?: number
  contactId?: null | string
  custom?: Record<string, unknown>
  dateLost?: null | string
  dateWon?: null | string
  note?: string
  pipelineId?: string
  statusId?: string
  userId?: null | string
  value?: null | number
  valueCurrency?: string
  valuePeriod?: ValuePeriod
}

function integerField(problems: Problems, body: Json, key: string): null | number | undefined {
  if (!(key in body)) return undefined
  const raw = body[key]
  if (raw === null) return null
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.add(key, 'A valid integer is required.')
    return undefined
  }

  return value
}

function dateField(problems: Problems, body: Json, key: string): null | string | undefined {
  if (!(key in body)) return undefined
  const raw = body[key]
  if (raw === null || raw === '') return null
  if (isDate(raw)) return raw
  const ms = typeof raw === 'string' ? parseMoment(raw) : Number.NaN
  if (Number.isNaN(ms)) {
    problems.add(key, 'Enter a valid date.')
    return undefined
  }

  return dateOnly(ms)
}

/** `pipeline_id`, `status_id` (or the deprecated `status` label), checked against each other. */
function statusInput(store: CloseStore, problems: Problems, body: Json, input: OpportunityInput): void {
  if ('pipeline_id' in body) {
    const pipeline = store.meta.pipelines.find((p) => p.id === body.pipeline_id)
    if (pipeline) input.pipelineId = pipeline.id
    else problems.add('pipeline_id', 'Not a valid choice.')
  }

  if ('status_id' in body) {
    const found = typeof body.status_id === 'string' ? store.opportunityStatus(body.status_id) : undefined
    if (!found) problems.add('status_id', 'Not a valid choice.')
    else if (input.pipelineId && found.pipeline.id !== input.pipelineId) {
      problems.add('status_id', 'This status does not belong to the given pipeline.')
    } else input.statusId = found.status.id
  } else if ('status' in body) {
    const label = typeof body.status === 'string' ? body.status.toLowerCase() : undefined
    const found = store.meta.pipelines
      .filter((p) => !input.pipelineId || p.id === input.pipelineId)
      .flatMap((p) => p.statuses)
      .find((s) => s.label.toLowerCase() === label)
    if (found) input.statusId = found.id
    else problems.add('status', 'Not a valid choice.')
  }
}

/** `value` (integer cents), `value_period`, `value_currency` and `confidence` (0–100). */
function valueInput(problems: Problems, body: Json, input: OpportunityInput): void {
  const value = integerField(problems, body, 'value')
  if (value !== undefined) input.value = value
  if ('value_period' in body) {
    if (VALUE_PERIODS.includes(body.value_period as ValuePeriod)) input.valuePeriod = body.value_period as ValuePeriod
    else problems.add('value_period', `Not a valid choice. Use one of: ${VALUE_PERIODS.join(', ')}.`)
  }

  if ('value_currency' in body) {
    if (typeof body.value_currency === 'string' && /^[A-Za-z]{3}$/.test(body.value_currency)) {
      input.valueCurrency = body.value_currency.toUpperCase()
    } else problems.add('value_currency', 'Not a valid choice.')
  }

  const confidence = integerField(problems, body, 'confidence')
  if (confidence === null) problems.add('confidence', 'This field may not be null.')
  else if (confidence !== undefined && confidence > 100) {
    problems.add('confidence', 'Ensure this value is less than or equal to 100.')
  } else if (confidence !== undefined && confidence < 0) {
    problems.add('confidence', 'Ensure this value is greater than or equal to 0.')
  } else if (confidence !== undefined) input.confidence = confidence
}

/** The fields of a POST/PUT body, validated (lead and contact are checked by the caller). */
function opportunityInput(store: CloseStore, problems: Problems, body: Json): OpportunityInput {
  const input: OpportunityInput = {}
  statusInput(store, problems, body, input)
  valueInput(problems, body, input)
  const note = stringField(problems, body, 'note')
  if (note !== undefined) input.note = note ?? ''
  const dateWon = dateField(problems, body, 'date_won')
  if (dateWon !== undefined) input.dateWon = dateWon
  const dateLost = dateField(problems, body, 'date_lost')
  if (dateLost !== undefined) input.dateLost = dateLost
  const userId = userRef(problems, store, body, 'user_id')
  if (userId !== undefined) input.userId = userId
  input.custom = customInput(store, problems, body, 'opportunity')
  return input
}

/** Moving into a won (lost) status fills `date_won` (`date_lost`) with today if it is empty. */
function applyStatusDates(store: CloseStore, opp: StoredOpportunity): void {
  const type = store.opportunityStatus(opp.status_id)?.status.type
  if (type === 'won' && !opp.date_won) opp.date_won = store.today()
  if (type === 'lost' && !opp.date_lost) opp.date_lost = store.today()
}

function applyInput(opp: StoredOpportunity, input: OpportunityInput): void {
  if (input.value !== undefined) opp.value = input.value
  if (input.valuePeriod !== undefined) opp.value_period = input.valuePeriod
  if (input.valueCurrency !== undefined) opp.value_currency = input.valueCurrency
  if (input.confidence !== undefined) opp.confidence = input.confidence
  if (input.note !== undefined) opp.note = input.note
  if (input.dateWon !== undefined) opp.date_won = input.dateWon
  if (input.dateLost !== undefined) opp.date_lost = input.dateLost
  if (input.userId !== undefined) opp.user_id = input.userId
  if (input.contactId !== undefined) opp.contact_id = input.contactId
  if (input.custom) applyCustom(opp, input.custom)
}

function aggregates(opps: StoredOpportunity[]): Json {
  const count: Record<string, number> = {}
  const total = {annual: 0, monthly: 0, one_time: 0}
  const expected = {annual: 0, monthly: 0, one_time: 0}
  let totalAnnualized = 0
  let expectedAnnualized = 0
  for (const opp of opps) {
    count[opp.value_period] = (count[opp.value_period] ?? 0) + 1
    const value = opp.value ?? 0
    total[opp.value_period] += value
    expected[opp.value_period] += (value * opp.confidence) / 100
    totalAnnualized += annualized(value, opp.value_period)
    expectedAnnualized += (annualized(value, opp.value_period) * opp.confidence) / 100
  }

  const out: Json = {count_by_value_period: count, total_results: opps.length}
  const put = (key: string, value: number) => {
    const cents = Math.round(value)
    out[key] = cents
    out[`${key}_formatted`] = cents === 0 ? null : formatMoney(cents)
  }

  put('total_value_one_time', total.one_time)
  put('total_value_monthly', total.monthly)
  put('total_value_annual', total.annual)
  put('total_value_annualized', totalAnnualized)
  put('expected_value_one_time', expected.one_time)
  put('expected_value_monthly', expected.monthly)
  put('expected_value_annual', expected.annual)
  put('expected_value_annualized', expectedAnnualized)
  return out
}

const GROUP_BY = ['user_id', 'date_won__week', 'date_won__month', 'date_won__quarter', 'date_won__year']

/** ISO week of a date: [weekyear, week]. */
function isoWeek(day: string): [number, number] {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7))
  const weekyear = date.getUTCFullYear()
  return [weekyear, Math.ceil(((date.getTime() - Date.UTC(weekyear, 0, 1)) / 86_400_000 + 1) / 7)]
}

/** `_group_by`: the page's opportunities in groups `{key, objects, total_results, <aggregates>, …}`. */
function groups<T extends {opp: StoredOpportunity}>(
  store: CloseStore,
  items: T[],
  groupBy: string,
  render: (item: T) => Json,
): Json[] {
  const byKey = new Map<string, {extra: Json; items: T[]}>()
  for (const item of items) {
    let key: string
    let extra: Json
    if (groupBy === 'user_id') {
      key = item.opp.user_id ?? 'null'
      extra = {user_id: item.opp.user_id, user_name: store.userName(item.opp.user_id)}
    } else {
      const won = item.opp.date_won
      const year = won ? Number(won.slice(0, 4)) : null
      const month = won ? Number(won.slice(5, 7)) : null
      const unit = groupBy.slice('date_won__'.length)
      if (won) {
        switch (unit) {
          case 'month': {
            key = `${year}-${String(month).padStart(2, '0')}`
            extra = {month, year}

            break
          }

          case 'quarter': {
            const quarter = Math.ceil(month! / 3)
            key = `${year}-Q${quarter}`
            extra = {quarter, year}

            break
          }

          case 'week': {
            const [weekyear, week] = isoWeek(won)
            key = `${weekyear}-W${week}`
            extra = {week, weekyear, year}

            break
          }

          default: {
            key = String(year)
            extra = {year}
          }
        }
      } else {
        key = 'null'
        extra = {[unit]: null, year: null}
      }
    }

    const group = byKey.get(key) ?? {extra, items: []}
    group.items.push(item)
    byKey.set(key, group)
  }

  return [...byKey].map(([key, group]) => ({
    key,
    ...group.extra,
    ...aggregates(group.items.map((i) => i.opp)),
    objects: group.items.map((i) => render(i)),
  }))
}

export async function listOpportunities(ctx: Ctx): Promise<CloseResponse> {
  const {params, store} = ctx
  const paging = params.paging()
  const fields = params.fields()
  for (const unsupported of ['query', 'lead_query', 'lead_saved_search_id']) {
    if (params.get(unsupported)) throw badRequest(`${unsupported} is not supported by the sandbox.`)
  }

  const groupBy = params.get('_group_by')
  if (groupBy !== undefined && !GROUP_BY.includes(groupBy)) {
    throw fieldErrors({_group_by: `Not a valid choice. Use one of: ${GROUP_BY.join(', ')}.`})
  }

  const tests: Array<(opp: StoredOpportunity) => boolean> = []
  const leadIds = params.oneOf('lead_id')
  if (leadIds) tests.push((o) => leadIds.includes(o.lead_id))
  const userIds = params.oneOf('user_id')
  if (userIds) tests.push((o) => o.user_id !== null && userIds.includes(o.user_id))
  const statusIds = params.oneOf('status_id')
  if (statusIds) tests.push((o) => statusIds.includes(o.status_id))
  const labels = new Set(
    [...(params.oneOf('status_label') ?? []), ...(params.oneOf('status') ?? [])].map((l) => l.toLowerCase()),
  )
  if (params.oneOf('status_label') || params.oneOf('status')) {
    tests.push((o) => labels.has(store.opportunityStatus(o.status_id)?.status.label.toLowerCase() ?? ''))
  }

  const types = params.oneOf('status_type')
  if (types) tests.push((o) => types.includes(store.opportunityStatus(o.status_id)?.status.type ?? ''))
  const periods = params.oneOf('value_period')
  if (periods) tests.push((o) => periods.includes(o.value_period))
  for (const [field, get] of [
    ['date_created', (o: StoredOpportunity) => o.date_created],
    ['date_updated', (o: StoredOpportunity) => o.date_updated],
    ['date_won', (o: StoredOpportunity) => o.date_won],
  ] as const) {
    const test = dateFilter(params, field, get)
    if (test) tests.push(test)
  }

  const order = params.get('_order_by') || '-date_created'
  return store.read(async (txn) => {
    let chunks: Chunk[]
    if (leadIds) {
      const numbers = new Set<number>()
      for (const id of leadIds) {
        const n = await txn.locate(id)
        if (n !== undefined) numbers.add(n)
      }

      chunks = await Promise.all([...numbers].map((n) => txn.chunk(n)))
    } else {
      chunks = await txn.allChunks()
    }

    const matches: Array<{chunk: Chunk; opp: StoredOpportunity}> = []
    for (const chunk of chunks) {
      for (const opp of chunk.data.opportunities) if (tests.every((t) => t(opp))) matches.push({chunk, opp})
    }

    sortByOrder(matches, order, ORDER_FIELDS, ({opp}, field) => {
      switch (field) {
        case 'annualized_expected_value': {
          return (annualized(opp.value ?? 0, opp.value_period) * opp.confidence) / 100
        }

        case 'annualized_value': {
          return annualized(opp.value ?? 0, opp.value_period)
        }

        case 'user_name': {
          return store.userName(opp.user_id)
        }

        default: {
          return opp[field as keyof StoredOpportunity]
        }
      }
    })
    const page = pageOf(matches, paging)
    const render = ({chunk, opp}: {chunk: Chunk; opp: StoredOpportunity}) =>
      trimFields(renderOpportunity(store, chunk, opp), fields)
    return respond(200, {
      ...aggregates(matches.map((m) => m.opp)),
      data: groupBy ? groups(store, page.data, groupBy, render) : page.data.map((m) => render(m)),
      has_more: page.has_more,
    })
  })
}

export async function getOpportunity(ctx: Ctx): Promise<CloseResponse> {
  return ctx.store.read(async (txn) => {
    const found = await findIn(txn, 'opportunity', ctx.id!)
    if (!found) throw notFound('Opportunity')
    return respond(200, trimFields(renderOpportunity(ctx.store, found.chunk, found.object), ctx.params.fields()))
  })
}

export async function createOpportunity(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  return store.write(async (txn) => {
    const problems = new Problems()
    const found = await requireLead(txn, problems, body)
    const input = opportunityInput(store, problems, body)
    const contactId = contactOnLead(problems, body, found?.chunk, found?.lead.id)
    problems.throwIfAny()
    const {chunk, lead} = found!
    const at = timestamp(store)
    const pipeline = store.meta.pipelines.find((p) => p.id === input.pipelineId) ?? store.meta.pipelines[0]
    const opp: StoredOpportunity = {
      confidence: 0,
      contact_id: contactId ?? null,
      created_by: store.meta.me,
      date_created: at,
      date_lost: null,
      date_updated: at,
      date_won: null,
      id: newId('oppo_'),
      lead_id: lead.id,
      note: '',
      status_id: input.statusId ?? pipeline.statuses[0].id,
      updated_by: store.meta.me,
      user_id: store.meta.me,
      value: 0,
      value_currency: store.meta.organization.currency,
      value_period: 'one_time',
    }
    applyInput(opp, input)
    applyStatusDates(store, opp)
    chunk.data.opportunities.push(opp)
    ;(await txn.index('oppo')).add(opp.id, chunk.n)
    touchLead(chunk, lead.id, at, store.meta.me)
    return respond(200, trimFields(renderOpportunity(store, chunk, opp), ctx.params.fields()))
  })
}

export async function updateOpportunity(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  return store.write(async (txn) => {
    const found = await findIn(txn, 'opportunity', ctx.id!)
    if (!found) throw notFound('Opportunity')
    const {chunk, object: opp} = found
    const problems = new Problems()
    const input = opportunityInput(store, problems, body)
    const contactId = contactOnLead(problems, body, chunk, opp.lead_id)
    problems.throwIfAny()
    if (contactId !== undefined) input.contactId = contactId
    const at = timestamp(store)
    let {statusId} = input
    if (statusId === undefined && input.pipelineId) {
      // Moving to another pipeline without a status: that pipeline's first status.
      const current = store.opportunityStatus(opp.status_id)
      if (current?.pipeline.id !== input.pipelineId) {
        statusId = store.meta.pipelines.find((p) => p.id === input.pipelineId)!.statuses[0].id
      }
    }

    applyInput(opp, input)
    if (statusId !== undefined && statusId !== opp.status_id) {
      const old = store.opportunityStatus(opp.status_id)?.status
      const next = store.opportunityStatus(statusId)!.status
      await addActivity(txn, await txn.activities(chunk.n), {
        ...activityBase(store, 'OpportunityStatusChange', opp.lead_id, null),
        new_status_id: next.id,
        new_status_label: next.label,
        new_status_type: next.type,
        old_status_id: opp.status_id,
        old_status_label: old?.label ?? null,
        old_status_type: old?.type ?? null,
        opportunity_id: opp.id,
        opportunity_value: opp.value,
        opportunity_value_period: opp.value_period,
      })
      opp.status_id = statusId
      applyStatusDates(store, opp)
    }

    opp.date_updated = at
    opp.updated_by = store.meta.me
    touchLead(chunk, opp.lead_id, at, store.meta.me)
    return respond(200, trimFields(renderOpportunity(store, chunk, opp), ctx.params.fields()))
  })
}

export async function deleteOpportunity(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  return store.write(async (txn) => {
    const found = await findIn(txn, 'opportunity', ctx.id!)
    if (!found) throw notFound('Opportunity')
    const {chunk, object: opp} = found
    chunk.data.opportunities = chunk.data.opportunities.filter((o) => o.id !== opp.id)
    touchLead(chunk, opp.lead_id, timestamp(store), store.meta.me)
    ;(await txn.index('oppo')).remove([opp.id])
    return respond(200, {})
  })
}
