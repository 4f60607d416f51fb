/**
 * Calendar periods for reports (`pipeline --period`, `today`): local calendar days as Close's
 * `YYYY-MM-DD` date filters. Pure; the clock is passed in.
 */
export const periods = ['this-month', 'last-month', 'this-quarter', 'this-year', 'all'] as const
export type PeriodName = (typeof periods)[number]

export interface Period {
  /** Last day, inclusive (`YYYY-MM-DD`); absent for `all`. */
  end?: string
  name: PeriodName
  /** First day (`YYYY-MM-DD`); absent for `all`. */
  start?: string
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function day(year: number, monthIndex: number, date: number): string {
  const d = new Date(year, monthIndex, date)
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The local calendar day of `now`, `YYYY-MM-DD`. */
export function localDay(now: Date, offsetDays = 0): string {
  return day(now.getFullYear(), now.getMonth(), now.getDate() + offsetDays)
}

export function periodOf(name: PeriodName, now: Date): Period {
  const y = now.getFullYear()
  const m = now.getMonth()
  switch (name) {
    case 'all': {
      return {name}
    }

    case 'last-month': {
      return {end: day(y, m, 0), name, start: day(y, m - 1, 1)}
    }

    case 'this-quarter': {
      const q = Math.floor(m / 3) * 3
      return {end: day(y, q + 3, 0), name, start: day(y, q, 1)}
    }

    case 'this-year': {
      return {end: day(y, 12, 0), name, start: day(y, 0, 1)}
    }

    default: {
      return {end: day(y, m + 1, 0), name, start: day(y, m, 1)}
    }
  }
}

/** Close date filters for `field` within the period (none for `all`). */
export function periodParams(field: string, period: Period): Record<string, string> {
  const out: Record<string, string> = {}
  if (period.start) out[`${field}__gte`] = period.start
  if (period.end) out[`${field}__lte`] = period.end
  return out
}
