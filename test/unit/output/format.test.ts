import {expect} from 'chai'

import {
  formatBoolean,
  formatCell,
  formatCount,
  formatDate,
  formatDateTime,
  formatField,
  formatList,
  formatMoney,
  formatPercent,
} from '../../../src/close/format.js'
import {bluestem, oppActive, oppWon, withTZ} from './helpers.js'

describe('close/format', () => {
  const tz = withTZ('America/New_York')

  before(tz.before)

  after(tz.after)

  describe('formatMoney', () => {
    it('shows whole amounts without decimals and others with two', () => {
      expect(formatMoney(1_200_000)).to.equal('$12,000')
      expect(formatMoney(1_200_050)).to.equal('$12,000.50')
      expect(formatMoney(5)).to.equal('$0.05')
      expect(formatMoney(-25_000)).to.equal('-$250')
      expect(formatMoney(0)).to.equal('$0')
    })

    it('uses the currency given', () => {
      expect(formatMoney(1_200_050, 'EUR')).to.equal('€12,000.50')
      expect(formatMoney(100_000, 'gbp')).to.equal('£1,000')
    })

    it('falls back to the code for a currency Intl does not know, and blank for nothing', () => {
      expect(formatMoney(1_200_050, 'XY1')).to.equal('12,000.50 XY1')
      expect(formatMoney(null)).to.equal('')
      expect(formatMoney('1200000')).to.equal('$12,000')
      expect(formatMoney('n/a')).to.equal('n/a')
    })
  })

  describe('dates', () => {
    it('converts Close datetimes (microseconds, offset) to the local date and time', () => {
      // 02:30 UTC is still the previous evening in New York.
      expect(formatDate('2026-10-01T02:30:00.123456+00:00')).to.equal('2026-09-30')
      expect(formatDateTime('2026-10-01T02:30:00.123456+00:00')).to.equal('2026-09-30 22:30')
      expect(formatDateTime('2026-01-10T10:20:00+00:00')).to.equal('2026-01-10 05:20')
    })

    it('keeps date-only values as they are (no time zone shift) and blanks nothing', () => {
      expect(formatDate('2026-09-30')).to.equal('2026-09-30')
      expect(formatDateTime('2026-09-30')).to.equal('2026-09-30')
      expect(formatDate(null)).to.equal('')
      expect(formatDate('')).to.equal('')
      expect(formatDate('soon')).to.equal('soon')
    })
  })

  it('formats percentages, booleans and counts', () => {
    expect(formatPercent(80)).to.equal('80%')
    expect(formatPercent(12.54)).to.equal('12.5%')
    expect(formatPercent(null)).to.equal('')
    expect(formatBoolean(true)).to.equal('yes')
    expect(formatBoolean(false)).to.equal('no')
    expect(formatBoolean(null)).to.equal('')
    expect(formatCount([1, 2, 3])).to.equal('3')
    expect(formatCount([])).to.equal('0')
    expect(formatCount(null)).to.equal('')
  })

  it('names the items of a list by their telling key', () => {
    expect(formatList(bluestem.contacts)).to.equal('Priya Raman')
    expect(formatList(bluestem.addresses)).to.equal('100 Main Street, Denver, US')
    expect(formatList(['a', 'b', 'c', 'd'], 2)).to.equal('a, b, +2 more')
  })

  describe('formatCell', () => {
    it('dispatches on the column format', () => {
      expect(formatCell(oppActive, {format: 'money', header: 'VALUE', key: 'value'})).to.equal('$12,000')
      expect(formatCell(oppWon, {format: 'money', header: 'VALUE', key: 'value'})).to.equal('€12,000.50')
      expect(formatCell(oppActive, {format: 'percent', header: 'CONF', key: 'confidence'})).to.equal('80%')
      expect(formatCell(oppWon, {format: 'date', header: 'WON', key: 'date_won'})).to.equal('2026-09-30')
      expect(formatCell(bluestem, {format: 'count', header: 'CONTACTS', key: 'contacts'})).to.equal('1')
      expect(formatCell(bluestem, {header: 'CITY', key: 'addresses.0.city'})).to.equal('Denver')
      expect(formatCell({is_complete: true}, {format: 'boolean', header: 'DONE', key: 'is_complete'})).to.equal('yes')
    })

    it('reads the currency from currencyKey, else value_currency, else USD', () => {
      const record = {amount: 990, currency: 'GBP', value_currency: 'EUR'}
      expect(formatCell(record, {currencyKey: 'currency', format: 'money', header: 'A', key: 'amount'})).to.equal(
        '£9.90',
      )
      expect(formatCell(record, {format: 'money', header: 'A', key: 'amount'})).to.equal('€9.90')
      expect(formatCell({amount: 990}, {format: 'money', header: 'A', key: 'amount'})).to.equal('$9.90')
    })

    it('shows null and missing values as empty and objects by their telling key', () => {
      expect(formatCell(oppActive, {format: 'date', header: 'WON', key: 'date_won'})).to.equal('')
      expect(formatCell(oppActive, {header: 'X', key: 'nope'})).to.equal('')
      expect(formatCell(bluestem, {header: 'EMAIL', key: 'primary_email'})).to.equal('priya.raman@bluestem.example')
      expect(formatCell(bluestem, {header: 'CF', key: 'custom.cf_4rT9x2VbQmLk8sWz1nYpAe'})).to.equal('Enterprise')
    })
  })

  it('formats fields with no column by what they are', () => {
    expect(formatField({expected_value: 960_000, value_currency: 'USD'}, 'expected_value')).to.equal('$9,600')
    expect(formatField(oppActive, 'confidence')).to.equal('80%')
    expect(formatField(bluestem, 'date_created')).to.equal('2026-01-10 05:20')
    expect(formatField(bluestem, 'status_label')).to.equal('Potential')
  })
})
