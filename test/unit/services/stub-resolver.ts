/** A stub of the organization lookups the services use, with calls recorded. */
import {stub} from 'sinon'

import type {Resolver} from '../../../src/services/support.js'

import {UsageError} from '../../../src/errors.js'

export const ME = 'user_MeMeMeMeMeMeMeMeMeMeMe'
export const JANE = 'user_JaneJaneJaneJaneJane1'
export const WON = 'stat_WonWonWonWonWonWonWon1'
export const ACTIVE = 'stat_ActiveActiveActive12'

export function stubResolver() {
  const statuses = [
    {id: ACTIVE, label: 'Active', type: 'active' as const},
    {id: WON, label: 'Won', type: 'won' as const},
  ]
  return {
    me: stub().resolves({id: ME}),
    resolveOpportunityStatus: stub().callsFake(async (wanted: string, flag = '--status') => {
      const found = statuses.find((s) => s.id === wanted || s.label.toLowerCase() === wanted.toLowerCase())
      if (!found) throw new UsageError(`"${wanted}" is not an opportunity status of this organization (${flag}).`)
      return found
    }),
    resolveUser: stub().callsFake(async (reference: string, flag = '--user') => {
      if (reference === 'jane@acme.com' || reference === 'Jane Doe') return {id: JANE}
      throw new UsageError(`No user "${reference}" in this organization (${flag}).`)
    }),
  } satisfies Resolver
}
