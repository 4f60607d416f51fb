import {expect} from 'chai'

import {UsageError} from '../../../src/errors.js'
import {parseDuration} from '../../../src/input/duration.js'

function rejects(text: string, reason: string, maxSeconds?: number): void {
  expect(() => parseDuration(text, {maxSeconds})).to.throw(
    UsageError,
    `--duration "${text}" is not a valid duration: ${reason}.`,
  )
}

describe('input duration', () => {
  it('reads plain seconds and units', () => {
    expect(parseDuration('300')).to.equal(300)
    expect(parseDuration('90s')).to.equal(90)
    expect(parseDuration('5m')).to.equal(300)
    expect(parseDuration('2h')).to.equal(7200)
    expect(parseDuration('1h30m')).to.equal(5400)
    expect(parseDuration('1h 30m 15s')).to.equal(5415)
    expect(parseDuration('5 min')).to.equal(300)
    expect(parseDuration('2 Hours')).to.equal(7200)
    expect(parseDuration('0')).to.equal(0)
  })

  it('reads clock forms', () => {
    expect(parseDuration('1:30')).to.equal(90)
    expect(parseDuration('1:02:03')).to.equal(3723)
  })

  it('refuses what it cannot read', () => {
    rejects('five', 'it is not a duration')
    rejects('', 'it is not a duration')
    rejects('5x', '"x" is not a unit (use h, m or s)')
    rejects('30m1h', 'give hours, minutes and seconds in that order, each once')
    rejects('5m5m', 'give hours, minutes and seconds in that order, each once')
    rejects('1:60', 'it is not a duration')
    rejects('-5m', 'it is not a duration')
    rejects('1.5h', 'it is not a duration')
  })

  it('refuses durations over the maximum', () => {
    rejects('25h', 'it is longer than 24 hours')
    rejects('99999999999999999999', 'it is longer than 24 hours')
    rejects('61', 'it is longer than 1 minutes', 60)
    expect(parseDuration('24h')).to.equal(86_400)
  })

  it('names the flag', () => {
    expect(() => parseDuration('x', {flag: '--length'})).to.throw(UsageError, '--length "x"')
  })
})
