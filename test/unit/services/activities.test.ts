import {expect} from 'chai'

import {UsageError} from '../../../src/errors.js'
import {
  activityListParams,
  activitySummary,
  activityTypeParams,
  formatDuration,
  withSummary,
} from '../../../src/services/activities.js'
import {ACME, stubDeps} from './stub-resolver.js'

const LEAD = 'lead_AbCdEfGhIjKlMnOpQrStUv'
const lead = {lead: LEAD}

function thrown(fn: () => unknown): UsageError {
  try {
    fn()
  } catch (error) {
    return error as UsageError
  }

  throw new Error('expected a throw')
}

describe('services/activities', () => {
  describe('activityListParams', () => {
    it('lists a lead’s whole timeline, or the organization’s without a lead', () => {
      expect(activityTypeParams(lead)).to.deep.equal({})
      expect(activityTypeParams({})).to.deep.equal({})
    })

    it('maps one type word to _type and several to _type__in', () => {
      expect(activityTypeParams({...lead, types: ['call']})).to.deep.equal({_type: 'Call'})
      expect(activityTypeParams({...lead, types: ['email', 'SMS']})).to.deep.equal({
        _type__in: 'Email,SMS',
      })
      expect(activityTypeParams({...lead, types: ['note,meeting', 'note']})).to.deep.equal({
        _type__in: 'Note,Meeting',
      })
    })

    it('maps status-change to both lead and opportunity status changes', () => {
      expect(activityTypeParams({...lead, types: ['status-change']})).to.deep.equal({
        _type__in: 'LeadStatusChange,OpportunityStatusChange',
      })
    })

    it('without --lead a type filter exits 2 explaining why', () => {
      const error = thrown(() => activityTypeParams({types: ['call']}))
      expect(error).to.be.instanceOf(UsageError)
      expect(error.exitCode).to.equal(2)
      expect(error.message).to.equal('--type needs --lead: Close filters activities by type only within one lead.')
    })

    it('rejects an unknown type and a lead ID of the wrong kind', () => {
      expect(thrown(() => activityTypeParams({...lead, types: ['fax']})).message).to.equal(
        '--type "fax" is not an activity type.',
      )
    })

    it('resolves the lead reference after the types are checked; a note ID in --lead exits 2 without a call', async () => {
      const deps = stubDeps()
      expect(await activityListParams(deps, {lead: 'Acme', types: ['call']})).to.deep.equal({
        _type: 'Call',
        lead_id: ACME,
      })
      const wrong = await activityListParams(stubDeps(), {lead: 'acti_AbCdEfGhIjKlMnOpQrStUv'}).catch(
        (error: Error) => error,
      )
      expect((wrong as Error).message).to.match(
        /^acti_AbCdEfGhIjKlMnOpQrStUv in --lead is an activity ID, but a lead is needed/,
      )
      const typeFirst = stubDeps()
      await activityListParams(typeFirst, {lead: 'Acme', types: ['fax']}).catch(() => {})
      expect(typeFirst.calls).to.deep.equal([])
    })
  })

  describe('summary', () => {
    it('gives each type a readable line', () => {
      expect(activitySummary({_type: 'Note', note: 'Called Dana\n\nShe wants a quote'})).to.equal(
        'Called Dana She wants a quote',
      )
      expect(activitySummary({_type: 'Note', note_html: '<p>Rich <b>text</b></p>'})).to.equal('Rich text')
      expect(activitySummary({_type: 'Email', direction: 'outgoing', status: 'sent', subject: 'Quote'})).to.equal(
        'outgoing: Quote',
      )
      expect(activitySummary({_type: 'Email', direction: 'outgoing', status: 'draft', subject: ''})).to.equal(
        'outgoing, draft: (no subject)',
      )
      expect(activitySummary({_type: 'Call', direction: 'outbound', disposition: 'answered', duration: 252})).to.equal(
        'outbound, 4m 12s, answered',
      )
      expect(
        activitySummary({_type: 'LeadStatusChange', new_status_label: 'Qualified', old_status_label: 'Potential'}),
      ).to.equal('lead Potential → Qualified')
      expect(
        activitySummary({_type: 'OpportunityStatusChange', new_status_label: 'Won', old_status_label: 'Active'}),
      ).to.equal('opportunity Active → Won')
      expect(activitySummary({_type: 'SMS', direction: 'inbound', text: 'Yes, 3pm works'})).to.equal(
        'inbound: Yes, 3pm works',
      )
      expect(activitySummary({_type: 'Meeting', status: 'completed', title: 'Demo'})).to.equal('completed: Demo')
      expect(activitySummary({_type: 'Mystery'})).to.equal('')
    })

    it('adds the summary as a separate key and leaves the activity untouched', () => {
      const activity = {_type: 'Note', id: 'acti_1', note: 'x'}
      expect(withSummary(activity)).to.deep.equal({_type: 'Note', id: 'acti_1', note: 'x', summary: 'x'})
      expect(activity).to.deep.equal({_type: 'Note', id: 'acti_1', note: 'x'})
    })

    it('formats durations', () => {
      expect(formatDuration(45)).to.equal('45s')
      expect(formatDuration(252)).to.equal('4m 12s')
      expect(formatDuration(3720)).to.equal('1h 02m')
      expect(formatDuration(null)).to.equal('')
    })
  })
})
