/**
 * The `close today` screen: four sections, each empty-safe, that fit the terminal (80 columns and up).
 */
import type {ScreenStyle} from './screens.js'

import {formatMoney, formatPercent} from '../close/format.js'
import {row} from './lines.js'
import {recordUrl} from './links.js'
import {clock, dim, heading, longDay, shortDay} from './screens.js'

type Obj = Record<string, unknown>

export interface TodayView {
  date: string
  meetings: Obj[]
  opportunities: {closing: Obj[]}
  tasks: {overdue: Obj[]; today: Obj[]}
}

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** Rows per section, so the day fits one screen; the rest is counted with where to see it. */
const MAX_ROWS = 5

function section(title: string, items: Obj[], empty: string, render: (item: Obj) => string, s: ScreenStyle) {
  const lines = [heading(`${title} (${items.length})`, s)]
  if (items.length === 0) lines.push(dim(`  ${empty}`, s))
  else lines.push(...items.slice(0, MAX_ROWS).map((item) => render(item)))
  if (items.length > MAX_ROWS) lines.push(dim(`  … ${items.length - MAX_ROWS} more (--json for all)`, s))
  return [...lines, '']
}

function taskLine(task: Obj, s: ScreenStyle): string {
  return row(
    [
      {text: shortDay(task.date ?? task.due_date), width: 6},
      {text: str(task.text)},
      {text: str(task.lead_name), url: recordUrl(task), width: Math.min(28, Math.floor(s.width / 3))},
    ],
    s,
  )
}

function attendees(meeting: Obj): string {
  const list = Array.isArray(meeting.attendees) ? (meeting.attendees as Obj[]) : []
  return list
    .map((a) => str(a.name || a.email))
    .filter(Boolean)
    .join(', ')
}

function meetingLine(meeting: Obj, s: ScreenStyle): string {
  const time = `${clock(meeting.starts_at ?? meeting.activity_at)}–${clock(meeting.ends_at)}`
  return row(
    [
      {text: time, width: 11},
      {text: str(meeting.title || meeting.lead_name), url: recordUrl(meeting)},
      {text: attendees(meeting), width: Math.min(26, Math.floor(s.width / 4))},
    ],
    s,
  )
}

function oppLine(opp: Obj, s: ScreenStyle): string {
  return row(
    [
      {text: shortDay(opp.date_won), width: 6},
      {text: str(opp.lead_name || opp.lead_id), url: recordUrl(opp)},
      {align: 'right', text: formatMoney(opp.value, opp.value_currency), width: 11},
      {align: 'right', text: formatPercent(opp.confidence), width: 4},
      {text: str(opp.status_label), width: 14},
    ],
    s,
  )
}

export function renderToday(result: TodayView, s: ScreenStyle): string {
  const total = result.opportunities.closing.reduce((sum, o) => sum + (Number(o.value) || 0), 0)
  const currency = result.opportunities.closing[0]?.value_currency ?? 'USD'
  const closingTitle = `Closing this month · ${formatMoney(total, currency)}`
  const lines = [
    heading(`Today · ${longDay(result.date)}`, s),
    '',
    ...section('Overdue tasks', result.tasks.overdue, 'Nothing overdue.', (t) => taskLine(t, s), s),
    ...section('Due today', result.tasks.today, 'No tasks due today.', (t) => taskLine(t, s), s),
    ...section('Meetings today', result.meetings, 'No meetings today.', (m) => meetingLine(m, s), s),
    ...section(
      closingTitle,
      result.opportunities.closing,
      'Nothing expected to close this month.',
      (o) => oppLine(o, s),
      s,
    ),
  ]
  return `${lines.join('\n').trimEnd()}\n`
}
