/**
 * Leads: turning what the user typed into Close request bodies (pure, unit-tested), Close's field
 * errors into messages that name the flag to fix, and the few steps create/update/delete take.
 * Commands stay thin: they parse flags, call one function here and render the result. The flags
 * themselves, and which Close field each sets, are one table in src/flags/leads.ts.
 *
 * Close facts used (reference/close-api.md §2, §3, §6): a lead is created with nested `contacts`,
 * `addresses` and `custom.cf_…` keys; PUT behaves like PATCH, replaces `addresses` as a whole and
 * cannot change nested contacts (those go through the Contacts API); an address has `label`,
 * `address_1`, `address_2`, `city`, `state`, `zipcode` and an ISO-2 `country`.
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {contacts, leads} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {LEAD_FIELD_FLAGS, LEAD_TABLE, LEAD_UPDATE_FLAGS, type LeadFlags} from '../flags/leads.js'
import {hasChanges} from '../flags/table.js'
import {refuseMissing} from '../input/ask.js'
import {type ContactInput, parseContact, parseEmail, parsePhone} from '../input/values.js'
import {checkAssignments, customFieldChanges, whereQuery} from './custom-fields.js'
import {leadRef, rememberLead} from './lead-ref.js'
import {withFieldErrors} from './records.js'
import {resolveView, viewQuery} from './views.js'

export interface Address {
  address_1?: string
  address_2?: string
  city?: string
  country?: string
  label?: string
  state?: string
  zipcode?: string
}

/** Address flag → Close address key. */
const ADDRESS_FLAGS = {
  'address-1': 'address_1',
  'address-2': 'address_2',
  city: 'city',
  country: 'country',
  state: 'state',
  zip: 'zipcode',
} as const satisfies Record<string, keyof Address>

type AddressFlag = keyof typeof ADDRESS_FLAGS

/** Field errors of a contact that `leads update --contact…` adds through the Contacts API. */
const LEAD_CONTACT_FIELD_FLAGS: Record<string, string> = {
  email: '--contact/--contact-email',
  emails: '--contact/--contact-email',
  lead: 'the lead ID',
  lead_id: 'the lead ID',
  name: '--contact/--contact-name',
  phone: '--contact-phone',
  phones: '--contact-phone',
}

const CUSTOM_KEY = /^(?:custom\.)?((?:cf|lcf)_[A-Za-z0-9]+)$/

/**
 * `--custom cf_x=value` (repeatable) → `{"custom.cf_x": "value"}`. The same field given twice
 * becomes a list (multi-value fields); an empty value (`cf_x=`) becomes null, which unsets it.
 */
export function parseCustomFields(values: string[] = [], flag = '--custom'): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const item of values) {
    const equals = item.indexOf('=')
    const match = equals > 0 ? CUSTOM_KEY.exec(item.slice(0, equals).trim()) : null
    if (!match) {
      throw new UsageError(`${flag} "${item}" is not a custom field assignment.`, {
        code: 'invalid_custom_field',
        hint: `Use ${flag} cf_ID=value with the custom field's ID (cf_…), e.g. ${flag} cf_abc123=Enterprise; an empty value unsets it.`,
      })
    }

    const key = `custom.${match[1]}`
    const raw = item.slice(equals + 1)
    const value = raw.trim() === '' ? null : raw
    if (!(key in result)) result[key] = value
    else if (Array.isArray(result[key])) (result[key] as unknown[]).push(value)
    else result[key] = [result[key], value]
  }

  return result
}

/** `--country` → ISO-2 upper case. */
export function parseCountry(text: string, flag = '--country'): string {
  const code = text.trim()
  if (!/^[A-Za-z]{2}$/.test(code)) {
    throw new UsageError(`${flag} "${text}" is not a two-letter country code.`, {
      code: 'invalid_country',
      hint: `Use the ISO 3166-1 alpha-2 code, e.g. ${flag} US, ${flag} DE, ${flag} GB.`,
    })
  }

  return code.toUpperCase()
}

/** The address parts the flags give (only those), or undefined when no address flag is given. */
export function addressFromFlags(flags: LeadFlags): Address | undefined {
  const address: Address = {}
  for (const [flag, key] of Object.entries(ADDRESS_FLAGS) as Array<[AddressFlag, keyof Address]>) {
    const value = flags[flag]
    if (value === undefined) continue
    address[key] = key === 'country' && value.trim() !== '' ? parseCountry(value) : value
  }

  return Object.keys(address).length > 0 ? address : undefined
}

/**
 * The contacts the flags describe: each `--contact "Name <email>"`, then one contact from
 * `--contact-name/--contact-email/--contact-phone` when any of them is given.
 */
export function contactsFromFlags(flags: LeadFlags): ContactInput[] {
  const result = (flags.contact ?? []).map((text) => parseContact(text, '--contact'))
  const name = flags['contact-name']?.trim()
  const email = flags['contact-email']
  const phone = flags['contact-phone']
  if (name || email !== undefined || phone !== undefined) {
    const contact: ContactInput = {}
    if (name) contact.name = name
    if (email !== undefined) contact.emails = [{email: parseEmail(email, '--contact-email'), type: 'office'}]
    if (phone !== undefined) contact.phones = [{phone: parsePhone(phone, '--contact-phone'), type: 'office'}]
    result.push(contact)
  }

  return result
}

/** The POST /lead/ body for `leads create` (the status already resolved to its ID). */
export function buildLeadBody(flags: LeadFlags, statusId?: string): CloseObject {
  const body: CloseObject = {}
  if (flags.name !== undefined) body.name = flags.name
  if (statusId) body.status_id = statusId
  if (flags.url !== undefined) body.url = flags.url
  if (flags.description !== undefined) body.description = flags.description
  const people = contactsFromFlags(flags)
  if (people.length > 0) body.contacts = people
  const address = addressFromFlags(flags)
  if (address) body.addresses = [{label: 'business', ...address}]
  return {...body, ...parseCustomFields(flags.custom)}
}

/**
 * The PUT /lead/{id}/ body for `leads update`: only the fields given. Address flags change the
 * lead's first address part by part, so `current` (the lead's addresses now) is needed when any is
 * given; Close replaces the whole list, so the other addresses are sent back unchanged.
 */
export function buildLeadChanges(flags: LeadFlags, statusId?: string, current: Address[] = []): CloseObject {
  const changes: CloseObject = {}
  if (flags.name !== undefined) changes.name = flags.name
  if (statusId) changes.status_id = statusId
  if (flags.url !== undefined) changes.url = flags.url
  if (flags.description !== undefined) changes.description = flags.description
  const address = addressFromFlags(flags)
  if (address) {
    const [first, ...rest] = current
    changes.addresses = [{label: 'business', ...first, ...address}, ...rest]
  }

  return {...changes, ...parseCustomFields(flags.custom)}
}

/** Whether any address flag is given (so `leads update` must read the current addresses). */
export function hasAddressFlags(flags: LeadFlags): boolean {
  return Object.keys(ADDRESS_FLAGS).some((flag) => flags[flag as AddressFlag] !== undefined)
}

/** Whether `leads update` was given anything to change. */
export function hasLeadChanges(flags: LeadFlags): boolean {
  return hasChanges(LEAD_TABLE, flags)
}

/**
 * `leads create`: check every flag, then connect, resolve the status label and the `--set` fields,
 * and POST the lead. Bad input never spawns anything.
 */
export async function createLead(deps: ServiceDeps, given: LeadFlags): Promise<CloseObject> {
  buildLeadBody(given)
  checkAssignments(given.set)
  const flags = {...given, name: given.name?.trim() || undefined}
  if (!flags.name) {
    refuseMissing(['--name'], deps.interactive)
    const {askParsed} = await import('../prompts/ask.js')
    flags.name = await askParsed(deps.prompts, 'Lead name (the company):', (text) => {
      if (text.trim() === '') throw new UsageError('A name is needed.', {code: 'missing_input'})
      return text.trim()
    })
  }

  const {api, lookups} = await deps.connect()
  const custom = await customFieldChanges(deps, 'lead', flags.set)
  const statusId = flags.status === undefined ? undefined : (await lookups.resolveLeadStatus(flags.status)).id
  const body = {...buildLeadBody(flags, statusId), ...custom}
  const lead = await withFieldErrors(() => api.create(leads, body), LEAD_FIELD_FLAGS, 'lead')
  await rememberLead(deps, String(lead.id))
  return lead
}

/**
 * `leads update REF`: PUT only the fields given. Contacts cannot be changed through a lead's PUT,
 * so `--contact…` flags add contacts through the Contacts API; the lead is then read again.
 */
export async function updateLead(deps: ServiceDeps, ref: string, flags: LeadFlags): Promise<CloseObject> {
  if (!hasLeadChanges(flags)) {
    throw new UsageError('Nothing to update: give at least one field to change.', {
      code: 'missing_input',
      hint: `Pass one or more of ${LEAD_UPDATE_FLAGS.join(', ')}.`,
    })
  }

  const people = contactsFromFlags(flags)
  buildLeadChanges(flags) // checks every flag before anything is spawned
  checkAssignments(flags.set)
  const {id} = await leadRef(deps, ref, {flag: 'the lead argument'})
  const {api, lookups} = await deps.connect()
  const custom = await customFieldChanges(deps, 'lead', flags.set)
  const statusId = flags.status === undefined ? undefined : (await lookups.resolveLeadStatus(flags.status)).id
  const current = hasAddressFlags(flags) ? await api.get(leads, id) : undefined
  const changes = {...buildLeadChanges(flags, statusId, asAddresses(current?.addresses)), ...custom}
  let lead =
    Object.keys(changes).length > 0
      ? await withFieldErrors(() => api.update(leads, id, changes), LEAD_FIELD_FLAGS, 'lead')
      : (current ?? (await api.get(leads, id)))
  for (const person of people) {
    await withFieldErrors(() => api.create(contacts, {lead_id: id, ...person}), LEAD_CONTACT_FIELD_FLAGS, 'contact')
  }

  if (people.length > 0) lead = await api.get(leads, id)
  await rememberLead(deps, id)
  return lead
}

/** The lead search query for --query, --status, --where and --view together (undefined when none is given). */
export function leadQuery(query?: string, status?: string, extra: string[] = []): string | undefined {
  const parts = [query?.trim(), status ? `status:"${status.replaceAll('"', String.raw`\"`)}"` : undefined, ...extra]
  const joined = parts.filter(Boolean).join(' ')
  return joined || undefined
}

function asAddresses(value: unknown): Address[] {
  return Array.isArray(value) ? value.filter((item): item is Address => typeof item === 'object' && item !== null) : []
}

export {LEAD_FIELD_FLAGS, LEAD_UPDATE_FLAGS, type LeadFlags} from '../flags/leads.js'

export interface LeadListInput {
  query?: string
  status?: string
  view?: string
  where?: string[]
}

/** The lead search for `leads list`: --query, --status, the --view's saved search and --where terms. */
export async function leadListQuery(deps: ServiceDeps, input: LeadListInput): Promise<string | undefined> {
  checkAssignments(input.where, '--where')
  const view = input.view === undefined ? [] : [viewQuery(await resolveView(deps, input.view))]
  return leadQuery(input.query, input.status, [...view, ...(await whereQuery(deps, input.where))])
}
