/**
 * Calls and meetings (issue 12 §3): list filters, and logging a call (`POST /activity/call/`,
 * reference close-api.md §3). Input is checked before Membrane is started; lead and user
 * references resolve through services/lead-ref.ts.
 */
import type {Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {calls} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {parseDay} from '../input/dates.js'
import {parseDuration} from '../input/duration.js'
import {contactRef, leadRef, rememberLead} from './lead-ref.js'
import {systemNoteReaders} from './notes.js'
import {withFieldErrors} from './records.js'
import {userFilter} from './today.js'

export const directions = ['outbound', 'inbound'] as const
export const meetingWhen = ['today', 'upcoming', 'past'] as const

export interface ActivityFilters {
  lead?: string
  since?: string
  user?: string
}

/** `--lead`, `--user`, `--since` → Close's per-type activity filters. */
export async function activityListParams(
  deps: ServiceDeps,
  filters: ActivityFilters,
  now = new Date(),
): Promise<Params> {
  const since = filters.since === undefined ? undefined : parseDay(filters.since, '--since', now)
  const params: Params = {}
  if (since) params.activity_at__gte = since
  if (filters.lead !== undefined) params.lead_id = (await leadRef(deps, filters.lead, {flag: '--lead'})).id
  if (filters.user !== undefined) params.user_id = await userFilter(deps, filters.user)
  return params
}

/** `--today`, `--upcoming`, `--past` → a window on the meeting's start (`activity_at`). */
export function meetingWindow(when: (typeof meetingWhen)[number] | undefined, now = new Date()): Params {
  const midnight = (offset: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset).toISOString()
  switch (when) {
    case 'past': {
      return {_order_by: '-activity_at', activity_at__lt: now.toISOString()}
    }

    case 'today': {
      return {_order_by: 'activity_at', activity_at__gte: midnight(0), activity_at__lt: midnight(1)}
    }

    case 'upcoming': {
      return {_order_by: 'activity_at', activity_at__gte: now.toISOString()}
    }

    default: {
      return {}
    }
  }
}

export interface CallInput {
  contact?: string
  direction?: (typeof directions)[number]
  duration?: string
  file?: string
  lead: string
  note?: string
  phone?: string
}

/** The call note: `--note TEXT`, `--note -` / `--file -` (stdin) or `--file PATH`; optional. */
async function callNote(input: CallInput): Promise<string | undefined> {
  if (input.note !== undefined && input.file !== undefined) {
    throw new UsageError('Give the call note as --note or --file, not both.', {code: 'invalid_input'})
  }

  const readers = systemNoteReaders(async () => '')
  if (input.note === '-' || input.file === '-') return (await readers.readStdin()).trimEnd()
  if (input.file !== undefined) return (await readers.readFile(input.file)).trimEnd()
  return input.note
}

/** Log a call on a lead (`POST /activity/call/`) and return the call Close created. */
export async function logCall(deps: ServiceDeps, input: CallInput): Promise<CloseObject> {
  const duration = input.duration === undefined ? undefined : parseDuration(input.duration)
  const note = await callNote(input)
  const lead = await leadRef(deps, input.lead, {flag: 'LEAD'})
  const body: CloseObject = {direction: input.direction ?? 'outbound', lead_id: lead.id}
  if (duration !== undefined) body.duration = duration
  if (input.phone !== undefined) body.phone = input.phone
  if (note) body.note = note
  if (input.contact !== undefined)
    body.contact_id = (await contactRef(deps, input.contact, lead.id, {flag: '--contact'})).id
  const {api} = await deps.connect()
  const created = await withFieldErrors(() => api.create(calls, body), CALL_FIELD_FLAGS, 'call')
  await rememberLead(deps, lead.id)
  return created
}

export const CALL_FIELD_FLAGS = {
  contact_id: '--contact',
  direction: '--direction',
  duration: '--duration',
  lead_id: 'LEAD',
  note: '--note',
  phone: '--phone',
}
