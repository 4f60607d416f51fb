import {expect} from 'chai'

import {assertId} from '../../../src/close/ids.js'
import {leads, notes, opportunities} from '../../../src/close/resources.js'
import {UsageError} from '../../../src/errors.js'

describe('assertId', () => {
  it('accepts IDs of the right kind', () => {
    expect(assertId(leads, 'lead_AbCdEfGhIjKlMnOpQrStUv')).to.equal('lead_AbCdEfGhIjKlMnOpQrStUv')
    expect(assertId(notes, 'acti_AbCdEfGhIjKlMnOpQrStUv')).to.equal('acti_AbCdEfGhIjKlMnOpQrStUv')
  })

  it('names the kind of a wrong ID and the kind needed', () => {
    expect(() => assertId(leads, 'cont_AbCdEfGhIjKlMnOpQrStUv')).to.throw(
      UsageError,
      'cont_AbCdEfGhIjKlMnOpQrStUv is a contact ID, but a lead ID (lead_…) is needed.',
    )
  })

  it('uses the right article', () => {
    expect(() => assertId(opportunities, 'acti_AbCdEfGhIjKlMnOpQrStUv')).to.throw(
      UsageError,
      'acti_AbCdEfGhIjKlMnOpQrStUv is an activity ID, but an opportunity ID (oppo_…) is needed.',
    )
  })

  it('rejects what is not an ID at all, with where to find one', () => {
    try {
      assertId(opportunities, '../../etc/passwd', '--opportunity')
      expect.fail('no error')
    } catch (error) {
      expect((error as UsageError).message).to.equal(
        '"../../etc/passwd" in --opportunity is not a Close opportunity ID.',
      )
      expect((error as UsageError).hint).to.contain('close opps list')
      expect((error as UsageError).exitCode).to.equal(2)
    }
  })
})
