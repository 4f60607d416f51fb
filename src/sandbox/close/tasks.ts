/** /task/ routes: lists with views, create, update (single and bulk), delete. */
import type {Chunk, CloseStore, Txn} from './store.js'
import type {StoredTask} from './types.js'

import {
  activityBase,
  addActivity,
  contactOnLead,
  type Ctx,
  findIn,
  requireLead,
  timestamp,
  touchLead,
  userRef,
} from './common.js'
import {normalizeTaskDate} from './format.js'
import {
  type CloseResponse,
  dateFilter,
  fieldErrors,
  type Json,
  notFound,
  pageOf,
  type Params,
  Problems,
  respond,
  sortByOrder,
  trimFields,
} from './http.js'
import {newId} from './ids.js'
import {renderTask, taskView} from './render.js'

const VIEWS = ['inbox', 'future', 'archive'] as const
const CREATABLE_TYPES = new Set(['lead', 'outgoing_call'])

interface TaskSelection {
  /** Chunks to look in; undefined = all. */
  chunks: (txn: Txn) => Promise<Chunk[]>
  test: (task: StoredTask) => boolean
}

/** Close's task list filters, shared by GET /task/ and the bulk PUT. */
function taskSelection(store: CloseStore, params: Params): TaskSelection {
  const tests: Array<(t: StoredTask) => boolean> = []
  const typeAll = params.get('_type') === 'all'
  const types = typeAll ? undefined : (params.oneOf('_type') ?? ['lead'])
  if (types) tests.push((t) => types.includes(t._type))
  const ids = params.oneOf('id')
  if (ids) tests.push((t) => ids.includes(t.id))
  const leadIds = params.oneOf('lead_id')
  if (leadIds) tests.push((t) => leadIds.includes(t.lead_id))
  const assignees = params.oneOf('assigned_to')
  if (assignees) tests.push((t) => t.assigned_to !== null && assignees.includes(t.assigned_to))
  const complete = params.boolean('is_complete')
  if (complete !== undefined) tests.push((t) => t.is_complete === complete)
  const view = params.get('view')
  if (view !== undefined) {
    if (!VIEWS.includes(view as (typeof VIEWS)[number])) throw fieldErrors({view: 'Not a valid choice.'})
    const today = store.today()
    tests.push((t) => taskView(t, today) === view)
  }

  // view=inbox/future replaces date__lt/date__gte, as in Close.
  const skip = view === 'inbox' || view === 'future' ? ['date__lt', 'date__gte'] : []
  for (const [field, get] of [
    ['date', (t: StoredTask) => t.date],
    ['date_created', (t: StoredTask) => t.date_created],
    ['date_updated', (t: StoredTask) => t.date_updated],
  ] as const) {
    const test = dateFilter(params, field, get, skip)
    if (test) tests.push(test)
  }

  const lookups = ids ?? leadIds
  return {
    async chunks(txn) {
      if (!lookups) return txn.allChunks()
      const numbers = new Set<number>()
      for (const id of lookups) {
        const n = await txn.locate(id)
        if (n !== undefined) numbers.add(n)
      }

      return Promise.all([...numbers].sort((a, b) => a - b).map((n) => txn.chunk(n)))
    },
    test: (task) => tests.every((t) => t(task)),
  }
}

async function selectTasks(txn: Txn, selection: TaskSelection): Promise<Array<{chunk: Chunk; task: StoredTask}>> {
  const out: Array<{chunk: Chunk; task: StoredTask}> = []
  for (const chunk of await selection.chunks(txn)) {
    for (const task of chunk.data.tasks) if (selection.test(task)) out.push({chunk, task})
  }

  return out
}

export async function listTasks(ctx: Ctx): Promise<CloseResponse> {
  const {params, store} = ctx
  const paging = params.paging()
  const fields = params.fields()
  const selection = taskSelection(store, params)
  const order = params.get('_order_by') || 'date'
  return store.read(async (txn) => {
    const matches = await selectTasks(txn, selection)
    // Ties (and date-only before timed tasks on the same day) follow creation order.
    matches.sort((a, b) =>
      a.task.date_created < b.task.date_created ? -1 : a.task.date_created > b.task.date_created ? 1 : 0,
    )
    sortByOrder(matches, order, ['date', 'date_created', 'date_updated'], ({task}, field) => task[field as 'date'])
    const page = pageOf(matches, paging)
    return respond(200, {
      data: page.data.map(({chunk, task}) => trimFields(renderTask(store, chunk, task), fields)),
      has_more: page.has_more,
    })
  })
}

export async function getTask(ctx: Ctx): Promise<CloseResponse> {
  return ctx.store.read(async (txn) => {
    const found = await findIn(txn, 'task', ctx.id!)
    if (!found) throw notFound('Task')
    return respond(200, trimFields(renderTask(ctx.store, found.chunk, found.object), ctx.params.fields()))
  })
}

interface TaskChanges {
  assignedTo?: null | string
  date?: null | string
  isComplete?: boolean
  text?: string
}

function taskChanges(store: CloseStore, problems: Problems, body: Json): TaskChanges {
  const changes: TaskChanges = {}
  const assignedTo = userRef(problems, store, body, 'assigned_to')
  if (assignedTo !== undefined) changes.assignedTo = assignedTo
  if ('date' in body) {
    const raw = body.date
    if (raw === null || raw === '') changes.date = null
    else {
      const date = typeof raw === 'string' ? normalizeTaskDate(raw.trim()) : undefined
      if (date) changes.date = date
      else problems.add('date', 'Enter a valid date/time.')
    }
  }

  if ('is_complete' in body) {
    if (typeof body.is_complete === 'boolean') changes.isComplete = body.is_complete
    else problems.add('is_complete', 'Must be a valid boolean.')
  }

  if ('text' in body) {
    if (typeof body.text === 'string' && body.text.trim()) changes.text = body.text
    else problems.add('text', 'This field may not be blank.')
  }

  return changes
}

/** Apply changes; completing a task logs a TaskCompleted activity and points the task at it. */
async function applyTaskChanges(txn: Txn, chunk: Chunk, task: StoredTask, changes: TaskChanges): Promise<void> {
  const {store} = txn
  const at = timestamp(store)
  if (changes.assignedTo !== undefined) task.assigned_to = changes.assignedTo
  if (changes.text !== undefined && task._type === 'lead') task.text = changes.text
  if (changes.date !== undefined) {
    task.date = changes.date ?? store.today()
    task.is_dateless = changes.date === null
  }

  if (changes.isComplete !== undefined && changes.isComplete !== task.is_complete) {
    task.is_complete = changes.isComplete
    if (changes.isComplete) {
      const done = {
        ...activityBase(store, 'TaskCompleted', task.lead_id, task.contact_id),
        task_assigned_to: task.assigned_to,
        task_id: task.id,
        task_text: task.text,
      }
      await addActivity(txn, await txn.activities(chunk.n), done)
      task.object_type = 'taskcompleted'
      task.object_id = done.id
    } else {
      task.object_type = null
      task.object_id = null
    }
  }

  task.date_updated = at
  task.updated_by = store.meta.me
  touchLead(chunk, task.lead_id, at, store.meta.me)
}

export async function createTask(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  return store.write(async (txn) => {
    const problems = new Problems()
    const type = body._type ?? 'lead'
    if (typeof type !== 'string' || !CREATABLE_TYPES.has(type)) {
      problems.add('_type', `Not a valid choice. Tasks of type ${JSON.stringify(type)} cannot be created.`)
    }

    const found = await requireLead(txn, problems, body)
    const {text} = body
    if ((typeof text !== 'string' || !text.trim()) && type === 'lead') problems.add('text', 'This field is required.')

    const rest = {...body}
    delete rest.text
    const changes = taskChanges(store, problems, rest)
    const contactId = contactOnLead(problems, body, found?.chunk, found?.lead.id)
    problems.throwIfAny()
    const {chunk, lead} = found!
    const at = timestamp(store)
    const task: StoredTask = {
      _type: type as string,
      assigned_to: changes.assignedTo === undefined ? store.meta.me : changes.assignedTo,
      contact_id: contactId ?? null,
      created_by: store.meta.me,
      date: changes.date ?? store.today(),
      date_created: at,
      date_updated: at,
      id: newId('task_'),
      is_complete: false,
      is_dateless: !changes.date,
      lead_id: lead.id,
      object_id: null,
      object_type: null,
      text: typeof text === 'string' ? text : '',
      updated_by: store.meta.me,
    }
    chunk.data.tasks.push(task)
    ;(await txn.index('task')).add(task.id, chunk.n)
    if (changes.isComplete) await applyTaskChanges(txn, chunk, task, {isComplete: true})
    touchLead(chunk, lead.id, at, store.meta.me)
    return respond(200, trimFields(renderTask(store, chunk, task), ctx.params.fields()))
  })
}

export async function updateTask(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  const problems = new Problems()
  const changes = taskChanges(store, problems, body)
  return store.write(async (txn) => {
    const found = await findIn(txn, 'task', ctx.id!)
    if (!found) throw notFound('Task')
    problems.throwIfAny()
    await applyTaskChanges(txn, found.chunk, found.object, changes)
    return respond(200, trimFields(renderTask(store, found.chunk, found.object), ctx.params.fields()))
  })
}

const BULK_FIELDS = new Set(['assigned_to', 'date', 'is_complete'])

/** PUT /task/?<filters>: only assigned_to, date and is_complete may change. */
export async function bulkUpdateTasks(ctx: Ctx): Promise<CloseResponse> {
  const {body, params, store} = ctx
  const problems = new Problems()
  for (const key of Object.keys(body)) {
    if (!BULK_FIELDS.has(key))
      problems.add(key, 'This field cannot be updated in bulk; only assigned_to, date and is_complete can.')
  }

  const changes = taskChanges(store, problems, body)
  problems.throwIfAny()
  const selection = taskSelection(store, params)
  return store.write(async (txn) => {
    for (const {chunk, task} of await selectTasks(txn, selection)) {
      await applyTaskChanges(txn, chunk, task, changes)
    }

    return respond(200, {})
  })
}

export async function deleteTask(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  return store.write(async (txn) => {
    const found = await findIn(txn, 'task', ctx.id!)
    if (!found) throw notFound('Task')
    const {chunk, object: task} = found
    chunk.data.tasks = chunk.data.tasks.filter((t) => t.id !== task.id)
    touchLead(chunk, task.lead_id, timestamp(store), store.meta.me)
    ;(await txn.index('task')).remove([task.id])
    return respond(200, {})
  })
}
