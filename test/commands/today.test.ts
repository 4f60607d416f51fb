/**
 * `close today` against the sandbox (seeded relative to its clock: the sandbox user's tasks overdue
 * and due today, meetings today, deals expected to close this month) and against a stub.
 */
import {expect} from 'chai'

import {renderToday} from '../../src/output/today-view.js'
import {CommandHome} from '../helpers/run-command.js'

type Obj = Record<string, unknown>

describe('today', () => {
  const home = new CommandHome()
  const close = (args: string[], options = {}) => home.runWith([...args, '--sandbox'], options)

  after(() => home.remove())

  it('--json gives the exact shape, every section filled for the sandbox user', async () => {
    const result = await close(['today', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const day = JSON.parse(result.stdout) as {
      date: string
      meetings: Obj[]
      opportunities: {closing: Obj[]}
      tasks: {overdue: Obj[]; today: Obj[]}
    }
    expect(Object.keys(day).sort()).to.deep.equal(['date', 'meetings', 'opportunities', 'tasks'])
    expect(Object.keys(day.tasks).sort()).to.deep.equal(['overdue', 'today'])
    expect(Object.keys(day.opportunities)).to.deep.equal(['closing'])
    const today = new Date(Date.now()).toISOString().slice(0, 10)
    expect(day.date).to.equal(today)
    expect(day.tasks.overdue.length).to.be.greaterThan(0)
    for (const task of day.tasks.overdue) expect(String(task.date) < today, String(task.date)).to.equal(true)
    expect(day.tasks.today.length).to.be.greaterThan(0)
    for (const task of day.tasks.today) expect(task.date).to.equal(today)
    expect(day.meetings.length).to.be.greaterThan(0)
    for (const meeting of day.meetings) expect(String(meeting.starts_at).slice(0, 10)).to.equal(today)
    expect(day.opportunities.closing.length).to.be.greaterThan(0)
    for (const opp of day.opportunities.closing) {
      expect(opp.status_type).to.equal('active')
      expect(String(opp.date_won).slice(0, 7)).to.equal(today.slice(0, 7))
    }
  })

  it('on an 80-column terminal: four sections, no line wider than 80', async () => {
    const result = await close(['today'], {columns: 80, env: {NO_COLOR: '1'}, stdoutTTY: true})
    expect(result.exitCode, result.stderr).to.equal(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).to.match(/^Today · \w{3} \d+ \w{3} \d{4}$/)
    for (const title of ['Overdue tasks (', 'Due today (', 'Meetings today (', 'Closing this month · $']) {
      expect(
        lines.some((l) => l.startsWith(title)),
        title,
      ).to.equal(true)
    }

    for (const l of lines) expect(l.length, l).to.be.at.most(80)
  })

  it('empty sections say so, and the screen fits 80 columns', () => {
    const empty = {date: '2026-12-01', meetings: [], opportunities: {closing: []}, tasks: {overdue: [], today: []}}
    expect(renderToday(empty, {color: false, links: false, width: 80})).to.equal(
      [
        'Today · Tue 1 Dec 2026',
        '',
        'Overdue tasks (0)',
        '  Nothing overdue.',
        '',
        'Due today (0)',
        '  No tasks due today.',
        '',
        'Meetings today (0)',
        '  No meetings today.',
        '',
        'Closing this month · $0 (0)',
        '  Nothing expected to close this month.',
        '',
      ].join('\n'),
    )
  })

  it('long names are cut to the width; links only when enabled', () => {
    const task = {date: '2026-11-30', lead_id: 'lead_x', lead_name: 'L'.repeat(60), text: 'T'.repeat(90)}
    const view = {date: '2026-12-01', meetings: [], opportunities: {closing: []}, tasks: {overdue: [task], today: []}}
    const plain = renderToday(view, {color: false, links: false, width: 80}).split('\n')[3]
    expect(plain).to.have.length(80)
    expect(plain.startsWith('  Nov 30  TTTT')).to.equal(true)
    expect(plain.endsWith('LLL…')).to.equal(true)
    const linked = renderToday(view, {color: false, links: true, width: 80}).split('\n')[3]
    expect(linked).to.include('\u001B]8;;https://app.close.com/lead/lead_x/\u001B\\')
  })

  it('refuses an unknown --user with exit 5 or 2', async () => {
    const result = await close(['today', '--user', 'nobody-here@example.com'])
    expect(result.exitCode).to.be.oneOf([2, 5])
  })
})
