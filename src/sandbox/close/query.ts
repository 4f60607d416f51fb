/**
 * The emulated subset of Close's lead search language (the `query` parameter of GET /lead/):
 *
 *   free text                 words or "a phrase", matched in the lead name and website and in
 *                             contact names, emails and phones (digits: "415 555" finds +1415555…)
 *   status:"Label"            also lead_status:Label (case-insensitive)
 *   email:a@b.com             also email_address: (a contact email containing the value)
 *   phone:+14155550123        also phone_number: (a contact phone containing those digits)
 *   company:"Acme"            also lead_name: (the lead's name); name: (the lead's or a contact's)
 *   contact:"Ana Ruiz"        also contact_name: (a contact's name)
 *   url:acme.com              also website:, domain: (the lead's website, or a contact email's domain)
 *   in:"Smart View"           the leads of a saved search (its name or save_ ID)
 *   has:email  has:phone      a contact with an email / a phone
 *   custom.cf_x:"v"           also custom.Name:v and "custom.Field Name":v
 *   sort:created  sort:-created  sort:updated  sort:-updated
 *   slice:N/M                 the N-th of M stable partitions (1-based): by the storage chunk a lead
 *                             lives in (leads never move), so a slice reads as few chunks as the list
 *   a b                       implicit AND (also AND); a OR b binds tighter; ( … ) groups
 *
 * Anything else is rejected with a 400 rather than guessed at.
 */
import type {CloseStore} from './store.js'
import type {StoredContact, StoredLead} from './types.js'

import {badRequest} from './http.js'

export interface LeadMatchInput {
  /** The number of the store chunk holding the lead. */
  chunk: number
  contacts: StoredContact[]
  displayName: string
  lead: StoredLead
}

/** `slice:N/M`: the N-th (1-based) of M partitions. */
export interface Slice {
  m: number
  n: number
}

export interface LeadQuery {
  matches: (input: LeadMatchInput) => boolean
  /**
   * Set when the query is only `slice:` and `sort:-created` terms joined by AND: the slices a lead
   * must fall in (none: every lead), in list order (the store keeps leads newest-created first).
   * The store can then page through the chunks of those slices without reading every lead.
   */
  slicesOnly?: Slice[]
  sort?: {desc: boolean; field: 'date_created' | 'date_updated'}
}

type Token = {key?: string; raw: string; type: 'term'; value: string} | {type: 'and' | 'lparen' | 'or' | 'rparen'}

type Node =
  {kind: 'all'} | {kind: 'and' | 'or'; nodes: Node[]} | {kind: 'pred'; test: (input: LeadMatchInput) => boolean}

const SUPPORTED =
  'The sandbox supports: free text, status:"Label" (or lead_status:), email:, phone:, company:, name:, ' +
  'contact:, url: (or domain:), in:"Smart View", has:email, has:phone, ' +
  'custom.cf_…:"value" or "custom.Field Name":value, sort:[-]created|updated, slice:N/M, AND, OR and parentheses.'

function unsupported(what: string): never {
  throw badRequest(`Unsupported search query syntax in the sandbox: ${what}. ${SUPPORTED}`)
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const readQuoted = (): string => {
    // at the opening quote
    let out = ''
    i++
    while (i < query.length && query[i] !== '"') {
      if (query[i] === '\\' && i + 1 < query.length) i++
      out += query[i]
      i++
    }

    if (i >= query.length) unsupported('an unterminated quote')
    i++
    return out
  }

  const readBare = (): string => {
    const start = i
    while (i < query.length && !/[\s()"]/.test(query[i])) i++
    return query.slice(start, i)
  }

  while (i < query.length) {
    const ch = query[i]
    if (/\s/.test(ch)) {
      i++
      continue
    }

    if (ch === '(' || ch === ')') {
      tokens.push({type: ch === '(' ? 'lparen' : 'rparen'})
      i++
      continue
    }

    const start = i
    let key: string | undefined
    let value: string
    if (ch === '"') {
      const text = readQuoted()
      if (query[i] === ':') {
        key = text
        i++
        value = query[i] === '"' ? readQuoted() : readBare()
      } else {
        value = text
      }
    } else {
      const bare = readBare()
      const colon = bare.indexOf(':')
      if (colon > 0) {
        key = bare.slice(0, colon)
        const rest = bare.slice(colon + 1)
        value = rest === '' && query[i] === '"' ? readQuoted() : rest
      } else if (bare === 'OR' || bare === 'AND') {
        tokens.push({type: bare === 'OR' ? 'or' : 'and'})
        continue
      } else {
        if (/^[-!]|[<>=*:]/.test(bare) || bare === 'NOT') unsupported(`"${bare}"`)
        value = bare
      }
    }

    tokens.push({key, raw: query.slice(start, i), type: 'term', value})
  }

  return tokens
}

const digitsOf = (text: string) => text.replaceAll(/\D/g, '')

/** A host without scheme, `www.` and path: `https://www.acme.com/x` → `acme.com`. */
function hostOf(url: string): string {
  return url
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '')
}

function phoneMatcher(value: string): Predicate {
  const digits = digitsOf(value)
  if (digits.length < 3) return () => false
  return ({contacts}) => contacts.some((c) => c.phones.some((p) => digitsOf(p.phone).includes(digits)))
}

function emailMatcher(value: string): Predicate {
  const lower = value.toLowerCase()
  return ({contacts}) => contacts.some((c) => c.emails.some((e) => e.email.toLowerCase().includes(lower)))
}

function domainMatcher(value: string): Predicate {
  const host = hostOf(value)
  return ({contacts, lead}) =>
    (lead.url !== null && hostOf(lead.url).includes(host)) ||
    contacts.some((c) => c.emails.some((e) => e.email.toLowerCase().endsWith(`@${host}`)))
}

function contactNameMatcher(value: string): Predicate {
  const lower = value.toLowerCase()
  return ({contacts}) => contacts.some((c) => (c.name ?? '').toLowerCase().includes(lower))
}

function companyMatcher(value: string): Predicate {
  const lower = value.toLowerCase()
  return ({displayName}) => displayName.toLowerCase().includes(lower)
}

function textMatcher(needle: string): (input: LeadMatchInput) => boolean {
  const lower = needle.toLowerCase()
  const phone = /^[\d\s()+.-]{6,}$/.test(needle) && digitsOf(needle).length >= 6 ? phoneMatcher(needle) : undefined
  const email = emailMatcher(needle)
  const contact = contactNameMatcher(needle)
  return (input) =>
    input.displayName.toLowerCase().includes(lower) ||
    (input.lead.url !== null && hostOf(input.lead.url).includes(lower)) ||
    contact(input) ||
    email(input) ||
    (phone !== undefined && phone(input))
}

function customValueMatches(stored: unknown, wanted: string): boolean {
  if (stored === undefined || stored === null) return false
  if (Array.isArray(stored)) return stored.some((v) => customValueMatches(v, wanted))
  if (typeof stored === 'number') return Number(wanted) === stored
  return String(stored).toLowerCase() === wanted.toLowerCase()
}

type TermToken = Extract<Token, {type: 'term'}>
type Predicate = (input: LeadMatchInput) => boolean

function statusTerm(store: CloseStore, {value}: TermToken): Predicate {
  const ids = new Set(
    store.meta.leadStatuses.filter((s) => s.label.toLowerCase() === value.toLowerCase()).map((s) => s.id),
  )
  return ({lead}) => ids.has(lead.status_id)
}

function hasTerm(_store: CloseStore, token: TermToken): Predicate {
  const what = token.value.toLowerCase()
  if (['email', 'email_address', 'emails'].includes(what))
    return ({contacts}) => contacts.some((c) => c.emails.length > 0)
  if (['phone', 'phone_number', 'phones'].includes(what))
    return ({contacts}) => contacts.some((c) => c.phones.length > 0)
  unsupported(`"${token.raw}" (has: takes email or phone)`)
}

function customTerm(store: CloseStore, token: TermToken): Predicate {
  const name = token.key!.slice('custom.'.length)
  const field = store.customField(name)
  if (!field) throw badRequest(`Unknown custom field "${name}" in the search query.`)
  return ({lead}) => customValueMatches(lead.custom[field.id], token.value)
}

/** `slice:N/M`: the N-th (1-based) of M stable partitions of the leads. */
function sliceOf(token: TermToken): Slice {
  const match = /^(\d+)\/(\d+)$/.exec(token.value)
  const n = match ? Number(match[1]) : 0
  const m = match ? Number(match[2]) : 0
  if (!match || m < 1 || n < 1 || n > m) unsupported(`"${token.raw}" (slice: takes N/M with 1 ≤ N ≤ M)`)
  return {m, n}
}

function sliceTerm(_store: CloseStore, token: TermToken): Predicate {
  const slice = sliceOf(token)
  return ({chunk}) => inSlice(chunk, slice)
}

/** Whether the leads of store chunk `chunk` are in slice N of M. */
export function inSlice(chunk: number, {m, n}: Slice): boolean {
  return chunk % m === n - 1
}

/** The slices of a query of only `slice:` and `sort:-created` terms and ANDs (see LeadQuery.slicesOnly). */
function slicesOnly(tokens: Token[]): Slice[] | undefined {
  const slices: Slice[] = []
  for (const token of tokens) {
    if (token.type === 'and') continue
    if (token.type !== 'term') return undefined
    const key = token.key?.toLowerCase()
    if (key === 'slice') slices.push(sliceOf(token))
    else if (key !== 'sort' || !/^-(created|date_created)$/.test(token.value)) return undefined
  }

  return slices
}

function sortTerm(token: TermToken): LeadQuery['sort'] {
  const match = /^(-?)(created|updated|date_created|date_updated)$/.exec(token.value)
  if (!match) unsupported(`"${token.raw}" (sort: takes created, -created, updated or -updated)`)
  return {desc: match[1] === '-', field: match[2].endsWith('created') ? 'date_created' : 'date_updated'}
}

const byValue =
  (build: (value: string) => Predicate) =>
  (_store: CloseStore, token: TermToken): Predicate =>
    build(token.value)

const nameTerm = byValue((value) => {
  const company = companyMatcher(value)
  const contact = contactNameMatcher(value)
  return (input) => company(input) || contact(input)
})

/** Saved searches being expanded, so `in:` cannot recurse forever. */
const expanding = new Set<string>()

function inTerm(store: CloseStore, token: TermToken): Predicate {
  const wanted = token.value.toLowerCase()
  const view = store.meta.savedSearches.find((v) => v.id === token.value || v.name.toLowerCase() === wanted)
  if (!view) throw badRequest(`No Smart View named "${token.value}" in the sandbox.`)
  if (expanding.has(view.id)) unsupported(`"${token.raw}" (a Smart View that includes itself)`)
  expanding.add(view.id)
  try {
    return parseLeadQuery(store, view.query).matches
  } finally {
    expanding.delete(view.id)
  }
}

const TERMS: Record<string, ((store: CloseStore, token: TermToken) => Predicate) | undefined> = {
  company: byValue(companyMatcher),
  contact: byValue(contactNameMatcher),
  contact_name: byValue(contactNameMatcher),
  domain: byValue(domainMatcher),
  email: byValue(emailMatcher),
  email_address: byValue(emailMatcher),
  has: hasTerm,
  in: inTerm,
  lead_name: byValue(companyMatcher),
  lead_status: statusTerm,
  name: nameTerm,
  phone: byValue(phoneMatcher),
  phone_number: byValue(phoneMatcher),
  slice: sliceTerm,
  status: statusTerm,
  url: byValue(domainMatcher),
  website: byValue(domainMatcher),
}

/** Parse a lead search query; throws a 400 HttpError for syntax outside the emulated subset. */
export function parseLeadQuery(store: CloseStore, query: string): LeadQuery {
  const tokens = tokenize(query)
  let pos = 0
  let sort: LeadQuery['sort']

  const term = (token: TermToken): Node => {
    if (token.key === undefined) return {kind: 'pred', test: textMatcher(token.value)}
    const key = token.key.toLowerCase()
    if (key === 'sort') {
      sort = sortTerm(token)
      return {kind: 'all'}
    }

    const build = key.startsWith('custom.') ? customTerm : Object.hasOwn(TERMS, key) ? TERMS[key] : undefined
    if (!build) unsupported(`"${token.raw}"`)
    return {kind: 'pred', test: build(store, token)}
  }

  const primary = (): Node => {
    const token = tokens[pos]
    if (!token) unsupported('a query that ends after an operator')
    if (token.type === 'lparen') {
      pos++
      const node = andExpr()
      if (tokens[pos]?.type !== 'rparen') unsupported('an unbalanced parenthesis')
      pos++
      return node
    }

    if (token.type === 'term') {
      pos++
      return term(token)
    }

    unsupported(`a misplaced ${token.type === 'rparen' ? '")"' : token.type.toUpperCase()}`)
  }

  const orExpr = (): Node => {
    const nodes = [primary()]
    while (tokens[pos]?.type === 'or') {
      pos++
      nodes.push(primary())
    }

    return nodes.length === 1 ? nodes[0] : {kind: 'or', nodes}
  }

  const andExpr = (): Node => {
    const nodes: Node[] = []
    while (pos < tokens.length && tokens[pos].type !== 'rparen') {
      if (tokens[pos].type === 'and') {
        if (nodes.length === 0) unsupported('a query that starts with AND')
        pos++
      }

      nodes.push(orExpr())
    }

    return nodes.length === 1 ? nodes[0] : {kind: 'and', nodes}
  }

  const root = tokens.length === 0 ? ({kind: 'all'} as Node) : andExpr()
  if (pos < tokens.length) unsupported('an unbalanced parenthesis')

  const evaluate = (node: Node, input: LeadMatchInput): boolean => {
    switch (node.kind) {
      case 'all': {
        return true
      }

      case 'and': {
        return node.nodes.every((n) => evaluate(n, input))
      }

      case 'or': {
        return node.nodes.some((n) => evaluate(n, input))
      }

      case 'pred': {
        return node.test(input)
      }
    }
  }

  const slices = slicesOnly(tokens)
  return {...(slices ? {slicesOnly: slices} : {}), matches: (input) => evaluate(root, input), sort}
}
