/**
 * The lead page on a terminal (issue 12 §2): name, status, URL and the Close link; contacts with
 * title, emails and phones; opportunities with status, value, confidence and expected close; open
 * tasks; custom fields by name; the last activities. No internal or duplicate fields. Fits the width.
 */
import type {LeadPage} from '../services/lead-page.js'
import type {ScreenStyle} from './screens.js'

import {formatMoney, formatPercent} from '../close/format.js'
import {line, row} from './lines.js'
import {hyperlink, recordUrl} from './links.js'
import {dim, heading, shortDay} from './screens.js'

type Obj = Record<string, unknown>

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value))
const list = (value: unknown) => (Array.isArray(value) ? (value as Obj[]) : [])

const TYPE_LABELS: Record<string, string> = {
  LeadStatusChange: 'Lead status',
  OpportunityStatusChange: 'Opp status',
  TaskCompleted: 'Task done',
}

function minutes(seconds: unknown): string {
  const s = Number(seconds)
  if (!Number.isFinite(s) || s <= 0) return ''
  return s < 60 ? `${s}s` : `${Math.round(s / 60)}m`
}

/** One line about an activity, by type. */
export function activitySummary(a: Obj): string {
  const note = str(a.note || a.text || a.subject || a.title).replaceAll(/\s+/g, ' ')
  switch (a._type) {
    case 'Call': {
      return [str(a.direction), minutes(a.duration), note && `— ${note}`].filter(Boolean).join(' ')
    }

    case 'LeadStatusChange':
    case 'OpportunityStatusChange': {
      return `${str(a.old_status_label)} → ${str(a.new_status_label)}`
    }

    case 'TaskCompleted': {
      return `Completed: ${str(a.task_text) || note}`
    }

    default: {
      return note
    }
  }
}

function section(title: string, lines: string[], empty: string, s: ScreenStyle): string[] {
  return ['', heading(title, s), ...(lines.length > 0 ? lines : [dim(`  ${empty}`, s)])]
}

function contactLines(contact: Obj, s: ScreenStyle): string[] {
  const first = row([{text: str(contact.name) || '(no name)', width: 28}, {text: str(contact.title)}], s)
  const emails = list(contact.emails).map((e) => str(e.email))
  const phones = list(contact.phones).map((p) => str(p.phone_formatted || p.phone))
  const reach = [...emails, ...phones].join(' · ')
  return reach ? [first, line(reach, s, 4)] : [first]
}

function oppLine(opp: Obj, s: ScreenStyle): string {
  const close = opp.date_won ? `${opp.status_type === 'won' ? 'won' : 'closes'} ${shortDay(opp.date_won)}` : ''
  return row(
    [
      {text: str(opp.status_label), width: 20},
      {align: 'right', text: formatMoney(opp.value, opp.value_currency), width: 11},
      {align: 'right', text: formatPercent(opp.confidence), width: 4},
      {text: close, width: 13},
      {text: str(opp.note)},
    ],
    s,
  )
}

export function renderLeadPage(page: LeadPage, s: ScreenStyle): string {
  const {lead} = page
  const name = str(lead.display_name || lead.name) || str(lead.id)
  const link = recordUrl(lead)
  const title = row(
    [
      {text: name, url: link},
      {align: 'right', text: str(lead.status_label), width: 20},
    ],
    s,
    0,
  )
  const website = str(lead.url)
  const links = s.links
    ? [[website, link ? hyperlink('Open in Close', link, true) : ''].filter(Boolean).join(' · ')]
    : [website, link ?? ''].filter(Boolean).map((text) => line(text, s))
  const custom = Object.entries(lead)
    .filter(([key, value]) => key.startsWith('custom.') && value !== null && value !== '')
    .map(([key, value]) => {
      const id = key.slice('custom.'.length)
      const shown = Array.isArray(value) ? value.join(', ') : str(value)
      return row([{text: `${page.fieldNames[id] ?? id}:`, width: 20}, {text: shown}], s)
    })
  const tasks = list(lead.tasks)
    .filter((t) => t.is_complete !== true)
    .sort((a, b) => String(a.date ?? '').localeCompare(String(b.date ?? '')))
  const lines = [
    s.color ? `\u001B[1m${title}\u001B[22m` : title,
    ...links,
    dim(line(`ID ${str(lead.id)}`, s), s),
    ...section(
      `Contacts (${list(lead.contacts).length})`,
      list(lead.contacts).flatMap((c) => contactLines(c, s)),
      'No contacts.',
      s,
    ),
    ...section(
      `Opportunities (${list(lead.opportunities).length})`,
      list(lead.opportunities).map((o) => oppLine(o, s)),
      'No opportunities.',
      s,
    ),
    ...section(
      `Open tasks (${tasks.length})`,
      tasks.map((t) =>
        row([{text: shortDay(t.date), width: 6}, {text: str(t.text)}, {text: str(t.assigned_to_name), width: 18}], s),
      ),
      'No open tasks.',
      s,
    ),
    ...section('Custom fields', custom, 'None set.', s),
    ...section(
      'Recent activity',
      page.activities.map((a) =>
        row(
          [
            {text: shortDay(a.activity_at ?? a.date_created), width: 6},
            {text: TYPE_LABELS[str(a._type)] ?? str(a._type), width: 12},
            {text: activitySummary(a)},
          ],
          s,
        ),
      ),
      'No activity yet.',
      s,
    ),
  ]
  return `${lines.join('\n')}\n`
}
