import {expect} from 'chai'

import {RemoteError, UsageError} from '../../../src/errors.js'
import {OPPORTUNITY_FIELD_FLAGS, opportunityBody, opportunityListParams} from '../../../src/services/opportunities.js'
import {explainFieldErrors} from '../../../src/services/records.js'
import {JANE, ME, stubResolver, WON} from './stub-resolver.js'

const LEAD = 'lead_AbCdEfGhIjKlMnOpQrStUv'
const NOW = new Date(2026, 2, 15, 12, 0, 0) // 15 March 2026, local time

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }

  throw new Error('expected a rejection')
}

describe('services/opportunities', () => {
  describe('opportunityListParams', () => {
    it('maps every filter to Close’s own names', async () => {
      const params = await opportunityListParams(
        {
          createdAfter: '2026-01-01',
          createdBefore: 'today',
          lead: LEAD,
          status: 'won',
          statusType: 'won',
          user: 'me',
          wonAfter: '-7d',
          wonBefore: '2026-03-31T10:00:00Z',
        },
        stubResolver(),
        NOW,
      )
      expect(params).to.deep.equal({
        date_created__gte: '2026-01-01',
        date_created__lte: '2026-03-15',
        date_won__gte: '2026-03-08',
        date_won__lte: '2026-03-31',
        lead_id: LEAD,
        status_id: WON,
        status_type: 'won',
        user_id: ME,
      })
    })

    it('sends nothing without filters and looks nothing up', async () => {
      const resolver = stubResolver()
      expect(await opportunityListParams({}, resolver)).to.deep.equal({})
      expect(resolver.me.called || resolver.resolveUser.called || resolver.resolveOpportunityStatus.called).to.equal(
        false,
      )
    })

    it('uses a user ID as given, without a lookup', async () => {
      const resolver = stubResolver()
      expect(await opportunityListParams({user: JANE}, resolver)).to.deep.equal({user_id: JANE})
      expect(resolver.resolveUser.called).to.equal(false)
    })

    it('resolves an email or a name', async () => {
      expect(await opportunityListParams({user: 'jane@acme.com'}, stubResolver())).to.deep.equal({user_id: JANE})
    })

    it('rejects an ID of the wrong kind in --lead and --user before any lookup (exit 2)', async () => {
      const resolver = stubResolver()
      const lead = await rejection(opportunityListParams({lead: 'cont_AbCdEfGhIjKlMnOpQrStUv'}, resolver))
      expect(lead).to.be.instanceOf(UsageError)
      expect(lead.message).to.equal(
        'cont_AbCdEfGhIjKlMnOpQrStUv in --lead is a contact ID, but a lead ID (lead_…) is needed.',
      )
      const user = await rejection(opportunityListParams({user: 'lead_AbCdEfGhIjKlMnOpQrStUv'}, resolver))
      expect(user.message).to.equal(
        'lead_AbCdEfGhIjKlMnOpQrStUv in --user is a lead ID, but a user ID (user_…) is needed.',
      )
      expect(resolver.resolveUser.called).to.equal(false)
    })

    it('rejects a date it cannot read, naming the flag', async () => {
      const error = await rejection(opportunityListParams({wonAfter: 'last spring'}, stubResolver()))
      expect(error).to.be.instanceOf(UsageError)
      expect(error.message).to.equal('--won-after "last spring" is not a date.')
    })

    it('passes an unknown status label’s error through (exit 2)', async () => {
      const error = await rejection(opportunityListParams({status: 'Nope'}, stubResolver()))
      expect(error.message).to.equal('"Nope" is not an opportunity status of this organization (--status).')
    })
  })

  describe('opportunityBody', () => {
    it('sends the value in cents and every given field under Close’s name', async () => {
      const body = await opportunityBody(
        {
          confidence: 60,
          lead: LEAD,
          note: 'Pilot',
          period: 'monthly',
          status: 'Won',
          user: 'Jane Doe',
          value: '12,000',
        },
        stubResolver(),
      )
      expect(body).to.deep.equal({
        confidence: 60,
        lead_id: LEAD,
        note: 'Pilot',
        status_id: WON,
        user_id: JANE,
        value: 1_200_000,
        value_period: 'monthly',
      })
    })

    it('sends only what was given (update)', async () => {
      expect(await opportunityBody({value: '99.5'}, stubResolver())).to.deep.equal({value: 9950})
      expect(await opportunityBody({}, stubResolver())).to.deep.equal({})
    })

    it('accepts a prompted confidence as text and rejects one out of range', async () => {
      expect(await opportunityBody({confidence: '75'}, stubResolver())).to.deep.equal({confidence: 75})
      const error = await rejection(opportunityBody({confidence: '150'}, stubResolver()))
      expect(error.message).to.equal('--confidence must be a whole number from 0 to 100, not "150".')
    })

    it('rejects an amount it cannot read', async () => {
      const error = await rejection(opportunityBody({value: 'twelve'}, stubResolver()))
      expect(error).to.be.instanceOf(UsageError)
      expect(error.message).to.equal('--value "twelve" is not an amount.')
    })
  })

  describe('field errors', () => {
    it('name the flag that sets each field', () => {
      const closeError = new RemoteError('Close rejected the request: value_period: Not a valid choice.', {
        code: 'close_validation',
        details: {errors: [], fieldErrors: {lead: 'Object does not exist.', value_period: 'Not a valid choice.'}},
      })
      const error = explainFieldErrors(closeError, OPPORTUNITY_FIELD_FLAGS, 'opportunity') as RemoteError
      expect(error).to.be.instanceOf(RemoteError)
      expect(error.exitCode).to.equal(3)
      expect(error.message).to.equal(
        'Close rejected the opportunity: lead: Object does not exist (--lead); value_period: Not a valid choice (--period).',
      )
      expect(error.hint).to.equal('Fix --lead, --period and try again.')
    })
  })
})
