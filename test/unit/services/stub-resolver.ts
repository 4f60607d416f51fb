/**
 * A stub of the ServiceDeps the services take: a connection scope whose Close API answers user
 * lists and lead searches from fixed data, and whose lookups know `me` and two statuses. Every
 * call is recorded in `calls` so tests can assert that nothing was asked of Close.
 */
import type {ServiceDeps} from '../../../src/services/deps.js'

import {UsageError} from '../../../src/errors.js'

export const ME = 'user_MeMeMeMeMeMeMeMeMeMeMe'
export const JANE = 'user_JaneJaneJaneJaneJane1'
export const WON = 'stat_WonWonWonWonWonWonWon1'
export const ACTIVE = 'stat_ActiveActiveActive12'
export const ACME = 'lead_AcmeAcmeAcmeAcmeAcme1'

const USERS = [
  {email: 'me@acme.com', first_name: 'Mo', id: ME, last_name: 'Rep'},
  {email: 'jane@acme.com', first_name: 'Jane', id: JANE, last_name: 'Doe'},
]
const LEADS = [{display_name: 'Acme Anvil Co', id: ACME}]
export const OPP = 'oppo_OppOppOppOppOppOppOpp1'
const OPPS = [{id: OPP, lead_name: 'Acme Anvil Co', status_label: 'Active', value: 120_000, value_currency: 'USD'}]

export interface StubDeps extends ServiceDeps {
  /** What was asked of Close: `list user {}`, `search <query>`, `get <noun> <id>`, `me`, `status <label>`. */
  calls: string[]
}

export function stubDeps(options: {interactive?: boolean; prompts?: object} = {}): StubDeps {
  const calls: string[] = []
  const statuses = [
    {id: ACTIVE, label: 'Active', type: 'active' as const},
    {id: WON, label: 'Won', type: 'won' as const},
  ]
  const api = {
    async get(resource: {noun: string}, id: string) {
      calls.push(`get ${resource.noun} ${id}`)
      return {id}
    },
    list(resource: {noun: string}, params: Record<string, unknown>) {
      calls.push(
        resource.noun === 'lead' ? `search ${String(params.query)}` : `list ${resource.noun} ${JSON.stringify(params)}`,
      )
      const records =
        resource.noun === 'user'
          ? USERS
          : resource.noun === 'opportunity'
            ? OPPS
            : LEADS.filter(() => String(params.query).toLowerCase().includes('acme'))
      return {
        more: () => false,
        pages: (async function* () {
          yield records
        })(),
        total: () => records.length,
      }
    },
  }
  const lookups = {
    async forget() {},
    async me() {
      calls.push('me')
      return USERS[0]
    },
    async resolveOpportunityStatus(wanted: string, flag = '--status') {
      calls.push(`status ${wanted}`)
      const found = statuses.find((s) => s.id === wanted || s.label.toLowerCase() === wanted.toLowerCase())
      if (!found) throw new UsageError(`"${wanted}" is not an opportunity status of this organization (${flag}).`)
      return found
    },
    /** The organization's users (Lookups.users, cached per connection in the CLI): one user listing. */
    async users() {
      calls.push('list user {}')
      return USERS
    },
  }
  const cache = {lookup() {}, async setLookup() {}}
  return {
    calls,
    connect: async () => ({api, cache, connection: {}, id: 'conn', lookups}) as never,
    interactive: options.interactive ?? false,
    io: {json: false, stderrIsTTY: false} as never,
    prompts: (options.prompts ?? {}) as never,
  }
}

export {NotFoundError} from '../../../src/errors.js'
