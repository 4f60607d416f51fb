/** /activity/ routes: the mixed timeline, per-type lists and gets, and notes (create/update/delete). */
import type {Acts} from './store.js'
import type {StoredActivity} from './types.js'

import {
  activityBase,
  addActivity,
  contactOnLead,
  type Ctx,
  findActivity,
  requireLead,
  stringField,
  timestamp,
  touchLead,
  userRef,
} from './common.js'
import {htmlToNote, noteToHtml, nowTimestamp, parseMoment} from './format.js'
import {
  badRequest,
  type CloseResponse,
  dateFilter,
  type Json,
  notFound,
  pageOf,
  Problems,
  respond,
  sortByOrder,
  trimFields,
} from './http.js'
import {renderActivity} from './render.js'

/** Path under /activity/ → the `_type` it lists and the model name in its 404 body. */
export const ACTIVITY_TYPES: Record<string, {model: string; type: string}> = {
  call: {model: 'Call', type: 'Call'},
  email: {model: 'Email', type: 'Email'},
  meeting: {model: 'Meeting', type: 'Meeting'},
  note: {model: 'Note', type: 'Note'},
  sms: {model: 'SMS', type: 'SMS'},
  'status_change/lead': {model: 'LeadStatusChange', type: 'LeadStatusChange'},
  'status_change/opportunity': {model: 'OpportunityStatusChange', type: 'OpportunityStatusChange'},
  task_completed: {model: 'TaskCompleted', type: 'TaskCompleted'},
}

/** GET /activity/ (no `kind`) or /activity/<kind>/. */
export async function listActivities(ctx: Ctx, kind?: string): Promise<CloseResponse> {
  const {params, store} = ctx
  const paging = params.paging()
  const fields = params.fields()
  const tests: Array<(a: StoredActivity) => boolean> = []
  const leadIds = params.oneOf('lead_id')
  const singleLead = leadIds?.length === 1 && !params.has('lead_id__in')
  if (kind) {
    const {type} = ACTIVITY_TYPES[kind]
    tests.push((a) => a._type === type)
  } else {
    // Close only honours these on /activity/ together with a single lead_id.
    const restricted = ['_type', '_type__in', 'user_id', 'user_id__in', 'contact_id', 'contact_id__in'].filter((p) =>
      params.has(p),
    )
    if (restricted.length > 0 && !singleLead) {
      throw badRequest(
        `Filtering /activity/ by ${restricted.join(', ')} is only supported together with a single lead_id.`,
      )
    }

    const types = params.oneOf('_type')?.map((t) => t.toLowerCase())
    if (types) tests.push((a) => types.includes(a._type.toLowerCase()))
  }

  if (leadIds) tests.push((a) => leadIds.includes(a.lead_id))
  const users = params.oneOf('user_id')
  if (users) tests.push((a) => a.user_id !== null && users.includes(a.user_id))
  const contacts = params.oneOf('contact_id')
  if (contacts) tests.push((a) => a.contact_id !== null && contacts.includes(a.contact_id))
  const ids = params.oneOf('id')
  if (ids) tests.push((a) => ids.includes(a.id))
  if (kind === 'status_change/opportunity') {
    const opps = params.oneOf('opportunity_id')
    if (opps) tests.push((a) => opps.includes(a.opportunity_id as string))
  }

  for (const field of ['date_created', 'activity_at'] as const) {
    const test = dateFilter(params, field, (a: StoredActivity) => a[field])
    if (test) tests.push(test)
  }

  const order = params.get('_order_by') || '-date_created'
  if (!kind && order.replace(/^-/, '') === 'activity_at' && !singleLead) {
    throw badRequest('Sorting /activity/ by activity_at is only supported together with a single lead_id.')
  }

  return store.read(async (txn) => {
    const lookups = leadIds ?? ids
    let acts: Acts[]
    if (lookups) {
      const numbers = new Set<number>()
      for (const id of lookups) {
        const n = await txn.locate(id)
        if (n !== undefined) numbers.add(n)
      }

      acts = await Promise.all([...numbers].sort((a, b) => a - b).map((n) => txn.activities(n)))
    } else {
      acts = await txn.allActs()
    }

    const matches = acts.flatMap((a) => a.data.activities.filter((activity) => tests.every((t) => t(activity))))
    sortByOrder(matches, order, ['date_created', 'activity_at', 'date_updated'], (a, field) => a[field])
    const page = pageOf(matches, paging)
    return respond(200, {
      data: page.data.map((a) => trimFields(renderActivity(store, a), fields)),
      has_more: page.has_more,
    })
  })
}

export async function getActivity(ctx: Ctx, kind: string): Promise<CloseResponse> {
  const {model, type} = ACTIVITY_TYPES[kind]
  return ctx.store.read(async (txn) => {
    const found = await findActivity(txn, ctx.id!)
    if (!found || found.activity._type !== type) throw notFound(model)
    return respond(200, trimFields(renderActivity(ctx.store, found.activity), ctx.params.fields()))
  })
}

/** Close's note rule: `note_html` wins over `note`; `note` alone fills `note_html` (escaped, <br />). */
function noteText(problems: Problems, body: Json): undefined | {note: string; note_html: string} {
  const html = stringField(problems, body, 'note_html')
  const note = stringField(problems, body, 'note')
  if (html !== undefined) return {note: htmlToNote(html ?? ''), note_html: html ?? ''}
  if (note !== undefined) return {note: note ?? '', note_html: noteToHtml(note ?? '')}
  return undefined
}

export async function createNote(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  return store.write(async (txn) => {
    const problems = new Problems()
    const found = await requireLead(txn, problems, body)
    const text = noteText(problems, body)
    const title = stringField(problems, body, 'title')
    const contactId = contactOnLead(problems, body, found?.chunk, found?.lead.id)
    problems.throwIfAny()
    const {chunk, lead} = found!
    const note: StoredActivity = {
      ...activityBase(store, 'Note', lead.id, contactId ?? null),
      attachments: [],
      note: text?.note ?? '',
      note_html: text?.note_html ?? '',
      pinned: body.pinned === true,
      title: title ?? null,
    }
    await addActivity(txn, await txn.activities(chunk.n), note)
    touchLead(chunk, lead.id, note.date_created, store.meta.me)
    return respond(200, trimFields(renderActivity(store, note), ctx.params.fields()))
  })
}

export async function updateNote(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  return store.write(async (txn) => {
    const found = await findActivity(txn, ctx.id!)
    if (!found || found.activity._type !== 'Note') throw notFound('Note')
    const {activity: note, acts, chunk} = found
    const problems = new Problems()
    const text = noteText(problems, body)
    const title = stringField(problems, body, 'title')
    const contactId = contactOnLead(problems, body, chunk, note.lead_id)
    if ('pinned' in body && typeof body.pinned !== 'boolean') problems.add('pinned', 'Must be a valid boolean.')
    problems.throwIfAny()
    if (text) Object.assign(note, text)
    if (title !== undefined) note.title = title
    if (contactId !== undefined) note.contact_id = contactId
    if (typeof body.pinned === 'boolean') note.pinned = body.pinned
    const at = timestamp(store)
    note.date_updated = at
    note.updated_by = store.meta.me
    acts.touch()
    touchLead(chunk, note.lead_id, at, store.meta.me)
    return respond(200, trimFields(renderActivity(store, note), ctx.params.fields()))
  })
}

const CALL_DIRECTIONS = ['inbound', 'outbound']
const CALL_STATUSES = ['created', 'in-progress', 'completed', 'cancel', 'no-answer', 'busy', 'failed', 'timeout']
const CALL_DISPOSITIONS = ['answered', 'no-answer', 'vm-answer', 'vm-left', 'busy', 'blocked', 'error', 'abandoned']

function choiceField(problems: Problems, body: Json, key: string, choices: string[]): string | undefined {
  if (!(key in body) || body[key] === null) return undefined
  if (typeof body[key] === 'string' && choices.includes(body[key])) return body[key]
  problems.add(key, `Not a valid choice. Use one of: ${choices.join(', ')}.`)
  return undefined
}

/**
 * POST /activity/call/: log a call on a lead (Close: `lead_id` required; `direction`, `status`,
 * `disposition`, `duration` in seconds, `phone`, `note`/`note_html`, `contact_id`, `user_id`,
 * `activity_at`). Defaults: outbound, completed, logged by me now, source External.
 */
export async function createCall(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  return store.write(async (txn) => {
    const problems = new Problems()
    const found = await requireLead(txn, problems, body)
    const text = noteText(problems, body)
    const contactId = contactOnLead(problems, body, found?.chunk, found?.lead.id)
    const direction = choiceField(problems, body, 'direction', CALL_DIRECTIONS) ?? 'outbound'
    const status = choiceField(problems, body, 'status', CALL_STATUSES) ?? 'completed'
    const disposition = choiceField(problems, body, 'disposition', CALL_DISPOSITIONS)
    const duration = body.duration ?? 0
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0) {
      problems.add('duration', 'A valid integer is required.')
    }

    const phone = stringField(problems, body, 'phone')
    const userId = userRef(problems, store, body, 'user_id')
    const activityAt = stringField(problems, body, 'activity_at')
    if (activityAt && Number.isNaN(parseMoment(activityAt))) problems.add('activity_at', 'Enter a valid date/time.')
    problems.throwIfAny()
    const {chunk, lead} = found!
    const contact = contactId ? chunk.contact(contactId) : undefined
    const remote = phone ?? contact?.phones[0]?.phone ?? null
    const base = activityBase(store, 'Call', lead.id, contactId ?? null)
    const call: StoredActivity = {
      ...base,
      activity_at: activityAt ? nowTimestamp(new Date(parseMoment(activityAt))) : base.activity_at,
      direction,
      disposition: disposition ?? (duration === 0 ? 'no-answer' : 'answered'),
      duration,
      local_phone: null,
      note: text?.note ?? '',
      note_html: text?.note_html ?? '',
      phone: remote,
      remote_phone: remote,
      source: 'External',
      status,
      user_id: userId ?? store.meta.me,
    }
    await addActivity(txn, await txn.activities(chunk.n), call)
    touchLead(chunk, lead.id, call.date_created, store.meta.me)
    return respond(200, trimFields(renderActivity(store, call), ctx.params.fields()))
  })
}

/** DELETE /activity/<kind>/{id}/ (notes and calls). */
export async function deleteActivity(ctx: Ctx, kind: string): Promise<CloseResponse> {
  const {model, type} = ACTIVITY_TYPES[kind]
  const {store} = ctx
  return store.write(async (txn) => {
    const found = await findActivity(txn, ctx.id!)
    if (!found || found.activity._type !== type) throw notFound(model)
    const {activity: note, acts, chunk} = found
    acts.data.activities = acts.data.activities.filter((a) => a.id !== note.id)
    acts.touch()
    touchLead(chunk, note.lead_id, timestamp(store), store.meta.me)
    ;(await txn.index('acti')).remove([note.id])
    return respond(200, {})
  })
}
