/**
 * A lead's timeline: `--type` words → Close `_type` values, the `/activity/` filters (type filters
 * only work within one lead, reference/close-api.md §3), and a one-line SUMMARY per activity for
 * tables. The summary is derived for display only; JSON stays exactly as Close shapes activities.
 */
import type {ListSource, Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {activities} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {htmlToText} from './notes.js'
import {leadIdOf, listOf, wantsJson} from './support.js'

/** `--type` word → Close `_type` values. */
export const ACTIVITY_TYPES = {
  call: ['Call'],
  email: ['Email'],
  meeting: ['Meeting'],
  note: ['Note'],
  sms: ['SMS'],
  'status-change': ['LeadStatusChange', 'OpportunityStatusChange'],
  'task-completed': ['TaskCompleted'],
} as const satisfies Record<string, readonly string[]>

export type ActivityTypeWord = keyof typeof ACTIVITY_TYPES
export const activityTypeWords = Object.keys(ACTIVITY_TYPES) as ActivityTypeWord[]

/** The derived table column's key; never sent in JSON. */
export const SUMMARY_KEY = 'summary'

export interface ActivityFilters {
  lead?: string
  types?: string[]
}

/**
 * `activities list` flags → Close filters: `lead_id` (any lead reference, resolved), and `_type`
 * (one type) or `_type__in` (several). The types are checked before the lead is resolved.
 */
export async function activityListParams(deps: ServiceDeps, filters: ActivityFilters): Promise<Params> {
  const params = activityTypeParams(filters)
  if (filters.lead !== undefined) params.lead_id = await leadIdOf(deps, filters.lead)
  return params
}

/**
 * `activities list`: the timeline, with the table-only SUMMARY added for tables and csv/tsv; JSON and
 * NDJSON stay exactly as Close shapes activities unless --fields asks for the summary by name.
 */
export async function listActivities(
  deps: ServiceDeps,
  input: ActivityFilters & {fields?: string; json?: boolean; output?: string},
  limit?: number,
): Promise<ListSource> {
  const source = await listOf(deps, activities, await activityListParams(deps, input), limit)
  const askedFor = input.fields?.split(',').some((field) => field.trim() === SUMMARY_KEY)
  if (wantsJson(deps.io) && !askedFor) return source
  return {...source, pages: summarised(source.pages)}
}

async function* summarised(pages: AsyncIterable<CloseObject[]>): AsyncGenerator<CloseObject[]> {
  for await (const page of pages) yield page.map((activity) => withSummary(activity))
}

/** The type filter (pure): a type without a lead exits 2, since Close filters types only within one lead. */
export function activityTypeParams(filters: ActivityFilters): Params {
  const params: Params = {}
  const words = (filters.types ?? []).flatMap((value) => value.split(',')).map((word) => word.trim().toLowerCase())
  const types = [...new Set(words.filter(Boolean).flatMap((word) => typeValues(word)))]
  if (filters.lead === undefined) {
    if (types.length > 0) {
      throw new UsageError('--type needs --lead: Close filters activities by type only within one lead.', {
        code: 'lead_required',
        hint: 'Add --lead lead_…, e.g. `close activities list --lead lead_… --type call`; find leads with `close leads list`.',
      })
    }

    return params
  }

  if (types.length === 1) params._type = types[0]
  else if (types.length > 1) params._type__in = types.join(',')
  return params
}

function typeValues(word: string): readonly string[] {
  const normalized = word.replaceAll('_', '-').replace(/^status$/, 'status-change')
  const values = (ACTIVITY_TYPES as Record<string, readonly string[]>)[normalized]
  if (values) return values
  throw new UsageError(`--type "${word}" is not an activity type.`, {
    code: 'invalid_value',
    hint: `Use one or more of ${activityTypeWords.join(', ')} (repeat --type or separate with commas).`,
  })
}

/** The activity plus its table-only `summary`. */
export function withSummary(activity: CloseObject): CloseObject {
  return {...activity, [SUMMARY_KEY]: activitySummary(activity)}
}

/** How each Close `_type` reads in one line. */
const SUMMARIES: Record<string, (activity: CloseObject) => string> = {
  Call(activity) {
    const parts = [str(activity.direction), formatDuration(activity.duration), str(activity.disposition)]
    return join([parts.filter(Boolean).join(', '), plainText(activity, 'note', 'note_html')])
  },
  Created: (activity) => join(['lead created', str(activity.source)]),
  Email(activity) {
    const status = str(activity.status)
    const prefix = [str(activity.direction), status === 'sent' || status === 'inbox' ? '' : status]
    return join([prefix.filter(Boolean).join(', '), str(activity.subject) || '(no subject)'])
  },
  LeadStatusChange: (activity) => statusChange('lead', activity),
  Meeting: (activity) => join([str(activity.status), str(activity.title) || plainText(activity, '', 'user_note_html')]),
  Note: (activity) => plainText(activity, 'note', 'note_html'),
  OpportunityStatusChange: (activity) => statusChange('opportunity', activity),
  SMS: (activity) => join([str(activity.direction), oneLine(str(activity.text))]),
  TaskCompleted: (activity) => oneLine(str(activity.task_text)),
}

/** One readable line per activity: note text, email subject, call direction and duration, status old → new. */
export function activitySummary(activity: CloseObject): string {
  const summary = SUMMARIES[str(activity._type)]
  if (summary) return summary(activity)
  return oneLine(str(activity.note) || str(activity.text) || str(activity.subject))
}

function statusChange(what: string, activity: CloseObject): string {
  return `${what} ${str(activity.old_status_label) || '—'} → ${str(activity.new_status_label) || '—'}`
}

/** The first line of a plain-text field, else of an HTML field with the tags taken out. */
function plainText(activity: CloseObject, textKey: string, htmlKey: string): string {
  return oneLine((textKey ? str(activity[textKey]) : '') || htmlToText(str(activity[htmlKey])))
}

/** Seconds → `45s`, `4m 12s`, `1h 02m`. */
export function formatDuration(value: unknown): string {
  const seconds = typeof value === 'number' ? Math.round(value) : Number.NaN
  if (!Number.isFinite(seconds) || seconds < 0) return ''
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

/** All the text on one line (the table cuts it to the column's width). */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
}

function join(parts: string[]): string {
  return parts.filter(Boolean).join(': ')
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
