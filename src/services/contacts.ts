/**
 * Contacts: request bodies from flags (pure, unit-tested) and the steps of create/update.
 *
 * Close facts used (reference/close-api.md §2, §3): a contact belongs to exactly one lead
 * (`lead_id`); `emails[{email, type}]` and `phones[{phone, type}]` are lists that a PUT replaces
 * as a whole; PUT behaves like PATCH for the other fields.
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'
import type {ResolvedContact} from './references.js'

import {assertId} from '../close/ids.js'
import {classifyRef} from '../close/refs.js'
import {contacts, leads} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {refuseMissing} from '../input/ask.js'
import {parseEmail, parsePhone} from '../input/values.js'
import {checkAssignments, customFieldChanges} from './custom-fields.js'
import {contactRef, leadRef, rememberLead, searchLeadRecords} from './lead-ref.js'
import {withFieldErrors} from './records.js'

/** Stands in for the lead while the other values are checked (the lead is resolved later). */
const PLACEHOLDER_LEAD = 'lead_0000000000000000000000'

export {contactFlags} from '../flags/contacts.js'

export interface ContactFlags {
  email?: string[]
  lead?: string
  name?: string
  phone?: string[]
  set?: string[]
  title?: string
}

/** Close field names (as in `field-errors`) → the flag that sets them. */
export const CONTACT_FIELD_FLAGS: Record<string, string> = {
  email: '--email',
  emails: '--email',
  lead: '--lead',
  lead_id: '--lead',
  name: '--name',
  phone: '--phone',
  phones: '--phone',
  title: '--title',
}

export const CONTACT_UPDATE_FLAGS = ['--name', '--title', '--email', '--phone']

/** Repeated `--email` → Close's `emails` list (type `office`). */
export function emailsFromFlags(values: string[]): Array<{email: string; type: string}> {
  return values.map((value) => ({email: parseEmail(value, '--email'), type: 'office'}))
}

/** Repeated `--phone` → Close's `phones` list (E.164, type `office`). */
export function phonesFromFlags(values: string[]): Array<{phone: string; type: string}> {
  return values.map((value) => ({phone: parsePhone(value, '--phone'), type: 'office'}))
}

/** The POST /contact/ body for `contacts create`. */
export function buildContactBody(flags: ContactFlags & {lead: string}): CloseObject {
  const body: CloseObject = {lead_id: assertId(leads, flags.lead, '--lead')}
  if (flags.name !== undefined) body.name = flags.name
  if (flags.title !== undefined) body.title = flags.title
  if (flags.email && flags.email.length > 0) body.emails = emailsFromFlags(flags.email)
  if (flags.phone && flags.phone.length > 0) body.phones = phonesFromFlags(flags.phone)
  return body
}

/** The PUT /contact/{id}/ body for `contacts update`: only the fields given; emails/phones replace the lists. */
export function buildContactChanges(flags: ContactFlags): CloseObject {
  const changes: CloseObject = {}
  if (flags.name !== undefined) changes.name = flags.name
  if (flags.title !== undefined) changes.title = flags.title
  if (flags.email && flags.email.length > 0) changes.emails = emailsFromFlags(flags.email)
  if (flags.phone && flags.phone.length > 0) changes.phones = phonesFromFlags(flags.phone)
  return changes
}

/** `contacts create`: the lead (a reference; the search picker on a terminal), a name or an email, then POST. */
export async function createContact(deps: ServiceDeps, flags: ContactFlags): Promise<CloseObject> {
  const given = {...flags, name: flags.name?.trim() || undefined}
  buildContactBody({...given, lead: PLACEHOLDER_LEAD}) // every value checked before anything is asked or sent
  checkAssignments(given.set)
  const hasEmail = (given.email ?? []).length > 0
  const missing = [...(given.lead ? [] : ['--lead']), ...(given.name || hasEmail ? [] : ['--name (or --email)'])]
  refuseMissing(missing, deps.interactive)
  const lead = given.lead
    ? await leadRef(deps, given.lead, {flag: '--lead'})
    : await askLead(deps, 'Lead to add the contact to (type to search):')
  if (!given.name && !hasEmail) await askContactDetails(deps, given)
  const custom = await customFieldChanges(deps, 'contact', given.set)
  const body = {...buildContactBody({...given, lead: lead.id}), ...custom}
  const {api} = await deps.connect()
  const contact = await withFieldErrors(() => api.create(contacts, body), CONTACT_FIELD_FLAGS, 'contact')
  await rememberLead(deps, lead.id)
  return contact
}

/** The lead search picker (design §5): type to filter, each pause one Close lead search. */
async function askLead(deps: ServiceDeps, message: string): Promise<{id: string; name?: string}> {
  const {pickLead} = await import('../prompts/pickers.js')
  const chosen = await pickLead(deps.prompts, message, {
    searchLeads: (query, limit) => searchLeadRecords(deps, query, limit),
  })
  return {id: chosen.id, name: chosen.name}
}

/** Name (required), then email and phone (optional), each checked as it is typed. */
async function askContactDetails(deps: ServiceDeps, given: ContactFlags): Promise<void> {
  const {askParsed} = await import('../prompts/ask.js')
  given.name = await askParsed(deps.prompts, 'Contact name:', (text) => requiredText(text, 'A name'))
  const email = await askParsed(deps.prompts, 'Email (optional):', (text) => parseEmail(text, '--email'), {
    optional: true,
  })
  if (email) given.email = [email]
  const phone = await askParsed(deps.prompts, 'Phone (optional):', (text) => parsePhone(text, '--phone'), {
    optional: true,
  })
  if (phone) given.phone = [phone]
}

function requiredText(text: string, what: string): string {
  if (text.trim() === '') throw new UsageError(`${what} is needed.`, {code: 'missing_input'})
  return text.trim()
}

/**
 * A contact from the argument: an ID or URL as is; an email or phone without --lead finds the lead
 * by a lead search first; a name needs --lead (the contacts of that lead are matched).
 */
export async function contactFrom(
  deps: ServiceDeps,
  text: string,
  leadText: string | undefined,
): Promise<ResolvedContact> {
  const ref = classifyRef(text)
  let leadId: string | undefined
  if (leadText) leadId = (await leadRef(deps, leadText, {flag: '--lead'})).id
  else if (ref.kind === 'email' || ref.kind === 'phone')
    leadId = (await leadRef(deps, text, {flag: 'the contact argument'})).id
  return contactRef(deps, text, leadId, {flag: 'the contact argument'})
}

/** `contacts get REF`: the contact, remembering its lead for @last. */
export async function getContact(deps: ServiceDeps, text: string, leadText?: string): Promise<CloseObject> {
  const {id} = await contactFrom(deps, text, leadText)
  const {api} = await deps.connect()
  const contact = await api.get(contacts, id)
  await rememberLead(deps, typeof contact.lead_id === 'string' ? contact.lead_id : undefined)
  return contact
}

/** `contacts update REF`: PUT only what was given; nothing given → exit 2 listing the flags. */
export async function updateContact(deps: ServiceDeps, text: string, flags: ContactFlags): Promise<CloseObject> {
  const changes = buildContactChanges(flags)
  checkAssignments(flags.set)
  if (Object.keys(changes).length === 0 && (flags.set ?? []).length === 0) {
    throw new UsageError('Nothing to update: give at least one field to change.', {
      code: 'missing_input',
      hint: `Pass one or more of ${CONTACT_UPDATE_FLAGS.join(', ')}.`,
    })
  }

  const {id} = await contactFrom(deps, text, flags.lead)
  const custom = await customFieldChanges(deps, 'contact', flags.set)
  const {api} = await deps.connect()
  const contact = await withFieldErrors(
    () => api.update(contacts, id, {...changes, ...custom}),
    CONTACT_FIELD_FLAGS,
    'contact',
  )
  await rememberLead(deps, typeof contact.lead_id === 'string' ? contact.lead_id : undefined)
  return contact
}

/** `contacts list --lead REF`: the lead's ID (undefined without --lead). */
export async function contactListLead(deps: ServiceDeps, leadText: string | undefined): Promise<string | undefined> {
  if (leadText === undefined) return undefined
  const {id} = await leadRef(deps, leadText, {flag: '--lead'})
  await rememberLead(deps, id)
  return id
}
