/**
 * Parsers for what people type into flags: money in currency units, dates, "Name <email>"
 * contacts, key=value pairs. Each throws a UsageError (exit 2) that names the flag and shows an
 * accepted form, so nothing the user typed is silently reinterpreted.
 */
import {UsageError} from '../errors.js'
import {parseCloseDate} from './dates.js'
import {parseMoneyCents} from './money.js'

/**
 * `12,000`, `$12,000.50`, `12k`, `1.2m` → cents; strict (see src/input/money.ts). Kept for the
 * callers of this module; new code calls `parseMoneyCents`/`parseAmount`.
 */
export function parseMoney(text: string, flag = '--value'): number {
  return parseMoneyCents(text, {flag})
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

/**
 * `today`, `tomorrow`, `fri`, `next monday`, `in 3 days`, `+3d`/`-1w`, `YYYY-MM-DD`, an ISO
 * date-time … → a Close date (`YYYY-MM-DD`) or date-time (ISO with the local offset); strict (see
 * src/input/dates.ts). Kept for the callers of this module.
 */
export function parseDate(text: string, flag: string, now: Date = new Date()): string {
  return parseCloseDate(text, flag, now)
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
