/**
 * Durations as people type them → whole seconds (Close keeps a call's `duration` in seconds).
 *
 * Accepted: `300` (seconds), `90s`, `5m`, `2h`, `1h30m`, `1h 30m 15s`, `5 min`, `2 hours`,
 * `1:30` (m:ss), `1:02:03` (h:mm:ss). Units go largest first, each at most once.
 * Refused with a UsageError (exit 2) naming the flag: anything else, and more than `maxSeconds`
 * (default 24 hours).
 */
import {UsageError} from '../errors.js'

export const DEFAULT_MAX_DURATION_SECONDS = 24 * 60 * 60

export interface DurationOptions {
  /** The flag named in errors. Default `--duration`. */
  flag?: string
  /** Upper bound in seconds (inclusive). Default 24 h. */
  maxSeconds?: number
}

const UNITS: Array<{names: string[]; seconds: number}> = [
  {names: ['h', 'hr', 'hrs', 'hour', 'hours'], seconds: 3600},
  {names: ['m', 'min', 'mins', 'minute', 'minutes'], seconds: 60},
  {names: ['s', 'sec', 'secs', 'second', 'seconds'], seconds: 1},
]

export function parseDuration(text: string, options: DurationOptions = {}): number {
  const flag = options.flag ?? '--duration'
  const max = options.maxSeconds ?? DEFAULT_MAX_DURATION_SECONDS
  const fail = (reason: string): never => {
    throw new UsageError(`${flag} "${text}" is not a valid duration: ${reason}.`, {
      code: 'invalid_duration',
      hint: `Use seconds or units, e.g. ${flag} 300, ${flag} 90s, ${flag} 5m or ${flag} 1h30m.`,
    })
  }

  const value = text.trim().toLowerCase()
  let seconds: number | undefined
  if (/^\d+$/.test(value)) seconds = Number(value)
  else if (/^\d+(:[0-5]\d){1,2}$/.test(value)) {
    const parts = value.split(':').map(Number)
    seconds = parts.reduce((total, part) => total * 60 + part, 0)
  } else {
    const parts = [...value.matchAll(/(\d+)\s*([a-z]+)\s*/g)]
    if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) fail('it is not a duration')
    let next = 0
    seconds = 0
    for (const [, amount, unit] of parts) {
      const index = UNITS.findIndex((candidate) => candidate.names.includes(unit))
      if (index === -1) fail(`"${unit}" is not a unit (use h, m or s)`)
      if (index < next) fail('give hours, minutes and seconds in that order, each once')
      next = index + 1
      seconds += Number(amount) * UNITS[index].seconds
    }
  }

  if (!Number.isSafeInteger(seconds) || seconds! > max) fail(`it is longer than ${describe(max)}`)
  return seconds!
}

function describe(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`
  if (seconds % 60 === 0) return `${seconds / 60} minutes`
  return `${seconds} seconds`
}
