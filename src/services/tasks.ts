/**
 * Tasks: flags → Close's `/task/` filters, create/update bodies and the bulk completion request
 * (reference/close-api.md §2–§3). Pure apart from the injected resolver (`me`, emails, names → IDs).
 */
import type {Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'

import {assertId} from '../close/ids.js'
import {leads, tasks} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {parseDate} from '../input/values.js'
import {type FieldFlags, type Resolver, resolveUserId} from './support.js'

export const taskViews = ['inbox', 'future', 'archive'] as const
export type TaskView = (typeof taskViews)[number]

/** `--assignee` values that mean "whoever the task is assigned to". */
const ANYONE = new Set(['all', 'any', 'anyone', 'everyone'])

export interface TaskFilters {
  allTypes?: boolean
  /** `me` (default without --lead), `anyone`, a user ID, an email or a name. */
  assignee?: string
  lead?: string
  view?: TaskView
}

export interface TaskInput {
  assignee?: string
  due?: string
  lead?: string
  text?: string
}

/** Close field → flag, for field errors. */
export const TASK_FIELD_FLAGS: FieldFlags = {
  assigned_to: '--assignee',
  date: '--due',
  due_date: '--due',
  lead: '--lead',
  lead_id: '--lead',
  text: '--text',
}

/**
 * `tasks list` flags → Close filters. Default: my inbox (`view=inbox`, `assigned_to=<me>`,
 * `_type=lead`). With `--lead` the default assignee is anyone (a lead's tasks, whoever has them).
 */
export async function taskListParams(filters: TaskFilters, resolver: Resolver): Promise<Params> {
  const params: Params = {_type: filters.allTypes ? 'all' : 'lead', view: filters.view ?? 'inbox'}
  if (filters.lead !== undefined) params.lead_id = assertId(leads, filters.lead.trim(), '--lead')
  const assignee = filters.assignee ?? (filters.lead === undefined ? 'me' : undefined)
  if (assignee !== undefined && !ANYONE.has(assignee.trim().toLowerCase())) {
    params.assigned_to = await resolveUserId(assignee, resolver, '--assignee')
  }

  return params
}

/** The body for `tasks create` / `tasks update`: only the fields given; `--due` accepts today, +3d, … */
export async function taskBody(input: TaskInput, resolver: Resolver, now: Date = new Date()): Promise<CloseObject> {
  const body: CloseObject = {}
  if (input.lead !== undefined) body.lead_id = assertId(leads, input.lead.trim(), '--lead')
  if (input.text !== undefined) {
    const text = input.text.trim()
    if (text === '')
      throw new UsageError('--text is empty.', {
        code: 'invalid_value',
        hint: 'Say what needs doing, e.g. --text "Call back about pricing".',
      })
    body.text = text
  }

  if (input.due !== undefined) body.date = parseDate(input.due, '--due', now)
  if (input.assignee !== undefined) body.assigned_to = await resolveUserId(input.assignee, resolver, '--assignee')
  return body
}

/** Task IDs from `tasks done ID...`, checked before anything is spawned; duplicates dropped. */
export function taskIds(ids: string[]): string[] {
  if (ids.length === 0) {
    throw new UsageError('Name at least one task to complete.', {
      code: 'missing_input',
      hint: 'Pass task IDs, e.g. `close tasks done task_abc123…`; `close tasks list` shows them.',
    })
  }

  return [...new Set(ids.map((id) => assertId(tasks, id.trim())))]
}

/** The one bulk request that completes several tasks: `PUT /task/?id__in=A,B {"is_complete": true}`. */
export function completeTasksRequest(ids: string[]): {
  body: CloseObject
  method: 'PUT'
  path: string
  query: Array<[string, string]>
} {
  return {body: {is_complete: true}, method: 'PUT', path: tasks.path, query: [['id__in', ids.join(',')]]}
}

/** Filters that read those tasks back, whatever their type or view. */
export function tasksByIdParams(ids: string[]): Params {
  return {_type: 'all', id__in: ids.join(',')}
}
