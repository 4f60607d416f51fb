/**
 * Dates as people type them, read strictly in the local time zone against an injected `now`.
 *
 * Accepted (case-insensitive, surrounding spaces ignored):
 *
 *   today  tomorrow  yesterday          (also `tod`, `tmr`, `tmrw`)
 *   fri  friday  next fri               the next Friday, never today (`next` changes nothing)
 *   last fri                            the latest Friday before today
 *   in 3 days  in 2 weeks  in 1 month   also `3 days ago`
 *   +3d  -1w  +2m  +1y                  days, weeks, calendar months, years; `m` is months here
 *                                       (dates have no minutes); Jan 31 +1m → Feb 28/29
 *   2026-12-01                          an ISO calendar date
 *   2026-12-01T10:00  2026-12-01 10:00  an ISO date-time; without an offset it is local time
 *   2026-12-01T10:00:00Z / +02:00       with an offset: that instant
 *   <any day above> 10:00 | at 3pm      a day and a local time, e.g. `fri 9:30`, `tomorrow at 3pm`
 *
 * Impossible calendar dates (2026-02-31, 2026-02-29, 2026-02-30T10:00), times that do not exist
 * (25:00, a local time skipped by a daylight-saving change) and anything outside 1900-01-01 …
 * 2999-12-31 are a UsageError (exit 2) naming the flag; nothing is silently rolled over.
 *
 * Outputs for Close: a date `YYYY-MM-DD`, or a date-time in ISO 8601 with the local offset
 * (`2026-12-01T10:00:00+01:00`).
 */
import {UsageError} from '../errors.js'

export type ParsedDate =
  | {
      /** The local calendar date of the instant, `YYYY-MM-DD`. */
      date: string
      /** ISO 8601 with the local offset, `2026-12-01T10:00:00+01:00`. */
      dateTime: string
      kind: 'datetime'
    }
  | {date: string; kind: 'date'}

export const MIN_YEAR = 1900
export const MAX_YEAR = 2999

const WEEKDAYS: Record<string, number> = {
  fri: 5,
  friday: 5,
  mon: 1,
  monday: 1,
  sat: 6,
  saturday: 6,
  sun: 0,
  sunday: 0,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const UNIT_WORDS: Record<string, Unit> = {
  d: 'd',
  day: 'd',
  days: 'd',
  m: 'm',
  month: 'm',
  months: 'm',
  w: 'w',
  week: 'w',
  weeks: 'w',
  y: 'y',
  year: 'y',
  years: 'y',
}

type Unit = 'd' | 'm' | 'w' | 'y'

interface Day {
  day: number
  month: number // 1-12
  year: number
}

/** Thrown inside this module and turned into a UsageError naming the flag. */
class DateProblem extends Error {}

/**
 * Read a date or date-time. Throws a UsageError (exit 2) naming `flag` for anything it cannot read
 * exactly.
 */
export function parseDateInput(text: string, flag: string, now: Date = new Date()): ParsedDate {
  try {
    return read(text, now)
  } catch (error) {
    if (!(error instanceof DateProblem)) throw error
    const reason = error.message ? `: ${error.message}` : ''
    throw new UsageError(`${flag} "${text}" is not a date${reason}.`, {
      code: 'invalid_date',
      hint: `Use a date such as 2026-12-01, today, tomorrow, fri, next monday, in 3 days, +3d or -1w, or a date-time such as "2026-12-01 10:00" or "fri 3pm", e.g. ${flag} tomorrow.`,
    })
  }
}

/** A Close date (`YYYY-MM-DD`) or, when a time was given, a date-time in ISO with the local offset. */
export function parseCloseDate(text: string, flag: string, now: Date = new Date()): string {
  const parsed = parseDateInput(text, flag, now)
  return parsed.kind === 'date' ? parsed.date : parsed.dateTime
}

/** Only the calendar day (`YYYY-MM-DD`); a date-time gives its local date. For filters such as `--created-after`. */
export function parseDay(text: string, flag: string, now: Date = new Date()): string {
  return parseDateInput(text, flag, now).date
}

/** `YYYY-MM-DD` of a Date in the local time zone. */
export function formatLocalDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** ISO 8601 with the local offset and whole seconds: `2026-12-01T10:00:00+01:00`. */
export function formatLocalDateTime(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  return `${formatLocalDate(date)}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

function read(text: string, now: Date): ParsedDate {
  const value = text.trim().toLowerCase().replaceAll(/\s+/g, ' ')
  if (value === '') throw new DateProblem('it is empty')

  const iso = readIso(value)
  if (iso) return iso

  // "<day> [at] <time>": split a trailing time off a relative day.
  const withTime = /^(.+?) (?:at )?(\d{1,2}(?::\d{2})?(?: ?[ap]m)?|noon|midnight)$/.exec(value)
  if (withTime && !/^[+-]?\d+$/.test(withTime[2])) {
    const day = readRelativeDay(withTime[1], now)
    if (day) return atLocalTime(day, readClock(withTime[2]))
  }

  // A bare time ("3pm", "15:30") is ambiguous about the day: refuse rather than guess.
  const day = readRelativeDay(value, now)
  if (day) return {date: formatDay(checkRange(day)), kind: 'date'}
  throw new DateProblem('')
}

function readIso(value: string): ParsedDate | undefined {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (dateOnly) {
    const day = checkCalendar(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]))
    return {date: formatDay(day), kind: 'date'}
  }

  const dateTime =
    /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(z|[+-]\d{2}:?\d{2})?$/.exec(value)
  if (!dateTime) {
    if (/^\d{4}-\d{1,2}-\d{1,2}/.test(value)) {
      throw new DateProblem('use YYYY-MM-DD, optionally followed by THH:MM[:SS] and an offset')
    }

    return undefined
  }

  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = dateTime
  const day = checkCalendar(Number(y), Number(mo), Number(d))
  const clock = checkClock(Number(h), Number(mi), Number(s))
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3))
  if (zone === undefined) return atLocalTime(day, clock, ms)

  const offsetMinutes = zone === 'z' ? 0 : readOffset(zone)
  const instant =
    Date.UTC(day.year, day.month - 1, day.day, clock.hours, clock.minutes, clock.seconds, ms) - offsetMinutes * 60_000
  return fromInstant(new Date(instant))
}

function readOffset(zone: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
  const hours = Number(match[2])
  const minutes = Number(match[3])
  if (hours > 14 || minutes > 59) throw new DateProblem(`${zone.toUpperCase()} is not a time-zone offset`)
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

function readRelativeDay(value: string, now: Date): Day | undefined {
  const today = {day: now.getDate(), month: now.getMonth() + 1, year: now.getFullYear()}
  switch (value) {
    case 'tmr':
    case 'tmrw':
    case 'tomorrow': {
      return addDays(today, 1)
    }

    case 'tod':
    case 'today': {
      return today
    }

    case 'yesterday': {
      return addDays(today, -1)
    }
  }

  const weekday = /^(?:(next|last) )?([a-z]+)$/.exec(value)
  if (weekday && Object.hasOwn(WEEKDAYS, weekday[2])) {
    const wanted = WEEKDAYS[weekday[2]]
    const current = now.getDay()
    if (weekday[1] === 'last') return addDays(today, -((current - wanted + 7) % 7 || 7))
    return addDays(today, (wanted - current + 7) % 7 || 7)
  }

  const shorthand = /^([+-])(\d+) ?([dwmy])$/.exec(value)
  if (shorthand) return shift(today, shorthand[1] === '-' ? -1 : 1, shorthand[2], shorthand[3] as Unit)

  const inWords = /^in (\d+) ([a-z]+)$/.exec(value)
  if (inWords && Object.hasOwn(UNIT_WORDS, inWords[2]) && inWords[2].length > 1) {
    return shift(today, 1, inWords[1], UNIT_WORDS[inWords[2]])
  }

  const ago = /^(\d+) ([a-z]+) ago$/.exec(value)
  if (ago && Object.hasOwn(UNIT_WORDS, ago[2]) && ago[2].length > 1) {
    return shift(today, -1, ago[1], UNIT_WORDS[ago[2]])
  }

  return undefined
}

/** Shift by whole units; counts that cannot land inside the supported years are refused before any arithmetic. */
function shift(from: Day, sign: -1 | 1, digits: string, unit: Unit): Day {
  const count = Number(digits)
  const perYear = {d: 366, m: 12, w: 53, y: 1}[unit]
  if (!Number.isSafeInteger(count) || count > (MAX_YEAR - MIN_YEAR + 1) * perYear) {
    throw new DateProblem(`${digits} is out of range (dates run from ${MIN_YEAR} to ${MAX_YEAR})`)
  }

  const n = sign * count
  switch (unit) {
    case 'd': {
      return checkRange(addDays(from, n))
    }

    case 'm': {
      return checkRange(addMonths(from, n))
    }

    case 'w': {
      return checkRange(addDays(from, 7 * n))
    }

    case 'y': {
      return checkRange(addMonths(from, 12 * n))
    }
  }
}

function addDays(from: Day, days: number): Day {
  const date = new Date(Date.UTC(from.year, from.month - 1, from.day + days))
  return {day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: date.getUTCFullYear()}
}

/** Calendar months; the day is clamped to the target month's length (Jan 31 + 1 month → Feb 28 or 29). */
function addMonths(from: Day, months: number): Day {
  const index = from.year * 12 + (from.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return {day: Math.min(from.day, daysInMonth(year, month)), month, year}
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function checkCalendar(year: number, month: number, day: number): Day {
  if (month < 1 || month > 12) throw new DateProblem(`there is no month ${month}`)
  const length = daysInMonth(year, month)
  if (day < 1 || day > length) {
    throw new DateProblem(`${MONTH_NAMES[month - 1]} ${year} has ${length} days`)
  }

  return checkRange({day, month, year})
}

function checkRange(day: Day): Day {
  if (day.year < MIN_YEAR || day.year > MAX_YEAR) {
    throw new DateProblem(`it is out of range (dates run from ${MIN_YEAR} to ${MAX_YEAR})`)
  }

  return day
}

interface Clock {
  hours: number
  minutes: number
  seconds: number
}

function checkClock(hours: number, minutes: number, seconds: number): Clock {
  if (hours > 23 || minutes > 59 || seconds > 59) {
    throw new DateProblem(`${pad(hours)}:${pad(minutes)} is not a time of day`)
  }

  return {hours, minutes, seconds}
}

/** `15:30`, `3pm`, `3:30 pm`, `12am`, `noon`, `midnight`. */
function readClock(text: string): Clock {
  if (text === 'noon') return {hours: 12, minutes: 0, seconds: 0}
  if (text === 'midnight') return {hours: 0, minutes: 0, seconds: 0}
  const match = /^(\d{1,2})(?::(\d{2}))? ?([ap]m)?$/.exec(text)!
  let hours = Number(match[1])
  const minutes = Number(match[2] ?? 0)
  if (match[3]) {
    if (hours < 1 || hours > 12) throw new DateProblem(`${text} is not a time of day`)
    hours = (hours % 12) + (match[3] === 'pm' ? 12 : 0)
  }

  return checkClock(hours, minutes, 0)
}

function atLocalTime(day: Day, clock: Clock, ms = 0): ParsedDate {
  checkRange(day)
  const local = new Date(day.year, day.month - 1, day.day, clock.hours, clock.minutes, clock.seconds, ms)
  if (local.getDate() !== day.day || local.getHours() !== clock.hours || local.getMinutes() !== clock.minutes) {
    throw new DateProblem(
      `${formatDay(day)} ${pad(clock.hours)}:${pad(clock.minutes)} does not exist in the local time zone (a clock change)`,
    )
  }

  return fromInstant(local)
}

function fromInstant(instant: Date): ParsedDate {
  const year = instant.getFullYear()
  if (Number.isNaN(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new DateProblem(`it is out of range (dates run from ${MIN_YEAR} to ${MAX_YEAR})`)
  }

  return {date: formatLocalDate(instant), dateTime: formatLocalDateTime(instant), kind: 'datetime'}
}

function formatDay(day: Day): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
