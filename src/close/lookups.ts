/**
 * Organization facts the typed commands need (lead and opportunity statuses, users, me), fetched
 * through the proxy and cached per connection through the cache port (./cache.ts) so that a warm `create` or
 * `tasks list` still spawns one Membrane process. Statuses and users are refreshed after a day,
 * or at once when Close rejects a cached value; `me` does not change for a connection.
 */
import type {CloseApi} from './api.js'
import type {CacheStore} from './cache.js'
import type {CloseObject} from './normalize.js'

import {UsageError} from '../errors.js'
import {normalizePage} from './normalize.js'
import {users} from './resources.js'

export interface LeadStatus {
  id: string
  label: string
}

export interface OpportunityStatus {
  id: string
  label: string
  pipeline_id?: string
  pipeline_name?: string
  type: 'active' | 'lost' | 'won'
}

export interface CloseUser {
  email?: string
  first_name?: string
  id: string
  last_name?: string
  /** On `me()`: the user's organization (`organizations[0].id`, or `organization_id`). */
  organization_id?: string
}

const DAY_MS = 24 * 60 * 60 * 1000

type LookupName = 'leadStatuses' | 'me' | 'opportunityStatuses' | 'users'

export class Lookups {
  private readonly fetching = new Map<LookupName, Promise<unknown>>()

  constructor(
    private readonly api: CloseApi,
    private readonly cache: CacheStore,
    private readonly connectionId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forget cached lookups (after Close rejected one of their values). */
  async forget(): Promise<void> {
    await this.cache.forgetLookups(this.connectionId)
  }

  async leadStatuses(): Promise<LeadStatus[]> {
    return this.cached('leadStatuses', DAY_MS, async () => {
      const page = normalizePage(await this.api.proxy('GET', '/status/lead/'))
      return page.records.map((status) => ({id: String(status.id), label: String(status.label)}))
    })
  }

  async me(): Promise<CloseUser> {
    return this.cached('me', Number.POSITIVE_INFINITY, async () => toMe(await this.api.proxy('GET', '/me/')))
  }

  /** Opportunity statuses with their type and pipeline, read from `/pipeline/` (which nests them). */
  async opportunityStatuses(): Promise<OpportunityStatus[]> {
    return this.cached('opportunityStatuses', DAY_MS, async () => {
      const pipelines = normalizePage(await this.api.proxy('GET', '/pipeline/')).records
      const statuses = pipelines.flatMap((pipeline) =>
        (Array.isArray(pipeline.statuses) ? (pipeline.statuses as CloseObject[]) : []).map((status) =>
          toOpportunityStatus(status, pipeline),
        ),
      )
      if (statuses.length > 0) return statuses
      const page = normalizePage(await this.api.proxy('GET', '/status/opportunity/'))
      return page.records.map((status) => toOpportunityStatus(status))
    })
  }

  /** A lead status label (case-insensitive) or `stat_…` ID → its ID; unknown → exit 2 listing the labels. */
  async resolveLeadStatus(labelOrId: string, flag = '--status'): Promise<LeadStatus> {
    return pick(await this.leadStatuses(), labelOrId, flag, 'lead status')
  }

  /** An opportunity status label or ID → the status; unknown → exit 2 listing the labels. */
  async resolveOpportunityStatus(labelOrId: string, flag = '--status'): Promise<OpportunityStatus> {
    return pick(await this.opportunityStatuses(), labelOrId, flag, 'opportunity status')
  }

  /** `me`, a `user_…` ID, an email or a full name → the user; unknown → exit 2 listing users. */
  async resolveUser(reference: string, flag = '--user'): Promise<CloseUser> {
    if (reference === 'me') return this.me()
    const everyone = await this.users()
    const wanted = reference.trim().toLowerCase()
    const found = everyone.find(
      (user) =>
        user.id === reference ||
        user.email?.toLowerCase() === wanted ||
        fullName(user).toLowerCase() === wanted ||
        user.first_name?.toLowerCase() === wanted,
    )
    if (found) return found
    throw new UsageError(`No user "${reference}" in this organization (${flag}).`, {
      code: 'unknown_user',
      hint: `Use me, a user ID, an email or a name: ${everyone.map((user) => `${fullName(user)} <${user.email}>`).join(', ')}.`,
    })
  }

  async users(): Promise<CloseUser[]> {
    return this.cached('users', DAY_MS, async () => {
      const found: CloseUser[] = []
      for await (const page of this.api.list(users, {}).pages) found.push(...page.map((user) => toUser(user)))
      return found
    })
  }

  /** A cached lookup, or one fetch shared by every caller that asks while it runs (composite commands). */
  private async cached<T>(name: LookupName, maxAgeMs: number, fetch: () => Promise<T>): Promise<T> {
    const entry = this.cache.lookup(this.connectionId, name)
    if (entry && this.now() - Date.parse(entry.at) < maxAgeMs) return entry.value as T
    const running = this.fetching.get(name)
    if (running) return running as Promise<T>
    const fetched = (async () => {
      const value = await fetch()
      await this.cache.setLookup(this.connectionId, name, {at: new Date(this.now()).toISOString(), value})
      return value
    })()
    this.fetching.set(name, fetched)
    try {
      return await fetched
    } finally {
      this.fetching.delete(name)
    }
  }
}

export function fullName(user: CloseUser): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || user.id
}

function pick<T extends {id: string; label: string}>(items: T[], wanted: string, flag: string, what: string): T {
  const found =
    items.find((item) => item.id === wanted) ??
    items.find((item) => item.label.toLowerCase() === wanted.trim().toLowerCase())
  if (found) return found
  throw new UsageError(`"${wanted}" is not ${article(what)} ${what} of this organization (${flag}).`, {
    code: 'unknown_status',
    hint: `Valid ${what} labels: ${items.map((item) => item.label).join(', ')}.`,
  })
}

function toUser(value: CloseObject): CloseUser {
  return {
    email: typeof value.email === 'string' ? value.email : undefined,
    first_name: typeof value.first_name === 'string' ? value.first_name : undefined,
    id: String(value.id),
    last_name: typeof value.last_name === 'string' ? value.last_name : undefined,
  }
}

/** The organization of a `/me/` reply: `organizations[0].id`, or `organization_id`. */
export function organizationIdOf(me: CloseObject): string | undefined {
  const orgs = Array.isArray(me.organizations) ? (me.organizations as CloseObject[]) : []
  const id = orgs[0]?.id ?? me.organization_id
  return typeof id === 'string' ? id : undefined
}

/** `/me/` as a CloseUser with its organization (the ID `close org` and `pipeline` read). */
function toMe(value: CloseObject): CloseUser {
  const org = organizationIdOf(value)
  return {...toUser(value), ...(org === undefined ? {} : {organization_id: org})}
}

function toOpportunityStatus(status: CloseObject, pipeline?: CloseObject): OpportunityStatus {
  const pipelineId = pipeline?.id ?? status.pipeline_id
  return {
    id: String(status.id),
    label: String(status.label),
    pipeline_id: typeof pipelineId === 'string' ? pipelineId : undefined,
    pipeline_name: typeof pipeline?.name === 'string' ? pipeline.name : undefined,
    type: String(status.type ?? status.status_type) as OpportunityStatus['type'],
  }
}

/** `an opportunity status`, `a lead status`. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}
