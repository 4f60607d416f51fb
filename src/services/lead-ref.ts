/**
 * Record references (design §5) over the run's services: the ports of services/references.ts
 * built from ServiceDeps, so every command that takes a lead (a positional or `--lead`), a
 * contact or a user resolves it the same way. `@last` is the lead this CLI last showed or
 * changed on this connection (kept in the connection's cache as the lookup `last-lead`).
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {allRecords} from '../close/api.js'
import {contacts, leads, opportunities, tasks} from '../close/resources.js'
import {sanitize} from '../output/sanitize.js'
import {truncate} from '../output/width.js'
import {
  type PickPorts,
  resolveContact,
  type ResolvedContact,
  type ResolvedLead,
  type ResolvedUser,
  resolveLead,
  type ResolveOptions,
  resolveUser,
  type UserRecord,
} from './references.js'

const LAST_LEAD = 'last-lead'

/** A line on stderr on a terminal only (text from Close is made terminal-safe by the Io). */
export function pickPorts(deps: ServiceDeps): PickPorts {
  return {
    interactive: deps.interactive,
    notify(text) {
      if (deps.io.stderrIsTTY && !deps.io.json) deps.io.stderr(`${truncate(sanitize(text), deps.io.width)}\n`)
    },
    async pick(candidates, context) {
      const {candidatePicker} = await import('../prompts/pickers.js')
      const searchLeads = async (query: string, limit: number) => searchLeadRecords(deps, query, limit)
      return candidatePicker(deps.prompts, context.what === 'lead' ? {searchLeads} : {})(candidates, context)
    },
  }
}

/** One page of a Close lead search (`query`). */
export async function searchLeadRecords(deps: ServiceDeps, query: string, limit: number): Promise<CloseObject[]> {
  const {api} = await deps.connect()
  return allRecords(api.list(leads, {query}, limit))
}

/** A lead from anything design §5 allows: ID, URL, email, phone, domain, name, `@last`. */
export async function leadRef(deps: ServiceDeps, text: string, options: ResolveOptions = {}): Promise<ResolvedLead> {
  // Connected only when a port needs Close, so a malformed reference or a wrong kind of ID spawns nothing.
  const api = async () => (await deps.connect()).api
  return resolveLead(
    text,
    {
      ...pickPorts(deps),
      getContact: async (id) => (await api()).get(contacts, id),
      getLead: async (id) => (await api()).get(leads, id),
      getOpportunity: async (id) => (await api()).get(opportunities, id),
      getTask: async (id) => (await api()).get(tasks, id),
      async lastLeadId() {
        const scope = await deps.connect()
        const entry = scope.cache.lookup(scope.id, LAST_LEAD)
        return typeof entry?.value === 'string' ? entry.value : undefined
      },
      searchLeads: (query, limit) => searchLeadRecords(deps, query, limit),
    },
    options,
  )
}

/** Remember the lead a command showed or changed, for `@last`. Never fails the command. */
export async function rememberLead(deps: ServiceDeps, leadId: string | undefined): Promise<void> {
  if (!leadId?.startsWith('lead_')) return
  try {
    const scope = await deps.connect()
    await scope.cache.setLookup(scope.id, LAST_LEAD, {at: new Date().toISOString(), value: leadId})
  } catch {
    // @last is a convenience: a read-only config must not fail the command that showed the lead.
  }
}

/** A contact by ID, URL, email, phone or name (within `leadId` when given). */
export async function contactRef(
  deps: ServiceDeps,
  text: string,
  leadId: string | undefined,
  options: ResolveOptions = {},
): Promise<ResolvedContact> {
  return resolveContact(
    text,
    leadId,
    {
      ...pickPorts(deps),
      listContacts: async (lead: string) => allRecords((await deps.connect()).api.list(contacts, {lead_id: lead})),
    },
    options,
  )
}

/** A user by `me`, ID, email or name. */
export async function userRef(deps: ServiceDeps, text: string, options: ResolveOptions = {}): Promise<ResolvedUser> {
  return resolveUser(
    text,
    {
      ...pickPorts(deps),
      // The organization's users, cached per connection (close/lookups.ts), not listed again per reference.
      listUsers: async () => (await deps.connect()).lookups.users(),
      async me() {
        return (await (await deps.connect()).lookups.me()) as UserRecord
      },
    },
    options,
  )
}
