import {expect} from 'chai'

import {NotFoundError, RemoteError, UsageError} from '../../../src/errors.js'
import {
  createOpportunity,
  getOpportunity,
  OPPORTUNITY_FIELD_FLAGS,
  opportunityBody,
  opportunityDateParams,
  opportunityListParams,
  opportunityValues,
} from '../../../src/services/opportunities.js'
import {explainFieldErrors} from '../../../src/services/records.js'
import {ACME, JANE, ME, OPP, stubDeps, WON} from './stub-resolver.js'

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
  describe('opportunityDateParams', () => {
    it('maps the date filters to Close’s own names, date_won as a day', () => {
      const params = opportunityDateParams(
        {
          'created-after': '2026-01-01',
          'created-before': 'today',
          'won-after': '-7d',
          'won-before': '2026-03-31T10:00:00Z',
        },
        NOW,
      )
      expect(params).to.deep.equal({
        date_created__gte: '2026-01-01',
        date_created__lte: '2026-03-15',
        date_won__gte: '2026-03-08',
        date_won__lte: '2026-03-31',
      })
    })

    it('refuses an impossible date, naming the flag', () => {
      expect(() => opportunityDateParams({'won-after': '2026-02-30'}, NOW)).to.throw(UsageError, '--won-after')
      expect(() => opportunityDateParams({'won-after': 'last spring'}, NOW)).to.throw(
        UsageError,
        '--won-after "last spring" is not a date.',
      )
    })
  })

  describe('opportunityListParams', () => {
    it('resolves the lead, the owner and the status', async () => {
      const deps = stubDeps()
      const params = await opportunityListParams(deps, {lead: 'Acme', status: 'won', 'status-type': 'won', user: 'me'})
      expect(params).to.deep.equal({lead_id: ACME, status_id: WON, status_type: 'won', user_id: ME})
      expect(deps.calls).to.deep.equal(['search "Acme"', 'me', 'status won'])
    })

    it('sends nothing without filters and looks nothing up', async () => {
      const deps = stubDeps()
      expect(await opportunityListParams(deps, {})).to.deep.equal({})
      expect(deps.calls).to.deep.equal([])
    })

    it('uses IDs as given, without a lookup; an email or a name through the user list', async () => {
      const deps = stubDeps()
      expect(await opportunityListParams(deps, {lead: ACME, user: JANE})).to.deep.equal({lead_id: ACME, user_id: JANE})
      expect(deps.calls).to.deep.equal([])
      expect(await opportunityListParams(deps, {user: 'jane@acme.com'})).to.deep.equal({user_id: JANE})
      expect(await opportunityListParams(deps, {user: 'Jane Doe'})).to.deep.equal({user_id: JANE})
    })

    it('rejects an ID of the wrong kind in --user before any lookup (exit 2); no lead found is exit 5', async () => {
      const deps = stubDeps()
      const user = await rejection(opportunityListParams(deps, {user: 'lead_AbCdEfGhIjKlMnOpQrStUv'}))
      expect(user).to.be.instanceOf(UsageError)
      expect(user.message).to.match(/^lead_AbCdEfGhIjKlMnOpQrStUv in --user is a lead ID/)
      expect(deps.calls).to.deep.equal([])
      const none = await rejection(opportunityListParams(deps, {lead: 'Globex'}))
      expect(none).to.be.instanceOf(NotFoundError)
      expect((none as NotFoundError).exitCode).to.equal(5)
    })

    it('passes an unknown status label’s error through (exit 2)', async () => {
      const error = await rejection(opportunityListParams(stubDeps(), {status: 'Nope'}))
      expect(error.message).to.equal('"Nope" is not an opportunity status of this organization (--status).')
    })
  })

  describe('opportunityBody', () => {
    it('sends the value in cents and every given field under Close’s name', async () => {
      const body = await opportunityBody(stubDeps(), {
        confidence: 60,
        lead: ACME,
        note: 'Pilot',
        period: 'monthly',
        status: 'Won',
        user: 'Jane Doe',
        value: '12k',
      })
      expect(body).to.deep.equal({
        confidence: 60,
        lead_id: ACME,
        note: 'Pilot',
        status_id: WON,
        user_id: JANE,
        value: 1_200_000,
        value_period: 'monthly',
      })
    })

    it('sends only what was given (update)', async () => {
      expect(await opportunityBody(stubDeps(), {value: '$99.50'})).to.deep.equal({value: 9950})
      expect(await opportunityBody(stubDeps(), {})).to.deep.equal({})
    })

    it('checks values without any call: confidence out of range, money it cannot read or grouped wrong', () => {
      expect(opportunityValues({confidence: '75'})).to.deep.equal({confidence: 75})
      expect(() => opportunityValues({confidence: '150'})).to.throw(
        '--confidence must be a whole number from 0 to 100, not "150".',
      )
      expect(() => opportunityValues({value: 'twelve'})).to.throw(UsageError, '--value "twelve" is not an amount.')
      expect(() => opportunityValues({value: '1,2,3'})).to.throw(UsageError, '--value "1,2,3" is not an amount')
    })
  })

  describe('createOpportunity', () => {
    it('off a terminal names every missing required flag (--lead, --value) and asks Close nothing', async () => {
      const deps = stubDeps()
      const error = await rejection(createOpportunity(deps, {note: 'x'}))
      expect(error.message).to.equal('Missing --lead, --value.')
      expect(deps.calls).to.deep.equal([])
    })
  })

  describe('getOpportunity without an ID', () => {
    it('on a terminal picks from my open opportunities, then reads the one chosen', async () => {
      const shown: string[] = []
      const prompts = {
        async select(message: string, choices: Array<{description?: string; name: string; value: unknown}>) {
          shown.push(message, ...choices.map((c) => `${c.name} — ${c.description}`))
          return choices[0].value
        },
      }
      const deps = stubDeps({interactive: true, prompts})
      expect(await getOpportunity(deps)).to.deep.equal({id: OPP})
      expect(shown).to.deep.equal(['Pick an opportunity:', `Acme Anvil Co — Active · $1,200 · ${OPP}`])
      expect(deps.calls).to.deep.equal([
        'me',
        `list opportunity {"user_id":"${ME}","status_type":"active"}`,
        `get opportunity ${OPP}`,
      ])
    })

    it('off a terminal exits 2 naming ID, asking Close nothing', async () => {
      const deps = stubDeps()
      const error = await rejection(getOpportunity(deps))
      expect(error.message).to.equal('Missing ID.')
      expect(deps.calls).to.deep.equal([])
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
