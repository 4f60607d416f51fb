/**
 * Shared bits of the composed screens: the line style of an Io, bold headings, day and time labels.
 */
import type {Io} from './io.js'

import {type LineStyle} from './lines.js'
import {supportsHyperlinks} from './links.js'

export interface ScreenStyle extends LineStyle {
  color: boolean
}

export function screenStyle(io: Io): ScreenStyle {
  return {color: io.color, links: supportsHyperlinks(io.stdoutIsTTY, io.env), width: Math.max(40, io.width)}
}

export function heading(text: string, style: ScreenStyle): string {
  return style.color ? `\u001B[1m${text}\u001B[22m` : text
}

export function dim(text: string, style: ScreenStyle): string {
  return style.color ? `\u001B[2m${text}\u001B[22m` : text
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** `2026-12-01` → `Dec 1`; empty for anything else. */
export function shortDay(value: unknown): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''))
  return match ? `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])}` : ''
}

/** `2026-12-01` → `Tue 1 Dec 2026`. */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const date = new Date(y, m - 1, d)
  return `${DAYS[date.getDay()]} ${d} ${MONTHS[m - 1]} ${y}`
}

/** An ISO date-time → local `HH:MM`. */
export function clock(value: unknown): string {
  const date = new Date(String(value ?? ''))
  if (Number.isNaN(date.getTime())) return ''
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
}
