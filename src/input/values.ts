/**
 * Parsers for what people type into flags: money in currency units, dates, "Name <email>"
 * contacts, key=value pairs. Each throws a UsageError (exit 2) that names the flag and shows an
 * accepted form, so nothing the user typed is silently reinterpreted.
 */
import {UsageError} from '../errors.js'

/** `12,000`, `12000.50`, `$1,250` → cents. */
export function parseMoney(text: string, flag = '--value'): number {
  const cleaned = text
    .trim()
    .replace(/^[$€£]/, '')
    .replaceAll(',', '')
    .replaceAll('_', '')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    throw new UsageError(`${flag} "${text}" is not an amount.`, {
      code: 'invalid_value',
      hint: `Give the amount in currency units, e.g. ${flag} 12,000 or ${flag} 99.50 (it is sent to Close in cents).`,
    })
  }

  const [units, fraction = ''] = cleaned.split('.')
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'))
}

/** A whole number within bounds. */
export function parseIntegerInRange(text: string, flag: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`, {
      code: 'invalid_value',
    })
  }

  return value
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * `today`, `tomorrow`, `yesterday`, `+3d`/`-2w`, `YYYY-MM-DD`, or an ISO date-time → a Close date
 * (`YYYY-MM-DD`) or date-time (ISO with offset).
 */
export function parseDate(text: string, flag: string, now: Date = new Date()): string {
  const value = text.trim().toLowerCase()
  const shift = (days: number) => {
    const date = new Date(now)
    date.setDate(date.getDate() + days)
    return localDate(date)
  }

  if (value === 'today') return shift(0)
  if (value === 'tomorrow') return shift(1)
  if (value === 'yesterday') return shift(-1)
  const relative = /^([+-]\d+)([dw])$/.exec(value)
  if (relative) return shift(Number(relative[1]) * (relative[2] === 'w' ? 7 : 1))
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(text))) {
    return new Date(text).toISOString()
  }

  throw new UsageError(`${flag} "${text}" is not a date.`, {
    code: 'invalid_date',
    hint: `Use YYYY-MM-DD, an ISO date-time, today, tomorrow, or +3d / -1w, e.g. ${flag} 2026-12-01.`,
  })
}

export interface ContactInput {
  emails?: Array<{email: string; type: string}>
  name?: string
  phones?: Array<{phone: string; type: string}>
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

/** `Jane Doe <jane@acme.com>`, `jane@acme.com` or `Jane Doe` → a Close contact body. */
export function parseContact(text: string, flag = '--contact'): ContactInput {
  const trimmed = text.trim()
  const angle = /^(.*?)\s*<([^>]+)>$/.exec(trimmed)
  if (angle) {
    const [, name, email] = angle
    if (!EMAIL.test(email)) throw invalidContact(text, flag)
    return {emails: [{email, type: 'office'}], ...(name ? {name} : {})}
  }

  if (EMAIL.test(trimmed)) return {emails: [{email: trimmed, type: 'office'}]}
  if (trimmed === '' || trimmed.includes('<') || trimmed.includes('>')) throw invalidContact(text, flag)
  return {name: trimmed}
}

export function parseEmail(text: string, flag = '--email'): string {
  if (!EMAIL.test(text.trim())) {
    throw new UsageError(`${flag} "${text}" is not an email address.`, {code: 'invalid_email'})
  }

  return text.trim()
}

/** `+1 415 555 0100` → `+14155550100`; Close keeps E.164. Accepts digits, spaces, dashes, dots, brackets. */
export function parsePhone(text: string, flag = '--phone'): string {
  const compact = text.replaceAll(/[\s().-]/g, '')
  if (!/^\+?\d{6,15}$/.test(compact)) {
    throw new UsageError(`${flag} "${text}" is not a phone number.`, {
      code: 'invalid_phone',
      hint: `Use international form, e.g. ${flag} "+1 415 555 0100".`,
    })
  }

  return compact
}

function invalidContact(text: string, flag: string): UsageError {
  return new UsageError(`${flag} "${text}" is not a contact.`, {
    code: 'invalid_contact',
    hint: `Use ${flag} "Jane Doe <jane@acme.com>", ${flag} jane@acme.com or ${flag} "Jane Doe".`,
  })
}
