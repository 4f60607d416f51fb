/**
 * Record references resolved (design §5): a lead from an ID, a pasted Close URL, an email, a
 * phone, a domain, a name or `@last`; a contact within a lead; a user. Everything outside goes
 * through ports, so commands wire in Membrane, the TTY picker and stderr, and tests stub them.
 *
 * The rules, the same for every kind:
 * - IDs and URLs resolve without a search (a contact or opportunity costs one get, for its lead).
 * - Anything else is one search (leads) or one list (contacts of the lead, users).
 * - One match → used; on a terminal it is named through `notify`.
 * - Several → `pick` on a terminal; off a terminal an {@link AmbiguousReferenceError} (exit 2)
 *   listing the candidates (ID and name) in its message and in `candidates` (the JSON error).
 *   A text reference that equals exactly one candidate's name (any case) is that candidate.
 * - None → a NotFoundError (exit 5).
 */
import type {CloseObject} from '../close/normalize.js'

export {type Candidate, contactCandidate, leadCandidate, leadName} from '../close/refs.js'

import {
  type Candidate,
  classifyRef,
  contactCandidate,
  ID_PREFIXES,
  leadCandidate,
  leadName,
  leadSearchQuery,
  listField,
  type Ref,
  type RefObject,
  stringField,
} from '../close/refs.js'
import {NotFoundError, UsageError} from '../errors.js'

/** Shared by every resolver. */
export interface PickPorts {
  /** True on a terminal without --json / CLOSE_NO_PROMPT: pickers may be shown. */
  interactive: boolean
  /** One line on stderr on a terminal ("Using Acme Anvil Co (lead_…)"); a no-op elsewhere. */
  notify(text: string): void
  /** The TTY picker; only called when `interactive`. */
  pick(candidates: Candidate[], context: PickContext): Promise<Candidate>
}

export interface PickContext {
  /** `--lead`, `--contact`, … */
  flag: string
  /** The Close search that found the candidates, for a picker that searches again as you type. */
  query?: string
  /** What the user typed. */
  text: string
  /** `lead`, `contact`, `user`. */
  what: string
}

export interface LeadPorts extends PickPorts {
  getContact(id: string): Promise<CloseObject>
  getLead(id: string): Promise<CloseObject>
  getOpportunity(id: string): Promise<CloseObject>
  /** Only needed for task IDs and URLs in a lead position. */
  getTask?(id: string): Promise<CloseObject>
  /** The lead this CLI last showed or changed on this connection. */
  lastLeadId(): Promise<string | undefined> | string | undefined
  searchLeads(query: string, limit: number): Promise<CloseObject[]>
}

export interface ResolvedLead {
  id: string
  /** Known when a call was made (a search, a contact or opportunity lookup, `verify`). */
  name?: string
  /** The lead object when one was fetched or found by a search. */
  record?: CloseObject
  /** How it was given. */
  via: Ref['kind']
}

export interface ResolveOptions {
  /** The flag or argument named in errors. */
  flag?: string
  /** How many search results to consider (and list). Default 10. */
  limit?: number
}

/** Exit 2: a reference matched several records and nothing may be asked. */
export class AmbiguousReferenceError extends UsageError {
  readonly candidates: Candidate[]

  constructor(message: string, candidates: Candidate[], hint: string) {
    super(message, {
      code: 'ambiguous_reference',
      details: {candidates: candidates.map(({detail, id, name}) => ({id, name, ...(detail ? {detail} : {})}))},
      hint,
    })
    this.candidates = candidates
  }
}

const DEFAULT_LIMIT = 10

/** Any lead reference → one lead ID (see the module comment for the rules). */
export async function resolveLead(
  text: string,
  ports: LeadPorts,
  options: ResolveOptions & {verify?: boolean} = {},
): Promise<ResolvedLead> {
  const flag = options.flag ?? '--lead'
  const ref = classifyRef(text)
  switch (ref.kind) {
    case 'domain':
    case 'email':
    case 'phone':
    case 'text': {
      return searchOne(ref, ports, flag, options.limit ?? DEFAULT_LIMIT)
    }

    case 'empty': {
      throw emptyError(flag, 'a lead ID, a Close URL, an email, a phone, a website or a name')
    }

    case 'id':
    case 'url': {
      return leadFromId(ref, ports, flag, options.verify ?? false)
    }

    case 'last': {
      const id = await ports.lastLeadId()
      if (!id) {
        throw new NotFoundError('No lead to use for @last yet on this connection.', {
          code: 'no_last_lead',
          hint: '@last is the lead this CLI last showed or changed; open one first, e.g. `close leads get "Acme"`.',
        })
      }

      return options.verify ? fetchLead(id, ports, 'last') : {id, via: 'last'}
    }

    case 'malformed': {
      throw malformedError(ref, flag, 'lead')
    }
  }
}

async function searchOne(ref: Ref, ports: LeadPorts, flag: string, limit: number): Promise<ResolvedLead> {
  const query = leadSearchQuery(ref)!
  const found = await ports.searchLeads(query, limit)
  const candidates = found.map((lead) => leadCandidate(lead))
  const chosen = await decide(candidates, {
    exact: ref.kind === 'text' ? ref.name : undefined,
    flag,
    limitHit: found.length >= limit,
    ports,
    query,
    text: ref.text,
    what: 'lead',
  })
  const record = found.find((lead) => String(lead.id) === chosen.id)
  return {id: chosen.id, name: chosen.name, ...(record ? {record} : {}), via: ref.kind}
}

async function leadFromId(
  ref: Extract<Ref, {kind: 'id' | 'url'}>,
  ports: LeadPorts,
  flag: string,
  verify: boolean,
): Promise<ResolvedLead> {
  if (ref.object === 'lead') return verify ? fetchLead(ref.id, ports, ref.kind) : {id: ref.id, via: ref.kind}
  const get = parentGetter(ref.object, ports)
  if (!get) {
    throw new UsageError(`${ref.text} in ${flag} is ${article(ref.object)} ${ref.object} ID, but a lead is needed.`, {
      code: 'wrong_id_kind',
      hint: `Give a lead ID (lead_…), a Close URL, an email, a phone, a website or a name in ${flag}.`,
    })
  }

  const record = await get(ref.id)
  const leadId = stringField(record, 'lead_id')
  if (!leadId) throw new NotFoundError(`The ${ref.object} ${ref.id} is not on a lead.`, {code: 'no_lead'})
  const name = stringField(record, 'lead_name')
  const label = (ref.object === 'contact' ? stringField(record, 'name') : undefined) ?? ref.id
  ports.notify(`Using ${name ? `${name} (${leadId})` : leadId}, the lead of ${ref.object} ${label}`)
  return {id: leadId, ...(name ? {name} : {}), via: ref.kind}
}

function parentGetter(object: RefObject, ports: LeadPorts): ((id: string) => Promise<CloseObject>) | undefined {
  switch (object) {
    case 'contact': {
      return (id) => ports.getContact(id)
    }

    case 'opportunity': {
      return (id) => ports.getOpportunity(id)
    }

    case 'task': {
      return ports.getTask ? (id) => ports.getTask!(id) : undefined
    }

    default: {
      return undefined
    }
  }
}

async function fetchLead(id: string, ports: LeadPorts, via: Ref['kind']): Promise<ResolvedLead> {
  const record = await ports.getLead(id)
  return {id, name: leadName(record), record, via}
}

// ——— contacts ———

export interface ContactPorts extends PickPorts {
  /** The contacts of a lead (all of them; a lead has few). */
  listContacts(leadId: string): Promise<CloseObject[]>
}

export interface ResolvedContact {
  id: string
  leadId?: string
  name?: string
}

/**
 * A contact by ID or Close URL (no call), or by email, phone or name within `leadId`. Without a
 * lead only IDs and URLs are accepted (exit 2 naming `--lead`).
 */
export async function resolveContact(
  text: string,
  leadId: string | undefined,
  ports: ContactPorts,
  options: ResolveOptions = {},
): Promise<ResolvedContact> {
  const flag = options.flag ?? '--contact'
  const ref = classifyRef(text)
  if (ref.kind === 'empty') throw emptyError(flag, 'a contact ID, an email or a name')
  if (ref.kind === 'malformed') throw malformedError(ref, flag, 'contact')
  if (ref.kind === 'id' || ref.kind === 'url') {
    if (ref.object !== 'contact') throw wrongKind(ref, flag, 'contact', 'cont_')
    return {id: ref.id}
  }

  if (ref.kind === 'last')
    throw new UsageError(`@last in ${flag} names a lead, not a contact.`, {code: 'invalid_reference'})
  if (!leadId) {
    throw new UsageError(
      `A contact given by ${ref.kind === 'text' ? 'name' : ref.kind} (${flag}) needs the lead too.`,
      {
        code: 'missing_input',
        hint: `Pass --lead, or give the contact's ID (cont_…) in ${flag}.`,
      },
    )
  }

  const contacts = await ports.listContacts(leadId)
  const matching = contacts.filter((contact) => contactMatches(contact, ref))
  const candidates = matching.map((contact) => contactCandidate(contact))
  const chosen = await decide(candidates, {
    exact: ref.kind === 'text' ? ref.name : undefined,
    flag,
    limitHit: false,
    ports,
    text: ref.text,
    what: 'contact',
    within: `on lead ${leadId}`,
  })
  return {id: chosen.id, leadId, name: chosen.name}
}

function contactMatches(contact: CloseObject, ref: Ref): boolean {
  const emails = listField(contact, 'emails').map((entry) => stringField(entry, 'email')?.toLowerCase())
  const phones = listField(contact, 'phones').map((entry) => (stringField(entry, 'phone') ?? '').replaceAll(/\D/g, ''))
  switch (ref.kind) {
    case 'domain':
    case 'text': {
      const needle = (ref.kind === 'text' ? ref.name : ref.domain).toLowerCase()
      const name = (stringField(contact, 'name') ?? stringField(contact, 'display_name') ?? '').toLowerCase()
      return name.includes(needle) || emails.some((email) => email?.includes(needle))
    }

    case 'email': {
      return emails.includes(ref.email)
    }

    case 'phone': {
      const wanted = ref.phone.replaceAll(/\D/g, '')
      return phones.some((phone) => phone !== '' && (phone.endsWith(wanted) || wanted.endsWith(phone)))
    }

    default: {
      return false
    }
  }
}

// ——— users ———

export interface UserRecord {
  email?: string
  first_name?: string
  id: string
  last_name?: string
}

export interface UserPorts extends PickPorts {
  listUsers(): Promise<UserRecord[]>
  me(): Promise<UserRecord>
}

export interface ResolvedUser {
  id: string
  name?: string
}

/** `me`, a `user_…` ID (no call), an email or a name among the organization's users. */
export async function resolveUser(text: string, ports: UserPorts, options: ResolveOptions = {}): Promise<ResolvedUser> {
  const flag = options.flag ?? '--user'
  const value = text.trim()
  if (value.toLowerCase() === 'me') {
    const me = await ports.me()
    return {id: me.id, name: userName(me)}
  }

  const ref = classifyRef(value)
  if (ref.kind === 'empty') throw emptyError(flag, 'me, a user ID, an email or a name')
  if (ref.kind === 'malformed') throw malformedError(ref, flag, 'user')
  if (ref.kind === 'id' || ref.kind === 'url') {
    if (ref.object !== 'user' || ref.kind === 'url') throw wrongKind(ref, flag, 'user', 'user_')
    return {id: ref.id}
  }

  const everyone = await ports.listUsers()
  const needle = value.toLowerCase()
  const matching =
    ref.kind === 'email'
      ? everyone.filter((user) => user.email?.toLowerCase() === ref.email)
      : everyone.filter((user) =>
          [userName(user), user.email ?? ''].some((field) => field.toLowerCase().includes(needle)),
        )
  const chosen = await decide(
    matching.map((user) => ({id: user.id, name: userName(user), ...(user.email ? {detail: user.email} : {})})),
    {
      exact: value,
      exactFields(candidate) {
        const user = matching.find((u) => u.id === candidate.id)
        return [candidate.name, user?.first_name ?? '', user?.last_name ?? '']
      },
      flag,
      limitHit: false,
      ports,
      text: value,
      what: 'user',
      within: 'in this organization',
    },
  )
  return {id: chosen.id, name: chosen.name}
}

export function userName(user: UserRecord): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || user.id
}

// ——— opportunities, tasks and other records by ID or URL ———

/**
 * An opportunity, task (…) given by ID or Close URL → its ID, without any call; anything else is
 * exit 2 naming the flag.
 */
export function recordIdFrom(text: string, object: RefObject, flag: string): string {
  const ref = classifyRef(text)
  const prefix = Object.entries(ID_PREFIXES).find(([, name]) => name === object)![0]
  if ((ref.kind === 'id' || ref.kind === 'url') && ref.object === object) return ref.id
  if (ref.kind === 'empty') throw emptyError(flag, `${article(object)} ${object} ID (${prefix}_…)`)
  if (ref.kind === 'id' || ref.kind === 'url') throw wrongKind(ref, flag, object, `${prefix}_`)
  throw new UsageError(`"${ref.text}" in ${flag} is not ${article(object)} ${object} ID or URL.`, {
    code: 'invalid_id',
    hint: `Give ${article(object)} ${object} ID (${prefix}_…) or paste its Close URL.`,
  })
}

/**
 * Nothing given: on a terminal pick one of `candidates` (the lead's or my open ones); off a
 * terminal exit 2 naming the flag; none to pick from → exit 5.
 */
export async function chooseRecord(
  candidates: Candidate[],
  ports: PickPorts,
  context: {flag: string; what: string},
): Promise<Candidate> {
  if (!ports.interactive) {
    throw new UsageError(`Missing ${context.flag}.`, {
      code: 'missing_input',
      hint: `Not running on a terminal, so nothing is asked: pass ${context.flag}.`,
    })
  }

  if (candidates.length === 0) throw new NotFoundError(`No ${context.what} to choose from.`, {code: 'no_match'})
  return ports.pick(candidates, {flag: context.flag, text: '', what: context.what})
}

// ——— shared ———

interface Decision {
  /** A text reference: one candidate whose name equals it (any case) wins over partial matches. */
  exact?: string
  exactFields?: (candidate: Candidate) => string[]
  flag: string
  limitHit: boolean
  ports: PickPorts
  query?: string
  text: string
  what: string
  within?: string
}

async function decide(candidates: Candidate[], decision: Decision): Promise<Candidate> {
  const {flag, ports, text, what} = decision
  if (candidates.length === 0) {
    throw new NotFoundError(`No ${what} matches "${text}"${decision.within ? ` ${decision.within}` : ''} (${flag}).`, {
      code: 'no_match',
      hint: hintFor(what, flag),
    })
  }

  let chosen: Candidate | undefined = candidates.length === 1 ? candidates[0] : undefined
  if (!chosen && decision.exact !== undefined) {
    const wanted = decision.exact.toLowerCase()
    const fields = decision.exactFields ?? ((candidate: Candidate) => [candidate.name])
    const exact = candidates.filter((candidate) => fields(candidate).some((field) => field.toLowerCase() === wanted))
    if (exact.length === 1) chosen = exact[0]
  }

  if (chosen) {
    ports.notify(`Using ${chosen.name} (${chosen.id})`)
    return chosen
  }

  if (ports.interactive) {
    return ports.pick(candidates, {flag, ...(decision.query ? {query: decision.query} : {}), text, what})
  }

  const count = decision.limitHit ? `at least ${candidates.length}` : String(candidates.length)
  const width = Math.max(...candidates.map((candidate) => candidate.id.length))
  const lines = candidates.map((candidate) => `  ${candidate.id.padEnd(width)}  ${candidate.name}`)
  throw new AmbiguousReferenceError(
    `"${text}" in ${flag} matches ${count} ${what}s:\n${lines.join('\n')}`,
    candidates,
    `Pass one of these IDs in ${flag}, or a more exact reference (on a terminal you can pick one).`,
  )
}

function hintFor(what: string, flag: string): string {
  switch (what) {
    case 'contact': {
      return `Give the contact's ID, email or part of the name in ${flag}.`
    }

    case 'lead': {
      return `Try part of the company name, a contact's name or email, a phone number, the website, or paste the lead's Close URL in ${flag}.`
    }

    default: {
      return `Give me, a user ID, an email or a name in ${flag}.`
    }
  }
}

function emptyError(flag: string, forms: string): UsageError {
  return new UsageError(`${flag} is empty.`, {code: 'invalid_reference', hint: `Give ${forms} in ${flag}.`})
}

function malformedError(ref: Extract<Ref, {kind: 'malformed'}>, flag: string, what: string): UsageError {
  return new UsageError(
    `"${ref.text}" in ${flag} is not ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} reference: ${ref.reason}.`,
    {
      code: 'invalid_reference',
      hint:
        what === 'lead'
          ? `Give a lead ID (lead_…), a Close URL, an email, a phone, a website, a name or @last in ${flag}.`
          : `Give ${article(what)} ${what} ID, an email or a name in ${flag}.`,
    },
  )
}

function wrongKind(ref: Extract<Ref, {kind: 'id' | 'url'}>, flag: string, what: string, prefix: string): UsageError {
  return new UsageError(
    `${ref.id} in ${flag} is ${article(ref.object)} ${ref.object} ID, but ${article(what)} ${what} is needed.`,
    {
      code: 'wrong_id_kind',
      hint: `Give ${article(what)} ${what} ID (${prefix}…) in ${flag}.`,
    },
  )
}

function article(noun: string): string {
  return /^[aeio]/.test(noun) ? 'an' : 'a'
}
