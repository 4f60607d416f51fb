/**
 * Quick capture (issue 12 §5): `close note REF TEXT`, `close call REF …`, `close task REF TEXT`.
 * The same services as `notes create`, `calls log` and `tasks create` (services/notes.ts,
 * services/calls.ts, services/tasks.ts), with the lead as a reference (design §5). Each returns
 * the object Close created and the line a person sees: `✓ Note added to Acme Anvil Co`.
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {leads, notes, tasks} from '../close/resources.js'
import {parseCloseDate} from '../input/dates.js'
import {type CallInput, logCall} from './calls.js'
import {leadRef, rememberLead, userRef} from './lead-ref.js'
import {NOTE_FIELD_FLAGS, noteBody, readNoteText, systemNoteReaders} from './notes.js'
import {withFieldErrors} from './records.js'
import {lazyResolver} from './support.js'
import {TASK_FIELD_FLAGS, taskBody} from './tasks.js'

export interface Captured {
  message: string
  record: CloseObject
}

/** The lead's name for the message: from the reference when known, else one read. */
async function leadName(deps: ServiceDeps, lead: {id: string; name?: string}): Promise<string> {
  if (lead.name) return lead.name
  const {api} = await deps.connect()
  const record = await api.get(leads, lead.id, {_fields: 'id,display_name,name'})
  return String(record.display_name ?? record.name ?? lead.id)
}

export async function captureNote(
  deps: ServiceDeps,
  input: {file?: string; lead: string; text?: string},
): Promise<Captured> {
  const lead = await leadRef(deps, input.lead, {flag: 'LEAD'})
  const text = await readNoteText(
    {arg: input.text, file: input.file, interactive: deps.interactive},
    systemNoteReaders((initial) =>
      deps.prompts.editor('Write the note (save and close the editor to log it):', initial),
    ),
    'create',
  )
  const {api} = await deps.connect()
  const [record, name] = await Promise.all([
    withFieldErrors(() => api.create(notes, noteBody({lead: lead.id, text})), NOTE_FIELD_FLAGS, 'note'),
    leadName(deps, lead),
  ])
  await rememberLead(deps, lead.id)
  return {message: `✓ Note added to ${name}`, record}
}

export async function captureCall(deps: ServiceDeps, input: CallInput): Promise<Captured> {
  const lead = await leadRef(deps, input.lead, {flag: 'LEAD'})
  const [record, name] = await Promise.all([logCall(deps, {...input, lead: lead.id}), leadName(deps, lead)])
  return {message: `✓ Call logged on ${name}`, record}
}

export async function captureTask(
  deps: ServiceDeps,
  input: {assignee?: string; due?: string; lead: string; text: string},
  now = new Date(),
): Promise<Captured> {
  const due = input.due === undefined ? undefined : parseCloseDate(input.due, '--due', now)
  const lead = await leadRef(deps, input.lead, {flag: 'LEAD'})
  const assignee =
    input.assignee === undefined ? undefined : (await userRef(deps, input.assignee, {flag: '--assignee'})).id
  const {api} = await deps.connect()
  const resolver = lazyResolver(async () => (await deps.connect()).lookups)
  const body = await taskBody({assignee, due, lead: lead.id, text: input.text}, resolver, now)
  const [record, name] = await Promise.all([
    withFieldErrors(() => api.create(tasks, body), TASK_FIELD_FLAGS, 'task'),
    leadName(deps, lead),
  ])
  await rememberLead(deps, lead.id)
  const when = typeof record.date === 'string' ? ` (due ${record.date.slice(0, 10)})` : ''
  return {message: `✓ Task added to ${name}${when}`, record}
}
