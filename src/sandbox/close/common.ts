/** Lookups and input validation shared by the route handlers. */
import type {Acts, Chunk, CloseStore, Txn} from './store.js'
import type {
  ContactEmail,
  ContactUrl,
  CustomField,
  CustomFieldKind,
  StoredActivity,
  StoredContact,
  StoredLead,
  StoredPhone,
} from './types.js'

import {isDate, normalizePhone, nowTimestamp} from './format.js'
import {type CloseRequest, type Json, type Params, Problems} from './http.js'
import {newId} from './ids.js'

export interface Ctx {
  body: Json
  /** The ID in the path, when the route has one. */
  id?: string
  params: Params
  request: CloseRequest
  store: CloseStore
}

export async function findLead(txn: Txn, id: string): Promise<undefined | {chunk: Chunk; lead: StoredLead}> {
  if (!id.startsWith('lead_')) return undefined
  const n = await txn.locate(id)
  if (n === undefined) return undefined
  const chunk = await txn.chunk(n)
  const lead = chunk.lead(id)
  return lead ? {chunk, lead} : undefined
}

export async function findIn<K extends 'contact' | 'opportunity' | 'task'>(
  txn: Txn,
  kind: K,
  id: string,
): Promise<undefined | {chunk: Chunk; object: NonNullable<ReturnType<Chunk[K]>>}> {
  const prefix = {contact: 'cont_', opportunity: 'oppo_', task: 'task_'}[kind]
  if (!id.startsWith(prefix)) return undefined
  const n = await txn.locate(id)
  if (n === undefined) return undefined
  const chunk = await txn.chunk(n)
  const object = chunk[kind](id) as NonNullable<ReturnType<Chunk[K]>> | undefined
  return object ? {chunk, object} : undefined
}

export async function findActivity(
  txn: Txn,
  id: string,
): Promise<undefined | {activity: StoredActivity; acts: Acts; chunk: Chunk}> {
  if (!id.startsWith('acti_')) return undefined
  const n = await txn.locate(id)
  if (n === undefined) return undefined
  const acts = await txn.activities(n)
  const activity = acts.activity(id)
  return activity ? {activity, acts, chunk: await txn.chunk(n)} : undefined
}

export function timestamp(store: CloseStore): string {
  return nowTimestamp(store.now())
}

/** Close moves a lead's `date_updated` when something on it changes. */
export function touchLead(chunk: Chunk, leadId: string, at: string, by: string): void {
  const lead = chunk.lead(leadId)
  if (lead) {
    lead.date_updated = at
    lead.updated_by = by
  }

  chunk.touch()
}

export function addActivity(txn: Txn, acts: Acts, activity: StoredActivity): Promise<void> {
  acts.data.activities.push(activity)
  acts.touch()
  return txn.index('acti').then((index) => index.add(activity.id, acts.n))
}

/** A new activity's common fields, written by me now. */
export function activityBase(
  store: CloseStore,
  type: string,
  leadId: string,
  contactId: null | string,
): StoredActivity {
  const at = timestamp(store)
  return {
    _type: type,
    activity_at: at,
    contact_id: contactId,
    created_by: store.meta.me,
    date_created: at,
    date_updated: at,
    id: newId('acti_'),
    lead_id: leadId,
    updated_by: store.meta.me,
    user_id: store.meta.me,
  }
}

/** A string field: absent → undefined; null allowed when `nullable`; anything else is an error. */
export function stringField(problems: Problems, body: Json, key: string, nullable = true): null | string | undefined {
  if (!(key in body)) return undefined
  const value = body[key]
  if (value === null && nullable) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  problems.add(key, value === null ? 'This field may not be null.' : 'Not a valid string.')
  return undefined
}

function listOf(problems: Problems, field: string, value: unknown): Json[] | undefined {
  if (value === null || value === undefined) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    problems.add(field, 'Expected a list of objects.')
    return undefined
  }

  return value as Json[]
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface ContactInput {
  emails?: ContactEmail[]
  name?: null | string
  phones?: StoredPhone[]
  title?: null | string
  urls?: ContactUrl[]
}

function emailsInput(problems: Problems, field: string, value: unknown): ContactEmail[] | undefined {
  const list = listOf(problems, field, value)
  if (!list) return undefined
  const emails: ContactEmail[] = []
  for (const entry of list) {
    const email = typeof entry.email === 'string' ? entry.email.trim() : ''
    if (EMAIL_RE.test(email)) {
      emails.push({email, is_unsubscribed: entry.is_unsubscribed === true, type: typeOr(entry.type, 'office')})
    } else {
      problems.add(field, `Enter a valid email address: ${JSON.stringify(entry.email ?? null)}.`)
    }
  }

  return emails
}

function phonesInput(problems: Problems, field: string, value: unknown): StoredPhone[] | undefined {
  const list = listOf(problems, field, value)
  if (!list) return undefined
  const phones: StoredPhone[] = []
  for (const entry of list) {
    const normalized = typeof entry.phone === 'string' ? normalizePhone(entry.phone) : undefined
    if (normalized) phones.push({phone: normalized.phone, type: typeOr(entry.type, 'office')})
    else problems.add(field, `Invalid phone number: ${JSON.stringify(entry.phone ?? null)}.`)
  }

  return phones
}

function urlsInput(problems: Problems, field: string, value: unknown): ContactUrl[] | undefined {
  const list = listOf(problems, field, value)
  if (!list) return undefined
  const urls: ContactUrl[] = []
  for (const entry of list) {
    if (typeof entry.url === 'string' && entry.url.trim())
      urls.push({type: typeOr(entry.type, 'url'), url: entry.url.trim()})
    else problems.add(field, 'Enter a valid URL.')
  }

  return urls
}

function typeOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback
}

/** Validate the writable fields of a contact (`name`, `title`, `emails`, `phones`, `urls`). */
export function contactInput(problems: Problems, body: Json, prefix = ''): ContactInput {
  const input: ContactInput = {}
  const name = stringField(problems, body, 'name')
  if (name !== undefined) input.name = name
  const title = stringField(problems, body, 'title')
  if (title !== undefined) input.title = title
  if ('emails' in body) input.emails = emailsInput(problems, `${prefix}emails`, body.emails)
  if ('phones' in body) input.phones = phonesInput(problems, `${prefix}phones`, body.phones)
  if ('urls' in body) input.urls = urlsInput(problems, `${prefix}urls`, body.urls)
  return input
}

export function newContact(store: CloseStore, leadId: string, input: ContactInput, at: string): StoredContact {
  return {
    created_by: store.meta.me,
    date_created: at,
    date_updated: at,
    emails: input.emails ?? [],
    id: newId('cont_'),
    lead_id: leadId,
    name: input.name ?? null,
    phones: input.phones ?? [],
    title: input.title ?? null,
    updated_by: store.meta.me,
    urls: input.urls ?? [],
  }
}

/** A reference to a lead in a body (`lead_id`): Close's `lead` field errors when missing or unknown. */
export async function requireLead(
  txn: Txn,
  problems: Problems,
  body: Json,
): Promise<undefined | {chunk: Chunk; lead: StoredLead}> {
  const id = body.lead_id
  if (id === undefined || id === null || id === '') {
    problems.add('lead', 'This field is required.')
    return undefined
  }

  const found = typeof id === 'string' ? await findLead(txn, id) : undefined
  if (!found) problems.add('lead', 'Object does not exist.')
  return found
}

/** An optional `contact_id` that must be a contact on the given lead. */
export function contactOnLead(
  problems: Problems,
  body: Json,
  chunk: Chunk | undefined,
  leadId: string | undefined,
): null | string | undefined {
  if (!('contact_id' in body)) return undefined
  const id = body.contact_id
  if (id === null || id === '') return null
  const contact = typeof id === 'string' && chunk ? chunk.contact(id) : undefined
  if (!contact || contact.lead_id !== leadId) {
    problems.add('contact', 'Object does not exist.')
    return undefined
  }

  return contact.id
}

/** An optional user reference (`user_id`, `assigned_to`) that must be a user of the organization. */
export function userRef(problems: Problems, store: CloseStore, body: Json, key: string): null | string | undefined {
  if (!(key in body)) return undefined
  const id = body[key]
  if (id === null) return null
  if (typeof id !== 'string' || !store.user(id)) {
    problems.add(key, 'Object does not exist.')
    return undefined
  }

  return id
}

/** `YYYY-MM-DD` naming a day that exists (no February 30th). */
function isCalendarDate(value: unknown): value is string {
  if (!isDate(value)) return false
  const ms = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value)
}

/** A custom field value checked against the field's type: `{value}` or `{error}`. */
export function customValue(field: CustomField, value: unknown): {error: string} | {value: unknown} {
  if (value === null || value === '') return {value: null}
  switch (field.type) {
    case 'choices': {
      if (field.accepts_multiple_values && Array.isArray(value)) {
        const picked = value.map((v) => customValue({...field, accepts_multiple_values: false}, v))
        const bad = picked.find((p) => 'error' in p)
        return bad ?? {value: picked.map((p) => (p as {value: unknown}).value)}
      }

      const choice = field.choices?.find((c) => typeof value === 'string' && c.toLowerCase() === value.toLowerCase())
      return choice
        ? {value: choice}
        : {error: `Not a valid choice: ${JSON.stringify(value)}. Choose one of: ${field.choices?.join(', ')}.`}
    }

    case 'date': {
      return isCalendarDate(value) ? {value} : {error: 'Enter a valid date (YYYY-MM-DD).'}
    }

    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
      return Number.isFinite(number) ? {value: number} : {error: 'Enter a number.'}
    }

    case 'text': {
      return typeof value === 'string' || typeof value === 'number'
        ? {value: String(value)}
        : {error: 'Not a valid string.'}
    }
  }
}

/**
 * `custom.cf_x` / `custom.Field Name` keys and the deprecated `custom` dict → values by field ID,
 * each checked against the field's type and choices, as Close does on create and update.
 */
export function customInput(
  store: CloseStore,
  problems: Problems,
  body: Json,
  kind: CustomFieldKind = 'lead',
): Record<string, unknown> {
  const entries: Array<[string, string, unknown]> = []
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('custom.')) entries.push([key, key.slice('custom.'.length), value])
  }

  if (body.custom && typeof body.custom === 'object' && !Array.isArray(body.custom)) {
    for (const [name, value] of Object.entries(body.custom)) entries.push([`custom.${name}`, name, value])
  }

  const values: Record<string, unknown> = {}
  for (const [key, name, value] of entries) {
    const field = store.customField(name, kind)
    if (!field) {
      problems.add(key, `Unknown custom field "${name}".`)
      continue
    }

    const checked = customValue(field, value)
    if ('error' in checked) problems.add(key, checked.error)
    else values[field.id] = checked.value
  }

  return values
}

/** Set (or, with null, remove) custom values on a stored object. */
export function applyCustom(target: {custom?: Record<string, unknown>}, values: Record<string, unknown>): void {
  for (const [id, value] of Object.entries(values)) {
    target.custom ??= {}
    if (value === null) delete target.custom[id]
    else target.custom[id] = value
  }
}

export {Problems} from './http.js'
