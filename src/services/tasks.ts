/**
 * Tasks: flags → Close's `/task/` filters, create/update bodies and the bulk completion request
 * (reference/close-api.md §2–§3), and the use cases of the tasks commands as `verb(deps, input)`.
 * Dates are checked before anything is resolved or spawned; leads and users are references (§5).
 */
import type {ListSource, Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {tasks} from '../close/resources.js'
import {NotFoundError, UsageError} from '../errors.js'
import {TASK_FIELD_FLAGS, type TaskFlags, taskViews} from '../flags/tasks.js'
import {refuseMissing} from '../input/ask.js'
import {parseDate} from '../input/values.js'
import {askParsed} from '../prompts/ask.js'
import {requireChanges, withFieldErrors} from './records.js'
import {askLead, firstRecords, leadIdOf, listOf, recordIdOf, refreshingLookups, userIdOf} from './support.js'

export {TASK_FIELD_FLAGS, taskViews} from '../flags/tasks.js'
export type TaskView = (typeof taskViews)[number]

/** `--assignee` values that mean "whoever the task is assigned to". */
const ANYONE = new Set(['all', 'any', 'anyone', 'everyone'])

export interface TaskFilters {
  'all-types'?: boolean
  /** `me` (default without --lead), `anyone`, a user ID, an email or a name. */
  assignee?: string
  lead?: string
  view?: TaskView
}

/**
 * `tasks list` flags → Close filters. Default: my inbox (`view=inbox`, `assigned_to=<me>`,
 * `_type=lead`). With `--lead` the default assignee is anyone (a lead's tasks, whoever has them).
 */
export async function taskListParams(deps: ServiceDeps, filters: TaskFilters): Promise<Params> {
  const params: Params = {_type: filters['all-types'] ? 'all' : 'lead', view: filters.view ?? 'inbox'}
  if (filters.lead !== undefined) params.lead_id = await leadIdOf(deps, filters.lead)
  const assignee = filters.assignee ?? (filters.lead === undefined ? 'me' : undefined)
  if (assignee !== undefined && !ANYONE.has(assignee.trim().toLowerCase())) {
    params.assigned_to = await userIdOf(deps, assignee, '--assignee')
  }

  // The archive reads newest first: the task just completed is row 1, not row 1,234.
  if (params.view === 'archive') params._order_by = '-date_updated'
  return params
}

export async function listTasks(deps: ServiceDeps, filters: TaskFilters, limit?: number): Promise<ListSource> {
  return listOf(deps, tasks, await taskListParams(deps, filters), limit)
}

/** The text and due date, checked without any call (`--due` accepts today, fri, +3d, …). */
export function taskValues(input: TaskFlags, now: Date = new Date()): CloseObject {
  const body: CloseObject = {}
  if (input.text !== undefined) body.text = taskText(input.text)
  if (input.due !== undefined) body.date = parseDate(input.due, '--due', now)
  if (input.complete !== undefined) body.is_complete = input.complete
  return body
}

function taskText(text: string): string {
  if (text.trim() !== '') return text.trim()
  throw new UsageError('--text is empty.', {
    code: 'invalid_value',
    hint: 'Say what needs doing, e.g. --text "Call back about pricing".',
  })
}

/** The body: the values, then the lead and the assignee resolved. */
export async function taskBody(deps: ServiceDeps, input: TaskFlags, now: Date = new Date()): Promise<CloseObject> {
  const body = taskValues(input, now)
  if (input.lead !== undefined) body.lead_id = await leadIdOf(deps, input.lead)
  if (input.assignee !== undefined) body.assigned_to = await userIdOf(deps, input.assignee, '--assignee')
  return body
}

/**
 * `tasks create`: --lead and --text are required (asked on a terminal: the lead with the search
 * picker); due today and assigned to me unless given, and not asked.
 */
export async function createTask(deps: ServiceDeps, input: TaskFlags): Promise<CloseObject> {
  taskValues(input)
  refuseMissing(
    (['lead', 'text'] as const).filter((key) => input[key] === undefined).map((key) => `--${key}`),
    deps.interactive,
  )
  const lead = input.lead === undefined ? await askLead(deps) : await leadIdOf(deps, input.lead)
  const text = input.text ?? (await askParsed(deps.prompts, 'What needs doing?', taskText))
  const body = {...(await taskBody(deps, {...input, lead: undefined, text})), lead_id: lead}
  const {api} = await deps.connect()
  return refreshingLookups(deps, async () => withFieldErrors(() => api.create(tasks, body), TASK_FIELD_FLAGS, 'task'))
}

/** `tasks update ID|URL`: only the fields given; nothing given is exit 2 naming the flags. */
export async function updateTask(deps: ServiceDeps, input: TaskFlags & {id: string}): Promise<CloseObject> {
  const id = recordIdOf(input.id, 'task', 'ID')
  taskValues(input)
  const changes = await taskBody(deps, {...input, lead: undefined})
  requireChanges(changes, ['text', 'due', 'assignee', 'complete', 'no-complete'])
  const {api} = await deps.connect()
  return refreshingLookups(deps, async () =>
    withFieldErrors(() => api.update(tasks, id, changes), TASK_FIELD_FLAGS, 'task'),
  )
}

export async function getTask(deps: ServiceDeps, id: string): Promise<CloseObject> {
  const checked = recordIdOf(id, 'task', 'ID')
  return (await deps.connect()).api.get(tasks, checked)
}

/**
 * `tasks done [ID|URL…]`: the tasks given (checked before anything is spawned), or on a terminal
 * those ticked in a multi-select of my inbox; none off a terminal is exit 2. One request completes
 * them all; an unknown ID does not stop the others (like rm) and exits 5 naming it.
 */
export async function completeTasks(deps: ServiceDeps, given: string[]): Promise<CloseObject[]> {
  const ids = given.length > 0 ? taskIds(given) : await pickInbox(deps)
  const {api} = await deps.connect()
  const request = completeTasksRequest(ids)
  await withFieldErrors(
    () => api.proxy(request.method, request.path, request.query, request.body, {retry: true}),
    TASK_FIELD_FLAGS,
    'task',
  )
  const completed = await firstRecords(deps, tasks, tasksByIdParams(ids), ids.length)
  const done = ids.map((id) => completed.find((task) => task.id === id)).filter((task) => task !== undefined)
  const missing = ids.filter((id) => !completed.some((task) => task.id === id))
  if (missing.length > 0) {
    const others = done.length === 0 ? '' : `; completed ${done.map((task) => task.id).join(', ')}`
    const which = missing.length === 1 ? `task with ID ${missing[0]}` : `tasks with IDs ${missing.join(', ')}`
    throw new NotFoundError(`No ${which}${others}.`, {
      code: 'not_found',
      details: {completed: done.map((task) => task.id), missing},
      hint: 'Check the IDs; `close tasks list` shows your tasks.',
    })
  }

  return done
}

/** My inbox as a multi-select (at least one ticked); off a terminal exit 2 naming the argument. */
async function pickInbox(deps: ServiceDeps): Promise<string[]> {
  refuseMissing(['ID (one or more task IDs or URLs)'], deps.interactive)
  const inbox = await firstRecords(deps, tasks, await taskListParams(deps, {}), 100)
  if (inbox.length === 0) throw new NotFoundError('Your inbox is empty: no task to complete.', {code: 'no_match'})
  const {pickMany} = await import('../prompts/pickers.js')
  const choices = inbox.map((task) => ({
    description: [task.lead_name, String(task.date ?? '').slice(0, 10)].filter(Boolean).join(' · '),
    name: String(task.text ?? task.id),
    value: String(task.id),
  }))
  return pickMany(deps.prompts, 'Which tasks are done? (space ticks, enter completes)', choices, {required: true})
}

/** Task IDs or URLs from `tasks done ID...`, checked before anything is spawned; duplicates dropped. */
export function taskIds(ids: string[]): string[] {
  return [...new Set(ids.map((id) => recordIdOf(id, 'task', 'ID')))]
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
