/**
 * Quick capture (issue 12 §5): `close note REF TEXT`, `close call REF …`, `close task REF TEXT`.
 * The same services as `notes create`, `calls log` and `tasks create` (services/notes.ts,
 * services/calls.ts, services/tasks.ts), with the lead as a reference (design §5). Each returns
 * the object Close created and the line a person sees: `✓ Note added to Acme Anvil Co`.
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {leads} from '../close/resources.js'
import {type CallInput, logCall} from './calls.js'
import {leadRef, rememberLead} from './lead-ref.js'
import {createNote} from './notes.js'
import {createTask, taskValues} from './tasks.js'

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
  const [record, name] = await Promise.all([
    createNote(deps, {file: input.file, lead: lead.id, text: input.text}),
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
): Promise<Captured> {
  taskValues({due: input.due, text: input.text}) // bad values exit 2 before any lookup
  const lead = await leadRef(deps, input.lead, {flag: 'LEAD'})
  const [record, name] = await Promise.all([
    createTask(deps, {assignee: input.assignee, due: input.due, lead: lead.id, text: input.text}),
    leadName(deps, lead),
  ])
  await rememberLead(deps, lead.id)
  const when = typeof record.date === 'string' ? ` (due ${record.date.slice(0, 10)})` : ''
  return {message: `✓ Task added to ${name}${when}`, record}
}
