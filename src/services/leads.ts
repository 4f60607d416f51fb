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
import type {CloseApi} from '../close/api.js'
import type {Lookups} from '../close/lookups.js'
import type {CloseObject} from '../close/normalize.js'

import {assertId} from '../close/ids.js'
import {contacts, leads} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {LEAD_FIELD_FLAGS, LEAD_TABLE, LEAD_UPDATE_FLAGS, type LeadFlags} from '../flags/leads.js'
import {hasChanges} from '../flags/table.js'
import {type ContactInput, parseContact, parseEmail, parsePhone} from '../input/values.js'
import {withFieldErrors} from './records.js'

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

/** What the lead commands need from the Close router and the organization lookups. */
export interface LeadDeps {
  api: Pick<CloseApi, 'create' | 'delete' | 'get' | 'update'>
  lookups: Pick<Lookups, 'resolveLeadStatus'>
}

/**
 * `leads create`: check every flag, then connect, resolve the status label and POST the lead (one
 * Membrane process when the lookups are warm). `connect` runs only once the input is valid, so bad
 * input never spawns anything.
 */
export async function createLead(connect: () => Promise<LeadDeps>, flags: LeadFlags): Promise<CloseObject> {
  buildLeadBody(flags)
  const deps = await connect()
  const statusId = flags.status === undefined ? undefined : (await deps.lookups.resolveLeadStatus(flags.status)).id
  const body = buildLeadBody(flags, statusId)
  return withFieldErrors(() => deps.api.create(leads, body), LEAD_FIELD_FLAGS, 'lead')
}

/**
 * `leads update ID`: PUT only the fields given. Contacts cannot be changed through a lead's PUT,
 * so `--contact…` flags add contacts through the Contacts API; the lead is then read again.
 */
export async function updateLead(connect: () => Promise<LeadDeps>, id: string, flags: LeadFlags): Promise<CloseObject> {
  assertId(leads, id)
  if (!hasLeadChanges(flags)) {
    throw new UsageError('Nothing to update: give at least one field to change.', {
      code: 'missing_input',
      hint: `Pass one or more of ${LEAD_UPDATE_FLAGS.join(', ')}.`,
    })
  }

  const people = contactsFromFlags(flags)
  buildLeadChanges(flags) // checks every flag before anything is spawned
  const deps = await connect()
  const statusId = flags.status === undefined ? undefined : (await deps.lookups.resolveLeadStatus(flags.status)).id
  const current = hasAddressFlags(flags) ? await deps.api.get(leads, id) : undefined
  const changes = buildLeadChanges(flags, statusId, asAddresses(current?.addresses))
  let lead =
    Object.keys(changes).length > 0
      ? await withFieldErrors(() => deps.api.update(leads, id, changes), LEAD_FIELD_FLAGS, 'lead')
      : (current ?? (await deps.api.get(leads, id)))
  if (people.length > 0) {
    for (const person of people) {
      await withFieldErrors(
        () => deps.api.create(contacts, {lead_id: id, ...person}),
        LEAD_CONTACT_FIELD_FLAGS,
        'contact',
      )
    }

    lead = await deps.api.get(leads, id)
  }

  return lead
}

function asAddresses(value: unknown): Address[] {
  return Array.isArray(value) ? value.filter((item): item is Address => typeof item === 'object' && item !== null) : []
}

export {LEAD_FIELD_FLAGS, LEAD_UPDATE_FLAGS, type LeadFlags} from '../flags/leads.js'
