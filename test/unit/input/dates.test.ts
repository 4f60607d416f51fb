import {expect} from 'chai'

import {UsageError} from '../../../src/errors.js'
import {formatLocalDateTime, parseCloseDate, parseDateInput, parseDay} from '../../../src/input/dates.js'

// Wednesday 2026-11-25, 09:30 local time.
const now = new Date(2026, 10, 25, 9, 30)
const day = (text: string) => parseCloseDate(text, '--due', now)
const local = (...args: [number, number, number, number, number]) => formatLocalDateTime(new Date(...args))

function rejects(text: string, reason?: string): UsageError {
  let caught: unknown
  try {
    parseDateInput(text, '--due', now)
  } catch (error) {
    caught = error
  }

  expect(caught, text).to.be.instanceOf(UsageError)
  const error = caught as UsageError
  expect(error.exitCode).to.equal(2)
  expect(error.code).to.equal('invalid_date')
  expect(error.message).to.contain(`--due "${text}" is not a date`)
  if (reason) expect(error.message).to.contain(reason)
  return error
}

describe('input dates', () => {
  it('reads today, tomorrow and yesterday in local time', () => {
    expect(day('today')).to.equal('2026-11-25')
    expect(day(' Tomorrow ')).to.equal('2026-11-26')
    expect(day('tmrw')).to.equal('2026-11-26')
    expect(day('yesterday')).to.equal('2026-11-24')
  })

  it('crosses month and year ends', () => {
    const eve = new Date(2026, 11, 31, 23, 59)
    expect(parseCloseDate('tomorrow', '--due', eve)).to.equal('2027-01-01')
    expect(parseCloseDate('+1d', '--due', new Date(2028, 1, 28, 12))).to.equal('2028-02-29')
  })

  it('reads weekday names as the next such day, never today', () => {
    expect(day('fri')).to.equal('2026-11-27')
    expect(day('friday')).to.equal('2026-11-27')
    expect(day('wed')).to.equal('2026-12-02') // today is Wednesday: the next one
    expect(day('mon')).to.equal('2026-11-30')
    expect(day('thurs')).to.equal('2026-11-26')
    expect(day('next monday')).to.equal('2026-11-30')
    expect(day('next wed')).to.equal('2026-12-02')
    expect(day('last fri')).to.equal('2026-11-20')
    expect(day('last wednesday')).to.equal('2026-11-18')
  })

  it('reads relative shifts in days, weeks, months and years', () => {
    expect(day('+3d')).to.equal('2026-11-28')
    expect(day('-1w')).to.equal('2026-11-18')
    expect(day('+2m')).to.equal('2027-01-25')
    expect(day('+1y')).to.equal('2027-11-25')
    expect(day('in 3 days')).to.equal('2026-11-28')
    expect(day('in 1 day')).to.equal('2026-11-26')
    expect(day('in 2 weeks')).to.equal('2026-12-09')
    expect(day('in 1 month')).to.equal('2026-12-25')
    expect(day('3 days ago')).to.equal('2026-11-22')
  })

  it('clamps month shifts to the end of a shorter month', () => {
    expect(parseCloseDate('+1m', '--due', new Date(2027, 0, 31, 12))).to.equal('2027-02-28')
    expect(parseCloseDate('+1m', '--due', new Date(2028, 0, 31, 12))).to.equal('2028-02-29')
  })

  it('reads ISO dates exactly as given', () => {
    expect(day('2027-01-15')).to.equal('2027-01-15')
    expect(day('2028-02-29')).to.equal('2028-02-29')
    expect(parseDateInput('2027-01-15', '--due', now)).to.deep.equal({date: '2027-01-15', kind: 'date'})
  })

  it('reads ISO date-times without an offset as local time and gives the local offset', () => {
    expect(day('2026-12-01T10:00')).to.equal(local(2026, 11, 1, 10, 0))
    expect(day('2026-12-01 10:00')).to.equal(local(2026, 11, 1, 10, 0))
    expect(day('2026-12-01T10:00:30')).to.match(/^2026-12-01T10:00:30[+-]\d{2}:\d{2}$/)
  })

  it('reads ISO date-times with an offset as that instant', () => {
    const parsed = parseDateInput('2027-01-15T10:00:00Z', '--due', now)
    expect(parsed.kind).to.equal('datetime')
    if (parsed.kind !== 'datetime') return
    expect(Date.parse(parsed.dateTime)).to.equal(Date.UTC(2027, 0, 15, 10, 0))
    expect(Date.parse(day('2027-01-15T10:00:00+02:00'))).to.equal(Date.UTC(2027, 0, 15, 8, 0))
    expect(Date.parse(day('2027-01-15T10:00:00.250-0530'))).to.equal(Date.UTC(2027, 0, 15, 15, 30, 0, 0))
  })

  it('reads a day with a local time', () => {
    expect(day('fri 9:30')).to.equal(local(2026, 10, 27, 9, 30))
    expect(day('tomorrow at 3pm')).to.equal(local(2026, 10, 26, 15, 0))
    expect(day('today 12am')).to.equal(local(2026, 10, 25, 0, 0))
    expect(day('+2d noon')).to.equal(local(2026, 10, 27, 12, 0))
  })

  it('gives only the calendar day for day filters', () => {
    expect(parseDay('2026-12-01T10:00', '--created-after', now)).to.equal('2026-12-01')
    expect(parseDay('fri', '--created-after', now)).to.equal('2026-11-27')
  })

  it('refuses impossible calendar dates instead of rolling them over', () => {
    rejects('2026-02-31', 'February 2026 has 28 days')
    rejects('2026-02-29', 'February 2026 has 28 days')
    rejects('2026-02-30T10:00', 'February 2026 has 28 days')
    rejects('2026-04-31', 'April 2026 has 30 days')
    rejects('2026-13-01', 'there is no month 13')
    rejects('2026-00-10', 'there is no month 0')
    rejects('2026-01-00', 'January 2026 has 31 days')
  })

  it('refuses impossible times and offsets', () => {
    rejects('2026-12-01T24:00', '24:00 is not a time of day')
    rejects('2026-12-01T10:60')
    rejects('2026-12-01T10:00+15:00', 'not a time-zone offset')
    rejects('fri 13pm', 'not a time of day')
  })

  it('refuses a local time skipped by a daylight-saving change', function () {
    // Only zones with a spring-forward gap at 02:30 on 2026-03-29 (most of Europe); run with TZ=Europe/Berlin.
    if (new Date(2026, 2, 29, 2, 30).getHours() === 2) this.skip()
    rejects('2026-03-29T02:30', 'does not exist in the local time zone')
  })

  it('refuses out-of-range shifts and years with a clear reason', () => {
    rejects('+99999999999d', 'out of range')
    rejects('+2000y', 'out of range')
    rejects('-999999w', 'out of range')
    rejects('0001-01-01', 'out of range')
    rejects('in 400000 days', 'out of range')
  })

  it('refuses what it cannot read, naming the flag and the accepted forms', () => {
    const error = rejects('next fridya')
    expect(error.hint).to.contain('--due tomorrow')
    rejects('')
    rejects('2026-1-5', 'use YYYY-MM-DD')
    rejects('12/01/2026')
    rejects('3pm') // a time without a day is not guessed
    rejects('fri 9') // nor is a bare number after a day
    rejects('in 3 d')
    rejects('+3')
  })

  it('names the flag it was given', () => {
    expect(() => parseCloseDate('nope', '--created-after', now)).to.throw(UsageError, '--created-after "nope"')
  })
})
