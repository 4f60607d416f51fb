/**
 * The `close pipeline` screen: one row per active status (count, value, weighted value, a bar
 * scaled to the largest value), then won and lost in the period. Fits the terminal width.
 */
import type {PipelineReport, Totals} from '../services/pipeline.js'
import type {ScreenStyle} from './screens.js'

import {formatMoney} from '../close/format.js'
import {row} from './lines.js'
import {heading} from './screens.js'

const PERIOD_LABELS: Record<string, string> = {
  all: 'all time',
  'last-month': 'last month',
  'this-month': 'this month',
  'this-quarter': 'this quarter',
  'this-year': 'this year',
}

function bar(value: number, max: number, width: number): string {
  if (max <= 0 || width <= 0) return ''
  const cells = Math.round((value / max) * width)
  return value > 0 ? '█'.repeat(Math.max(1, cells)) : ''
}

export function renderPipeline(report: PipelineReport, s: ScreenStyle, bars = true): string {
  const money = (cents: number) => formatMoney(cents, report.pipeline.currency)
  const max = Math.max(0, ...report.statuses.map((r) => r.value))
  const fixed = 2 + 18 + 2 + 5 + 2 + 13 + 2 + 13
  const barWidth = bars ? Math.max(0, Math.min(30, s.width - fixed - 2)) : 0
  const cells = (label: string, t: Totals, barText?: string) => [
    {text: label, width: 18},
    {align: 'right' as const, text: String(t.count), width: 5},
    {align: 'right' as const, text: money(t.value), width: 13},
    {align: 'right' as const, text: money(t.weighted_value), width: 13},
    ...(barText === undefined ? [] : [{text: barText, width: barWidth}]),
  ]
  const period = report.period.start ? ` (${report.period.start} – ${report.period.end})` : ''
  const total: Totals = {count: 0, value: 0, weighted_value: 0}
  for (const r of report.statuses) {
    total.count += r.count
    total.value += r.value
    total.weighted_value += r.weighted_value
  }

  const lines = [
    heading(`Pipeline · ${report.pipeline.name}`, s),
    '',
    heading(
      row(
        [
          {text: 'STATUS', width: 18},
          {align: 'right', text: 'COUNT', width: 5},
          {align: 'right', text: 'VALUE', width: 13},
          {align: 'right', text: 'WEIGHTED', width: 13},
        ],
        s,
      ),
      s,
    ),
  ]
  for (const r of report.statuses) lines.push(row(cells(r.label, r, bars ? bar(r.value, max, barWidth) : undefined), s))
  lines.push(
    row(cells('Open total', total), s),
    '',
    heading(`Closed ${PERIOD_LABELS[report.period.name] ?? report.period.name}${period}`, s),
    row(cells('Won', report.won), s),
    row(cells('Lost', report.lost), s),
  )
  return `${lines.join('\n')}\n`
}
