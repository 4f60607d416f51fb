/**
 * The lead page (issue 12 §2): the lead (its contacts, opportunities and open tasks come with it),
 * the names of the organization's lead custom fields (`/custom_field/lead/`) and the last five
 * activities — three reads, run concurrently (design §7).
 */
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {allRecords} from '../close/api.js'
import {activities, leads} from '../close/resources.js'

export interface LeadPage {
  activities: CloseObject[]
  /** Custom field ID (`cf_…`) → name. */
  fieldNames: Record<string, string>
  lead: CloseObject
}

/** The page of lead `id`; `known` (a lead just created or updated) saves the read of the lead itself. */
export async function leadPage(deps: ServiceDeps, id: string, known?: CloseObject): Promise<LeadPage> {
  const {api} = await deps.connect()
  const names = async () => {
    const body = await api.proxy('GET', '/custom_field/lead/', [['_limit', '200']])
    const fields = Array.isArray(body.data) ? (body.data as CloseObject[]) : []
    return Object.fromEntries(fields.map((f) => [String(f.id), String(f.name)]))
  }

  const [lead, activityList, fieldNames] = await Promise.all([
    known ?? api.get(leads, id),
    allRecords(api.list(activities, {lead_id: id}, 5)),
    names(),
  ])
  return {activities: activityList.slice(0, 5), fieldNames, lead}
}
