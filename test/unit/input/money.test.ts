import {expect} from 'chai'

import {UsageError} from '../../../src/errors.js'
import {MAX_MONEY_CENTS, parseAmount, parseMoneyCents} from '../../../src/input/money.js'

function rejects(text: string, reason: string, options: Parameters<typeof parseMoneyCents>[1] = {}): void {
  let caught: unknown
  try {
    parseMoneyCents(text, options)
  } catch (error) {
    caught = error
  }

  expect(caught, text).to.be.instanceOf(UsageError)
  const error = caught as UsageError
  expect(error.exitCode).to.equal(2)
  expect(error.message).to.equal(
    `${options.flag ?? '--value'} "${text}" is not an amount${reason ? `: ${reason}` : ''}.`,
  )
}

describe('input money', () => {
  it('reads plain and grouped amounts as cents', () => {
    expect(parseMoneyCents('12000')).to.equal(1_200_000)
    expect(parseMoneyCents('12,000')).to.equal(1_200_000)
    expect(parseMoneyCents('1,234,567.89')).to.equal(123_456_789)
    expect(parseMoneyCents('99.5')).to.equal(9950)
    expect(parseMoneyCents('.5')).to.equal(50)
    expect(parseMoneyCents('0')).to.equal(0)
    expect(parseMoneyCents('1.230')).to.equal(123) // a trailing zero is not a third decimal
  })

  it('reads currency symbols and codes before or after the number', () => {
    expect(parseMoneyCents('$12,000.50')).to.equal(1_200_050)
    expect(parseAmount('$12,000.50')).to.deep.equal({cents: 1_200_050})
    expect(parseAmount('€99')).to.deep.equal({cents: 9900, currency: 'EUR'})
    expect(parseAmount('£1.5k')).to.deep.equal({cents: 150_000, currency: 'GBP'})
    expect(parseAmount('12k EUR')).to.deep.equal({cents: 1_200_000, currency: 'EUR'})
    expect(parseAmount('usd 250')).to.deep.equal({cents: 25_000, currency: 'USD'})
    expect(parseAmount('250€')).to.deep.equal({cents: 25_000, currency: 'EUR'})
  })

  it('reads k, m and b suffixes exactly', () => {
    expect(parseMoneyCents('12k')).to.equal(1_200_000)
    expect(parseMoneyCents('$12K')).to.equal(1_200_000)
    expect(parseMoneyCents('1.2m')).to.equal(120_000_000)
    expect(parseMoneyCents('2.5 M')).to.equal(250_000_000)
    expect(parseMoneyCents('0.1k')).to.equal(10_000)
    expect(parseMoneyCents('1.23456k')).to.equal(123_456)
    expect(parseMoneyCents('1b')).to.equal(100_000_000_000)
  })

  it('refuses wrong grouping', () => {
    rejects('1,2,3', 'commas must group the digits in threes, e.g. 1,234,567')
    rejects('12,00', 'commas must group the digits in threes, e.g. 1,234,567')
    rejects('1234,567', 'commas must group the digits in threes, e.g. 1,234,567')
  })

  it('refuses more than 2 decimals, also after a suffix', () => {
    rejects('1.234', 'more than 2 decimals')
    rejects('1.234567k', 'more than 2 decimals')
  })

  it('refuses negative amounts unless allowed', () => {
    rejects('-5', 'it must not be negative')
    rejects('-$5', 'it must not be negative')
    expect(parseMoneyCents('-$5.25', {allowNegative: true})).to.equal(-525)
    expect(parseMoneyCents('$-5', {allowNegative: true})).to.equal(-500)
    expect(parseMoneyCents('-0')).to.equal(0)
  })

  it('refuses amounts over the range', () => {
    rejects('99999999999999999999999', 'over the largest amount accepted (1,000,000,000,000)')
    rejects('1001b', 'over the largest amount accepted (1,000,000,000,000)')
    expect(parseMoneyCents('1,000,000,000,000')).to.equal(MAX_MONEY_CENTS)
    rejects('101', 'over the largest amount accepted (100)', {maxCents: 10_000})
  })

  it('refuses what is not a number, naming the flag', () => {
    rejects('twelve', '')
    rejects('', 'no number')
    rejects('$', 'no number')
    rejects('12.', '')
    rejects('1e5', '')
    rejects('12kk', '')
    rejects('--5', 'it has two minus signs', {allowNegative: true})
    rejects('abc', 'no number', {flag: '--amount'})
  })
})
