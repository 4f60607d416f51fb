/**
 * Money as people type it → integer cents, which is how Close keeps `value` on an opportunity
 * (reference/close-api.md §2: `value: 100000` is `$1,000`).
 *
 * Accepted: `12000`, `12,000`, `12000.5`, `$12,000.50`, `€99`; `12k`, `1.2m`, `2b` (thousand, million, billion; any case); a currency symbol (`$ € £ ¥ ₹ ₩ ₽ ₺ ₪ ₱ ₫ ₴ ₦`)
 * or a three-letter code (`USD 12k`, `12k EUR`) before or after; a leading `-` only when the caller
 * allows negative amounts.
 *
 * Refused with a UsageError (exit 2) naming the flag: wrong grouping (`1,2,3`, `12,00`), more
 * than 2 decimals after any suffix is applied (`1.234`, `1.2345k`), a negative amount where none
 * is allowed, and anything over {@link MAX_MONEY_CENTS}.
 *
 * Close publishes no maximum for `value` [reference: none]; we cap amounts at one trillion
 * currency units (10^14 cents), far above any deal yet well inside the integers JSON carries
 * exactly (2^53) and any 64-bit column, so nothing typed by accident is ever sent.
 */
import {UsageError} from '../errors.js'

/** One trillion currency units, in cents. */
export const MAX_MONEY_CENTS = 100_000_000_000_000

export interface MoneyOptions {
  /** Accept a leading minus sign (refunds, adjustments). Default false. */
  allowNegative?: boolean
  /** The flag named in errors. Default `--value`. */
  flag?: string
  /** Upper bound in cents (inclusive). Default {@link MAX_MONEY_CENTS}. */
  maxCents?: number
}

export interface Amount {
  cents: number
  /** The ISO code typed or implied by an unambiguous symbol (`€` → EUR); undefined when none was given or `$`. */
  currency?: string
}

const SYMBOLS: Record<string, string | undefined> = {
  $: undefined, // dollars of many countries: leave the currency to the record
  '£': 'GBP',
  '¥': undefined, // yen or yuan
  '₦': 'NGN',
  '₩': 'KRW',
  '₪': 'ILS',
  '₫': 'VND',
  '€': 'EUR',
  '₱': 'PHP',
  '₴': 'UAH',
  '₹': 'INR',
  '₺': 'TRY',
  '₽': 'RUB',
}

const SUFFIX_DIGITS: Record<string, number> = {b: 9, k: 3, m: 6}

/** The amount in cents; throws a UsageError naming the flag. */
export function parseMoneyCents(text: string, options: MoneyOptions = {}): number {
  return parseAmount(text, options).cents
}

/** The amount in cents and any currency typed with it. */
export function parseAmount(text: string, options: MoneyOptions = {}): Amount {
  const flag = options.flag ?? '--value'
  const fail = (reason?: string): never => {
    throw new UsageError(`${flag} "${text}" is not an amount${reason ? `: ${reason}` : ''}.`, {
      code: 'invalid_value',
      hint: `Give the amount in currency units, e.g. ${flag} 12000, ${flag} 12,000.50, ${flag} $12k or ${flag} 1.2m (sent to Close in cents).`,
    })
  }

  const {currency, negative, number} = stripAdornments(text, fail)
  const cents = toCents(number, fail)
  const max = BigInt(options.maxCents ?? MAX_MONEY_CENTS)
  if (cents > max) fail(`over the largest amount accepted (${(max / 100n).toLocaleString('en-US')})`)
  if (negative && cents > 0n && !options.allowNegative) fail('it must not be negative')
  const value = Number(cents)
  return {cents: negative && value !== 0 ? -value : value, ...(currency ? {currency} : {})}
}

type Fail = (reason?: string) => never

/** Sign and currency (symbol or code, before or after) off the number. */
function stripAdornments(text: string, fail: Fail): {currency?: string; negative: boolean; number: string} {
  let rest = text.trim()
  let negative = false
  let currency: string | undefined
  let currencySeen = false

  const takeSign = () => {
    if (!rest.startsWith('-') && !rest.startsWith('−')) return
    if (negative) fail('it has two minus signs')
    negative = true
    rest = rest.slice(1).trimStart()
  }

  const takeCurrency = (where: 'end' | 'start') => {
    if (currencySeen) return
    const code =
      where === 'start' ? /^([A-Za-z]{3})\s*(?=[\d.$€£¥₹₩₽₺₪₱₫₴₦-])/.exec(rest) : /\s*([A-Za-z]{3})$/.exec(rest)
    if (code) {
      currency = code[1].toUpperCase()
      currencySeen = true
      rest = where === 'start' ? rest.slice(code[0].length) : rest.slice(0, -code[0].length)
      return
    }

    const symbol = (where === 'start' ? rest.at(0) : rest.at(-1)) ?? ''
    if (!Object.hasOwn(SYMBOLS, symbol)) return
    currency = SYMBOLS[symbol]
    currencySeen = true
    rest = (where === 'start' ? rest.slice(1) : rest.slice(0, -1)).trim()
  }

  takeSign()
  takeCurrency('start')
  takeSign()
  takeCurrency('end')
  return {currency, negative, number: rest.trim()}
}

/** `12,000.50`, `1.2m` → cents, by exact decimal arithmetic on the digits. */
function toCents(number: string, fail: Fail): bigint {
  if (number === '') fail('no number')
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*([kmb])?$/i.exec(number)
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    if (number.includes(',') && /^[\d,]+(\.\d+)?\s*[kmb]?$/i.test(number)) {
      fail('commas must group the digits in threes, e.g. 1,234,567')
    }

    fail()
  }

  const [, whole = '0', fraction = '', suffix] = match!
  const digits = whole.replaceAll(',', '') + fraction
  const belowCent = fraction.length - (suffix ? SUFFIX_DIGITS[suffix.toLowerCase()] : 0) - 2
  if (belowCent > 0 && /[1-9]/.test(digits.slice(-belowCent))) fail('more than 2 decimals')
  const centsText = belowCent > 0 ? digits.slice(0, -belowCent) : digits + '0'.repeat(-belowCent)
  return BigInt(centsText || '0')
}
