/**
 * `close org`: the account (issue 12 §6) — the organization of the connection (`/me/`
 * organizations[0].id → `/organization/{id}/`), and a summary: members, lead statuses, pipelines
 * with their statuses, custom-field counts (the three `/custom_field/*` lists, concurrently).
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {organizationIdOf} from '../close/lookups.js'
import {NotFoundError} from '../errors.js'

/** The organization object of the connection, as Close returns it. */
export async function organization(deps: ServiceDeps): Promise<CloseObject> {
  const {api, lookups} = await deps.connect()
  // `me` is cached per connection (and shared with a concurrent `me` lookup, as in `pipeline`); one
  // cached before it carried the organization is read again.
  const id = (await lookups.me()).organization_id ?? organizationIdOf(await api.proxy('GET', '/me/'))
  if (id === undefined) throw new NotFoundError('Close did not name an organization for this user.')
  return api.proxy('GET', `/organization/${id}/`)
}

export interface OrgSummary {
  currency: string
  custom_fields: {contact: number; lead: number; opportunity: number}
  id: string
  lead_statuses: Array<{id: string; label: string}>
  members: Array<{email: string; name: string; role: string; user_id: string}>
  name: string
  pipelines: Array<{id: string; name: string; statuses: Array<{id: string; label: string; type: string}>}>
}

const list = (value: unknown) => (Array.isArray(value) ? (value as CloseObject[]) : [])
const str = (value: unknown) => (value === null || value === undefined ? '' : String(value))

export async function orgSummary(deps: ServiceDeps): Promise<OrgSummary> {
  const {api} = await deps.connect()
  const count = async (kind: string) => list((await api.proxy('GET', `/custom_field/${kind}/`)).data).length
  const [org, lead, contact, opportunity] = await Promise.all([
    organization(deps),
    count('lead'),
    count('contact'),
    count('opportunity'),
  ])
  return {
    currency: str(org.currency || 'USD'),
    custom_fields: {contact, lead, opportunity},
    id: str(org.id),
    lead_statuses: list(org.lead_statuses).map((s) => ({id: str(s.id), label: str(s.label)})),
    members: list(org.memberships).map((m) => ({
      email: str(m.user_email ?? m.email),
      name: str(m.user_full_name ?? m.name ?? [m.first_name, m.last_name].filter(Boolean).join(' ')),
      role: str(m.role_id ?? m.role),
      user_id: str(m.user_id),
    })),
    name: str(org.name),
    pipelines: list(org.pipelines).map((p) => ({
      id: str(p.id),
      name: str(p.name),
      statuses: list(p.statuses).map((s) => ({id: str(s.id), label: str(s.label), type: str(s.type ?? s.status_type)})),
    })),
  }
}
