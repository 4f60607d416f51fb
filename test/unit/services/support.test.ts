import {expect} from 'chai'
import {stub} from 'sinon'

import {opportunities} from '../../../src/close/resources.js'
import {RemoteError, UsageError} from '../../../src/errors.js'
import {refuseMissing} from '../../../src/input/ask.js'
import {describedForDelete, requireChanges} from '../../../src/services/records.js'
import {forgetStaleLookups, recordIdOf, wantsJson} from '../../../src/services/support.js'

function rejected(field: string): RemoteError {
  return new RemoteError('x', {code: 'close_validation', details: {fieldErrors: {[field]: 'Not a valid choice.'}}})
}

describe('services/support', () => {
  it('recordIdOf: an ID, a Close URL, a lead page with the record open; the wrong kind exits 2', () => {
    const opp = 'oppo_AbCdEfGhIjKlMnOpQrStUv'
    expect(recordIdOf(opp, 'opportunity')).to.equal(opp)
    expect(recordIdOf(`https://app.close.com/opportunity/${opp}/`, 'opportunity')).to.equal(opp)
    expect(
      recordIdOf(`https://app.close.com/lead/lead_AbCdEfGhIjKlMnOpQrStUv/opportunity/${opp}/`, 'opportunity'),
    ).to.equal(opp)
    expect(() => recordIdOf('lead_AbCdEfGhIjKlMnOpQrStUv', 'task')).to.throw(
      UsageError,
      'lead_AbCdEfGhIjKlMnOpQrStUv in ID is a lead ID, but a task is needed.',
    )
    expect(() => recordIdOf('Acme', 'task')).to.throw(UsageError, '"Acme" in ID is not a task ID or URL.')
  })

  it('refuseMissing (input/ask.ts): off a terminal names every missing flag at once; on a terminal lets the caller ask', () => {
    expect(() => refuseMissing(['--lead', '--value'], false)).to.throw(UsageError, 'Missing --lead, --value.')
    expect(() => refuseMissing(['--lead'], true)).not.to.throw()
    expect(() => refuseMissing([], false)).not.to.throw()
  })

  it('requireChanges: an empty update exits 2 listing the flags', () => {
    try {
      requireChanges({}, ['text', 'due'])
      expect.fail('expected a throw')
    } catch (error) {
      expect((error as UsageError).message).to.equal('Nothing to update: give at least one field to change.')
      expect((error as UsageError).hint).to.equal('Pass one or more of --text, --due.')
    }

    expect(() => requireChanges({text: 'x'}, ['text'])).not.to.throw()
  })

  it('forgetStaleLookups: only when Close rejected a status or a user', async () => {
    const forget = stub().resolves()
    await forgetStaleLookups(rejected('value'), forget)
    await forgetStaleLookups(new Error('x'), forget)
    expect(forget.called).to.equal(false)
    await forgetStaleLookups(rejected('status_id'), forget)
    await forgetStaleLookups(rejected('assigned_to'), forget)
    expect(forget.callCount).to.equal(2)
  })

  it('describedForDelete: names the record for the question, deletes through the router', async () => {
    const api = {delete: stub().resolves(), get: stub().resolves({id: 'oppo_1', lead_name: 'Acme'})}
    const named = describedForDelete(api, (record) => `deal with ${String(record.lead_name)}`)
    expect(await named.get(opportunities, 'oppo_1')).to.deep.equal({
      display_name: 'deal with Acme',
      id: 'oppo_1',
      lead_name: 'Acme',
    })
    await named.delete(opportunities, 'oppo_1')
    expect(api.delete.calledOnceWith(opportunities, 'oppo_1')).to.equal(true)
  })

  it('wantsJson: the Io format json (--json, -o json) or ndjson', () => {
    expect(wantsJson({format: 'json'})).to.equal(true)
    expect(wantsJson({format: 'ndjson'})).to.equal(true)
    expect(wantsJson({format: 'tsv'})).to.equal(false)
    expect(wantsJson({format: 'table'})).to.equal(false)
  })
})
