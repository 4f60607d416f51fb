/**
 * `close pipeline`: per active status of one pipeline, in pipeline order, the number of
 * opportunities, their value and weighted value (value × confidence), then won and lost in a
 * period (issue 12 §4). Close's list aggregates answer each with `_limit=0`, so it is a handful of
 * concurrent calls, never an export. Values are annualized cents, as Close keeps them.
 */
import type {CloseApi, Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {type Period, type PeriodName, periodOf, periodParams} from '../close/periods.js'
import {opportunities} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {organization} from './org.js'
import {userFilter} from './today.js'

export interface StatusRow {
  count: number
  id: string
  label: string
  type: string
  value: number
  weighted_value: number
}

export interface Totals {
  count: number
  value: number
  weighted_value: number
}

export interface PipelineReport {
  lost: Totals
  period: Period
  pipeline: {currency: string; id: string; name: string}
  statuses: StatusRow[]
  won: Totals
}

export interface PipelineInput {
  period?: PeriodName
  pipeline?: string
  user?: string
}

type Status = {id: string; label: string; type: string}

async function totals(api: CloseApi, params: Params): Promise<Totals> {
  const query = Object.entries({...params, _limit: 0}).map(([k, v]) => [k, String(v)] as [string, string])
  const body = await api.proxy('GET', opportunities.path, query)
  return {
    count: Number(body.total_results ?? 0),
    value: Number(body.total_value_annualized ?? 0),
    weighted_value: Number(body.expected_value_annualized ?? 0),
  }
}

/** The pipeline named (name or ID, case-insensitive) or the organization's first. */
export function pickPipeline(pipelines: CloseObject[], wanted: string | undefined): CloseObject {
  if (pipelines.length === 0) throw new UsageError('This organization has no pipelines.', {code: 'not_found'})
  if (wanted === undefined) return pipelines[0]
  const key = wanted.trim().toLowerCase()
  const found = pipelines.find((p) => String(p.id).toLowerCase() === key || String(p.name).toLowerCase() === key)
  if (found) return found
  throw new UsageError(`--pipeline "${wanted}" is not a pipeline here.`, {
    code: 'invalid_value',
    hint: `Use one of: ${pipelines.map((p) => String(p.name)).join(', ')}.`,
  })
}

export async function pipelineReport(
  deps: ServiceDeps,
  input: PipelineInput,
  now = new Date(),
): Promise<PipelineReport> {
  const period = periodOf(input.period ?? 'this-month', now)
  const {api} = await deps.connect()
  const [org, userId] = await Promise.all([organization(deps), userFilter(deps, input.user ?? 'me')])
  const pipeline = pickPipeline((org.pipelines as CloseObject[] | undefined) ?? [], input.pipeline)
  const statuses = ((pipeline.statuses as Status[] | undefined) ?? []).map((s) => ({...s, type: s.type}))
  const mine: Params = userId ? {user_id: userId} : {}
  const ids = (type: string) =>
    statuses
      .filter((s) => s.type === type)
      .map((s) => s.id)
      .join(',')
  const active = statuses.filter((s) => s.type === 'active')
  const none: Totals = {count: 0, value: 0, weighted_value: 0}
  const [rows, won, lost] = await Promise.all([
    Promise.all(active.map(async (s) => ({...s, ...(await totals(api, {...mine, status_id: s.id}))}))),
    ids('won') ? totals(api, {...mine, status_id__in: ids('won'), ...periodParams('date_won', period)}) : none,
    ids('lost') ? totals(api, {...mine, status_id__in: ids('lost'), ...periodParams('date_updated', period)}) : none,
  ])
  return {
    lost,
    period,
    pipeline: {currency: String(org.currency ?? 'USD'), id: String(pipeline.id), name: String(pipeline.name)},
    statuses: rows.map((r) => ({
      count: r.count,
      id: r.id,
      label: r.label,
      type: r.type,
      value: r.value,
      weighted_value: r.weighted_value,
    })),
    won,
  }
}
