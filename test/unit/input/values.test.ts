import {expect} from 'chai'

import {UsageError} from '../../../src/errors.js'
import {parseContact, parseDate, parseMoney, parsePhone} from '../../../src/input/values.js'

describe('input values', () => {
  it('reads money in currency units and returns cents', () => {
    expect(parseMoney('12,000')).to.equal(1_200_000)
    expect(parseMoney('99.5')).to.equal(9950)
    expect(parseMoney('$1,250.05')).to.equal(125_005)
    expect(parseMoney('12k')).to.equal(1_200_000)
    expect(() => parseMoney('1,2,3')).to.throw(UsageError, '--value "1,2,3" is not an amount: commas must group')
    expect(() => parseMoney('1.234')).to.throw(UsageError, 'more than 2 decimals')
    expect(() => parseMoney('twelve', '--amount')).to.throw(UsageError, '--amount "twelve" is not an amount.')
  })

  it('reads dates: keywords, relative days and weeks, ISO dates', () => {
    const now = new Date(2026, 10, 28, 9, 30)
    expect(parseDate('today', '--due', now)).to.equal('2026-11-28')
    expect(parseDate('tomorrow', '--due', now)).to.equal('2026-11-29')
    expect(parseDate('+3d', '--due', now)).to.equal('2026-12-01')
    expect(parseDate('-1w', '--due', now)).to.equal('2026-11-21')
    expect(parseDate('2027-01-15', '--due', now)).to.equal('2027-01-15')
    expect(Date.parse(parseDate('2027-01-15T10:00:00Z', '--due', now))).to.equal(Date.UTC(2027, 0, 15, 10))
    expect(parseDate('2027-01-15T10:00:00Z', '--due', now)).to.match(/^2027-01-1[45]T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/)
    expect(parseDate('next friday', '--due', now)).to.equal('2026-12-04')
    expect(() => parseDate('2026-02-29', '--due', now)).to.throw(UsageError, '--due "2026-02-29" is not a date')
    expect(() => parseDate('someday', '--due', now)).to.throw(UsageError, '--due "someday" is not a date.')
  })

  it('reads contacts as "Name <email>", a bare email or a bare name', () => {
    expect(parseContact('Jane Doe <jane@acme.com>')).to.deep.equal({
      emails: [{email: 'jane@acme.com', type: 'office'}],
      name: 'Jane Doe',
    })
    expect(parseContact('jane@acme.com')).to.deep.equal({emails: [{email: 'jane@acme.com', type: 'office'}]})
    expect(parseContact('Jane Doe')).to.deep.equal({name: 'Jane Doe'})
    expect(() => parseContact('Jane <not-an-email>')).to.throw(UsageError, 'is not a contact')
  })

  it('keeps phones in E.164 form', () => {
    expect(parsePhone('+1 (415) 555-0100')).to.equal('+14155550100')
    expect(() => parsePhone('call me')).to.throw(UsageError)
  })
})
