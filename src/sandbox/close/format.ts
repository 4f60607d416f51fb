/** Close's value formats: timestamps, dates, money, phones, note HTML. */

const DAY_MS = 86_400_000

/** `2017-09-29T10:40:23.084123+00:00`: Close's timestamp, ISO with microseconds and `+00:00`. */
export function isoTimestamp(ms: number, micros = 0): string {
  const base = new Date(ms).toISOString().slice(0, 23)
  return `${base}${String(Math.trunc(micros) % 1000).padStart(3, '0')}+00:00`
}

let lastMicros = 0

/**
 * The timestamp of this moment, with a microsecond part. Strictly increasing within a process, so
 * writes made in the same millisecond (or under a frozen test clock) still sort in order.
 */
export function nowTimestamp(now: Date): string {
  let micros = now.getTime() * 1000 + (Number(process.hrtime.bigint() / 1000n) % 1000)
  if (micros <= lastMicros) micros = lastMicros + 1
  lastMicros = micros
  return isoTimestamp(Math.floor(micros / 1000), micros % 1000)
}

/** `YYYY-MM-DD` of a moment, in UTC (the sandbox's timezone). */
export function dateOnly(ms: Date | number): string {
  return new Date(typeof ms === 'number' ? ms : ms.getTime()).toISOString().slice(0, 10)
}

export function addDays(day: string, days: number): string {
  return dateOnly(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/

export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_RE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
}

/** Milliseconds of a date or date-time value as Close accepts them (date = midnight UTC), or NaN. */
export function parseMoment(value: string): number {
  if (DATE_RE.test(value)) return Date.parse(`${value}T00:00:00Z`)
  if (!DATETIME_RE.test(value)) return Number.NaN
  let text = value.replace(' ', 'T')
  // Trim microseconds to milliseconds for Date.parse, and assume UTC without an offset.
  text = text.replace(/(\.\d{3})\d+/, '$1')
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z'
  return Date.parse(text)
}

/** A task `date` as stored: date-only stays `YYYY-MM-DD`, a date-time becomes a Close timestamp. */
export function normalizeTaskDate(value: string): string | undefined {
  if (isDate(value)) return value
  const ms = parseMoment(value)
  return Number.isNaN(ms) ? undefined : isoTimestamp(ms)
}

const CURRENCY_SYMBOLS: Record<string, string> = {AUD: 'A$', CAD: 'CA$', EUR: '€', GBP: '£', USD: '$'}

/** `"$1,000"`, `"$17,203,515.20"` for integer cents. */
export function formatMoney(cents: number, currency = 'USD'): string {
  const negative = cents < 0
  const abs = Math.abs(Math.round(cents))
  const whole = Math.floor(abs / 100)
    .toString()
    .replaceAll(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fraction = abs % 100 === 0 ? '' : `.${String(abs % 100).padStart(2, '0')}`
  const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `
  return `${negative ? '-' : ''}${symbol}${whole}${fraction}`
}

/** An opportunity's `value_formatted`: `"$1,000"`, `"$5 monthly"`, `"$500 annually"`. */
export function formatOpportunityValue(value: null | number, period: string, currency: string): null | string {
  if (value === null) return null
  const money = formatMoney(value, currency)
  if (period === 'monthly') return `${money} monthly`
  if (period === 'annual') return `${money} annually`
  return money
}

const COUNTRY_CODES: Array<[string, string]> = [
  ['1', 'US'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['33', 'FR'],
  ['61', 'AU'],
  ['31', 'NL'],
  ['34', 'ES'],
  ['353', 'IE'],
]

export interface NormalizedPhone {
  country: null | string
  phone: string
  phone_formatted: string
}

/** E.164 form of a phone as typed (`(415) 555-0134`, `+44 20 7946 0321`); undefined if it is not one. */
export function normalizePhone(input: string): NormalizedPhone | undefined {
  const trimmed = input.trim()
  if (!/^[+\d\s().-]+$/.test(trimmed)) return undefined
  let digits = trimmed.replaceAll(/\D/g, '')
  if (trimmed.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2)
  } else if (digits.length === 10) {
    digits = `1${digits}`
  } else if (!(digits.length === 11 && digits.startsWith('1'))) {
    return undefined
  }

  if (digits.length < 8 || digits.length > 15) return undefined
  if (digits.startsWith('1') && digits.length !== 11) return undefined
  return {country: phoneCountry(digits), phone: `+${digits}`, phone_formatted: formatE164(`+${digits}`)}
}

export function phoneCountry(digits: string): null | string {
  for (const [code, country] of COUNTRY_CODES) if (digits.startsWith(code)) return country
  return null
}

/** `+1 650-333-4444`, `+44 20 7946 0321`. */
export function formatE164(phone: string): string {
  const digits = phone.replace(/^\+/, '')
  if (digits.startsWith('1') && digits.length === 11) {
    return `+1 ${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`
  }

  if (digits.startsWith('44') && digits.length === 12) {
    return `+44 ${digits.slice(2, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`
  }

  const code = COUNTRY_CODES.find(([c]) => digits.startsWith(c))?.[0]
  if (!code) return `+${digits}`
  const rest = digits.slice(code.length)
  return `+${code} ${rest.replaceAll(/(\d{3,4})(?=\d)/g, '$1 ')}`
}

/** Python's `html.escape(text, quote=True)`. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;')
}

/** Close's rule: `note` becomes `note_html` escaped, with each newline as `<br />`. */
export function noteToHtml(note: string): string {
  return escapeHtml(note).replaceAll(/\r?\n/g, '<br />')
}

/** The plain `note` Close derives from `note_html`: tags dropped, breaks and paragraphs as newlines. */
export function htmlToNote(html: string): string {
  return html
    .replaceAll(/<br\s*\/?>/gi, '\n')
    .replaceAll(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replaceAll(/<[^>]*>/g, '')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\n+$/, '')
}
