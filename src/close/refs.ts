/**
 * Record references as data (design §5): what a user may type where a lead is expected, classified
 * without any I/O, and the one Close lead search each needs. Resolution (calls, pickers, errors
 * with candidates) lives in services/references.ts.
 *
 *   lead_…, cont_…, oppo_…, task_… …        an ID (its kind from the prefix, close/ids.ts)
 *   https://app.close.com/lead/lead_…/      a pasted Close URL: lead, contact or opportunity
 *                                           (also app.close.io, /opportunities/…, extra path, ?query, #hash)
 *   jane@acme.com                           an email address
 *   +1 415 555 0100, (415) 555-0100         a phone number (7–15 digits, phone punctuation only)
 *   acme.com, www.acme.com, https://acme.com/about   a website or domain
 *   `@last`                                 the lead this CLI last showed or changed
 *   anything else                           a company or person name, free text
 *
 * Lead search queries (reference/close-api.md §5a): email → `email_address:"…"`, phone →
 * `phone_number:"…"`, domain → `url:"…" OR "…"` (the website, or the domain as text: a company
 * named "Booking.com", contacts at @acme.com), text → the quoted phrase (Close matches it in lead
 * names and contact names/emails). The field names are in {@link LEAD_SEARCH_FIELDS}.
 */

import type {CloseObject} from './normalize.js'

/** Objects whose IDs we recognise, by prefix. */
export const ID_PREFIXES = {
  acti: 'activity',
  cont: 'contact',
  lead: 'lead',
  oppo: 'opportunity',
  task: 'task',
  user: 'user',
} as const

export type RefObject = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES]

export type Ref =
  | {domain: string; kind: 'domain'; text: string}
  | {email: string; kind: 'email'; text: string}
  | {id: string; kind: 'id' | 'url'; object: RefObject; text: string}
  | {kind: 'empty'; text: string}
  | {kind: 'last'; text: string}
  /** Looks like an ID or a Close URL but is not a usable one; `reason` says why. */
  | {kind: 'malformed'; reason: string; text: string}
  | {kind: 'phone'; phone: string; text: string}
  | {kind: 'text'; name: string; text: string}

/** The Close search keys used per reference kind (one place to change them). */
export const LEAD_SEARCH_FIELDS = {domain: 'url', email: 'email_address', phone: 'phone_number'} as const

const CLOSE_HOSTS = new Set(['app.close.com', 'app.close.io', 'close.com', 'close.io', 'www.close.com'])
const ID = /^([a-z]+)_([A-Za-z0-9]{8,64})$/
const ID_LIKE = /^(acti|cont|lead|oppo|task|user)_\S*$/
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const PHONE_CHARS = /^\+?[\d\s().-]+$/

/** Classify what the user typed. Pure: no I/O, never throws. */
export function classifyRef(input: string): Ref {
  const text = input.trim()
  if (text === '') return {kind: 'empty', text}
  if (text.toLowerCase() === '@last') return {kind: 'last', text}

  const id = ID.exec(text)
  if (id) {
    const object = idObject(id[1])
    return object
      ? {id: text, kind: 'id', object, text}
      : {kind: 'malformed', reason: `"${id[1]}_" is not a kind of ID this command knows`, text}
  }

  if (ID_LIKE.test(text)) return {kind: 'malformed', reason: 'it is not a well-formed Close ID', text}

  if (/^[a-z][a-z\d+.-]*:\/\//i.test(text) || /^(app\.)?close\.(com|io)\//i.test(text)) return classifyUrl(text)

  if (EMAIL.test(text)) return {email: text.replace(/^mailto:/i, '').toLowerCase(), kind: 'email', text}

  const phone = phoneOf(text)
  if (phone) return {kind: 'phone', phone, text}

  const domain = domainOf(text)
  if (domain) return {domain, kind: 'domain', text}

  return {kind: 'text', name: text.replaceAll(/\s+/g, ' '), text}
}

/**
 * The Close lead search for a reference that needs one (email, phone, domain, text); undefined for
 * IDs, URLs and `@last`, which resolve without a search.
 */
export function leadSearchQuery(ref: Ref): string | undefined {
  switch (ref.kind) {
    case 'domain': {
      // The website, or the domain as text (a company named "Booking.com", contacts @acme.com).
      return `${LEAD_SEARCH_FIELDS.domain}:${quote(ref.domain)} OR ${quote(ref.domain)}`
    }

    case 'email': {
      return `${LEAD_SEARCH_FIELDS.email}:${quote(ref.email)}`
    }

    case 'phone': {
      return `${LEAD_SEARCH_FIELDS.phone}:${quote(ref.phone)}`
    }

    case 'text': {
      return quote(ref.name)
    }

    default: {
      return undefined
    }
  }
}

/** A Close search string literal: double quotes, with `"` and `\` escaped. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', String.raw`\\`).replaceAll('"', String.raw`\"`)}"`
}

/** `cont_…` → `contact`; undefined for prefixes we do not know. */
export function idObject(prefix: string): RefObject | undefined {
  return Object.hasOwn(ID_PREFIXES, prefix) ? ID_PREFIXES[prefix as keyof typeof ID_PREFIXES] : undefined
}

function classifyUrl(text: string): Ref {
  let url: URL
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    return {kind: 'malformed', reason: 'it is not a valid URL', text}
  }

  const host = url.hostname.toLowerCase()
  if (!CLOSE_HOSTS.has(host)) {
    const domain = domainOf(host)
    return domain && /^https?:$/.test(url.protocol)
      ? {domain, kind: 'domain', text}
      : {kind: 'malformed', reason: 'it is not a Close URL or a website', text}
  }

  // Close app paths: /lead/lead_…/, /contact/cont_…/, /opportunity/oppo_…/ or /opportunities/…;
  // a lead ID anywhere in the path wins (the lead page with a contact or opportunity open).
  const ids = url.pathname
    .split('/')
    .map((segment) => ID.exec(decodeSegment(segment)))
    .filter((match): match is RegExpExecArray => match !== null)
  const order: RefObject[] = ['lead', 'contact', 'opportunity', 'task']
  for (const wanted of order) {
    const found = ids.find((match) => idObject(match[1]) === wanted)
    if (found) return {id: found[0], kind: 'url', object: wanted, text}
  }

  return {kind: 'malformed', reason: 'this Close URL does not point at a lead, contact or opportunity', text}
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** E.164 (`+14155550100`) when it starts with `+`, else the digits; undefined when it is not a phone number. */
function phoneOf(text: string): string | undefined {
  if (!PHONE_CHARS.test(text)) return undefined
  const digits = text.replaceAll(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return undefined
  // A plain number with separators that are not phone-like ("2026.11.25", "1.5") is not a phone.
  if (/^\d{1,4}([.-])\d{1,2}\1\d{1,4}$/.test(text)) return undefined
  return text.startsWith('+') ? `+${digits}` : digits
}

function domainOf(text: string): string | undefined {
  const host = text
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\/.*$/, '')
  return DOMAIN.test(host) && /[a-z]/.test(host.split('.').at(-1) ?? '') ? host : undefined
}

// ——— how a record is named in pickers and candidate lists ———

/** What a picker shows and the JSON error lists. */
export interface Candidate {
  /** A second line: a contact, an email, a website. */
  detail?: string
  id: string
  name: string
}

/** A lead object → what a picker or candidates list shows. */
export function leadCandidate(lead: CloseObject): Candidate {
  const contacts = Array.isArray(lead.contacts) ? (lead.contacts as CloseObject[]) : []
  const contact = contacts[0]
  const email = firstEmail(contact) ?? stringField(lead, 'primary_email')
  const parts = [stringField(contact, 'name'), email, stringField(lead, 'url')].filter(Boolean)
  return {
    id: String(lead.id),
    name: leadName(lead),
    ...(parts.length > 0 ? {detail: [...new Set(parts)].join(' · ')} : {}),
  }
}

export function leadName(lead: CloseObject): string {
  return stringField(lead, 'display_name') ?? stringField(lead, 'name') ?? String(lead.id)
}

export function contactCandidate(contact: CloseObject): Candidate {
  const detail = [firstEmail(contact), stringField(contact, 'title')].filter(Boolean).join(' · ')
  return {
    id: String(contact.id),
    name:
      stringField(contact, 'display_name') ?? stringField(contact, 'name') ?? firstEmail(contact) ?? String(contact.id),
    ...(detail ? {detail} : {}),
  }
}

export function stringField(object: CloseObject | undefined, key: string): string | undefined {
  const value = object?.[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function listField(object: CloseObject | undefined, key: string): CloseObject[] {
  const value = object?.[key]
  return Array.isArray(value) ? (value.filter((entry) => entry && typeof entry === 'object') as CloseObject[]) : []
}

export function firstEmail(contact: CloseObject | undefined): string | undefined {
  return stringField(listField(contact, 'emails')[0], 'email')
}
