/**
 * How Close values read in a table (design §6): money from cents in the record's currency, dates in
 * local time, percentages, booleans, counts. Pure functions; the only environment they depend on is
 * the local time zone (TZ). csv/tsv/json never go through here: they carry the raw Close values.
 */
import type {Column} from './resources.js'

import {getField} from './normalize.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/

/** `1200000` cents → `$12,000`; `1200050` → `$12,000.50`. Unknown currency codes fall back to `12,000.50 XYZ`. */
export function formatMoney(cents: unknown, currency: unknown = 'USD'): string {
  const amount = toNumber(cents)
  if (amount === undefined) return cents === null || cents === undefined ? '' : String(cents)
  const units = amount / 100
  const digits = Number.isInteger(units) ? 0 : 2
  const code = typeof currency === 'string' && currency ? currency.toUpperCase() : 'USD'
  try {
    return new Intl.NumberFormat('en-US', {
      currency: code,
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
      style: 'currency',
    }).format(units)
  } catch {
    const number = new Intl.NumberFormat('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})
    return `${number.format(units)} ${code}`
  }
}

/** A Close datetime → `YYYY-MM-DD` in local time; a date-only string stays as it is. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value
  const date = toDate(value)
  if (!date) return String(value)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** A Close datetime → `YYYY-MM-DD HH:MM` in local time; a date-only string stays as it is. */
export function formatDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value
  const date = toDate(value)
  if (!date) return String(value)
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Close confidence (0–100) → `80%`; at most one decimal. */
export function formatPercent(value: unknown): string {
  const n = toNumber(value)
  if (n === undefined) return value === null || value === undefined ? '' : String(value)
  return `${new Intl.NumberFormat('en-US', {maximumFractionDigits: 1}).format(n)}%`
}

/** `yes` / `no`; null stays blank (unknown is not "no"). */
export function formatBoolean(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  return value === true || value === 'true' || value === 1 ? 'yes' : 'no'
}

/** An array → its length; a number stays; anything else blank. */
export function formatCount(value: unknown): string {
  if (Array.isArray(value)) return String(value.length)
  if (typeof value === 'number') return String(value)
  return ''
}

/**
 * A list of values → `a, b, c`. Objects are named by their most telling key (a contact's name, an
 * email's address, a phone number, an address's city…), then JSON as a last resort.
 */
export function formatList(value: unknown, max = Number.POSITIVE_INFINITY): string {
  if (value === null || value === undefined) return ''
  if (!Array.isArray(value)) return formatText(value)
  const items = value.map((item) => labelOf(item)).filter(Boolean)
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')}, +${items.length - max} more`
}

/**
 * The generic rendering: strings as they are, numbers plainly, booleans yes/no, lists joined, an
 * object by its telling key (`primary_email` → its address), else as JSON.
 */
export function formatText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return formatBoolean(value)
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return formatList(value)
  return labelOf(value)
}

/** A table cell: the column's field read from the record and shown in the column's format. */
export function formatCell(record: Record<string, unknown>, column: Column): string {
  const value = cellValue(record, column)
  if (value === null || value === undefined) return ''
  switch (column.format) {
    case 'boolean': {
      return formatBoolean(value)
    }

    case 'count': {
      return formatCount(value)
    }

    case 'date': {
      return formatDate(value)
    }

    case 'datetime': {
      return formatDateTime(value)
    }

    case 'list': {
      return formatList(value)
    }

    case 'money': {
      return formatMoney(value, getField(record, column.currencyKey ?? 'value_currency') ?? 'USD')
    }

    case 'percent': {
      return formatPercent(value)
    }

    default: {
      return formatText(value)
    }
  }
}

/** The column's value: its key, else the first of its `fallback` keys that holds something. */
export function cellValue(record: Record<string, unknown>, column: Column): unknown {
  const value = getField(record, column.key)
  if (!isBlank(value) || !column.fallback) return value
  for (const key of column.fallback) {
    const other = getField(record, key)
    if (!isBlank(other)) return other
  }

  return value
}

export type Tone = 'bad' | 'good' | 'overdue' | 'warn'

const GOOD_STATUS = /\b(won|customer|closed won|active customer)\b/i
const BAD_STATUS = /\b(lost|bad fit|canceled|cancelled|closed lost|not interested)\b/i

/**
 * How a cell should stand out (the renderer paints it): a status by its type (`status_type` won →
 * good, lost → bad; a lead status by its label), a due date red when it is past and the task is not
 * done. `today` is `YYYY-MM-DD` in local time.
 */
export function cellTone(record: Record<string, unknown>, column: Column, today: string): Tone | undefined {
  if (column.tone === 'status') {
    const type = record.status_type
    if (type === 'won') return 'good'
    if (type === 'lost') return 'bad'
    if (type === 'active') return undefined
    const label = cellValue(record, column)
    if (typeof label !== 'string') return undefined
    if (BAD_STATUS.test(label)) return 'bad'
    if (GOOD_STATUS.test(label)) return 'good'
    return undefined
  }

  if (column.tone === 'due') {
    if (record.is_complete === true) return undefined
    const due = formatDate(cellValue(record, column))
    return due && due < today ? 'overdue' : undefined
  }

  return undefined
}

/** Today as `YYYY-MM-DD` in local time. */
export function localToday(now: Date = new Date()): string {
  return formatDate(now)
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

// Close fields that hold cents in the record's `value_currency`.
const MONEY_KEYS = new Set([
  'annualized_expected_value',
  'annualized_value',
  'expected_value',
  'expected_value_annual',
  'expected_value_annualized',
  'expected_value_monthly',
  'value',
])

/**
 * Any field shown without a curated column (`--fields` in a table, the record view): money keys in
 * the record's currency, `confidence` as a percentage, ISO datetimes in local time, booleans yes/no,
 * lists joined; everything else as text.
 */
export function formatField(record: Record<string, unknown>, key: string): string {
  const value = getField(record, key)
  if (value === null || value === undefined) return ''
  if (MONEY_KEYS.has(key)) return formatMoney(value, record.value_currency ?? 'USD')
  if (key === 'confidence') return formatPercent(value)
  if (typeof value === 'string' && ISO_DATETIME.test(value)) return formatDateTime(value)
  return formatText(value)
}

function labelOf(item: unknown): string {
  if (item === null || item === undefined) return ''
  if (typeof item !== 'object') return formatText(item)
  const obj = item as Record<string, unknown>
  for (const key of ['display_name', 'name', 'email', 'phone_formatted', 'phone', 'url']) {
    const v = obj[key]
    if (typeof v === 'string' && v) return v
  }

  const place = [obj.address_1, obj.city, obj.country].filter((v) => typeof v === 'string' && v)
  if (place.length > 0) return place.join(', ')
  if (typeof obj.id === 'string') return obj.id
  return JSON.stringify(item)
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : undefined
  }

  return undefined
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
