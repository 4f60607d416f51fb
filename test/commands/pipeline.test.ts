/** `close pipeline` and `close org` against the sandbox: the JSON shapes, the calls, the screen at 80 columns. */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'

type Obj = Record<string, unknown>

describe('pipeline and org', () => {
  const home = new CommandHome()
  const close = (args: string[], options = {}) => home.runWith([...args, '--sandbox'], options)

  after(() => home.remove())

  it('pipeline --json: every active status in order with count, value and weighted value; won/lost', async () => {
    const result = await close(['pipeline', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const report = JSON.parse(result.stdout) as {
      lost: Obj
      period: Obj
      pipeline: Obj
      statuses: Obj[]
      won: Obj
    }
    expect(Object.keys(report).sort()).to.deep.equal(['lost', 'period', 'pipeline', 'statuses', 'won'])
    expect(report.pipeline).to.include({currency: 'USD', name: 'Sales'})
    expect(report.period.name).to.equal('this-month')
    expect(report.statuses.length).to.be.greaterThan(1)
    for (const s of report.statuses) {
      expect(Object.keys(s).sort()).to.deep.equal(['count', 'id', 'label', 'type', 'value', 'weighted_value'])
      expect(s.type).to.equal('active')
      expect(Number(s.weighted_value)).to.be.at.most(Number(s.value))
    }

    expect(report.statuses.some((s) => Number(s.count) > 0)).to.equal(true)
    expect(Number(report.won.count)).to.be.greaterThan(0)
    // a few aggregate calls (_limit=0), never a paged export
    const lists = result.calls.filter((c) => c.join(' ').includes('/opportunity/'))
    expect(lists.length).to.equal(report.statuses.length + 2)
    for (const call of lists) expect(call.join(' ')).to.include('_limit')
  })

  it('pipeline --pipeline Renewals --user all --period all; an unknown pipeline exits 2', async () => {
    const all = await close(['pipeline', '--pipeline', 'renewals', '--user', 'all', '--period', 'all', '--json'])
    expect(all.exitCode, all.stderr).to.equal(0)
    expect((JSON.parse(all.stdout) as {pipeline: Obj}).pipeline.name).to.equal('Renewals')
    const bad = await close(['pipeline', '--pipeline', 'Nope'])
    expect(bad.exitCode).to.equal(2)
    expect(bad.stderr).to.include('Use one of: Sales, Renewals')
  })

  it('pipeline on an 80-column terminal: a row per status with a bar, no line wider than 80', async () => {
    const result = await close(['pipeline'], {columns: 80, env: {NO_COLOR: '1'}, stdoutTTY: true})
    expect(result.exitCode, result.stderr).to.equal(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).to.equal('Pipeline · Sales')
    expect(lines[2]).to.match(/^ {2}STATUS +COUNT +VALUE +WEIGHTED$/)
    expect(result.stdout).to.include('█')
    expect(result.stdout).to.match(/\n {2}Won +\d+ +\$/)
    for (const l of lines) expect(l.length, l).to.be.at.most(80)
  })

  it('org --json: name, ID, currency, members, statuses, pipelines, custom-field counts', async () => {
    const result = await close(['org', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const org = JSON.parse(result.stdout) as Obj & {custom_fields: Obj; members: Obj[]; pipelines: Obj[]}
    expect(org.name).to.equal('Acme Demo')
    expect(org.id).to.match(/^orga_/)
    expect(org.currency).to.equal('USD')
    expect(org.members).to.have.length(5)
    expect(org.members[0]).to.include({name: 'Jordan Lee'})
    expect(org.pipelines.map((p) => p.name)).to.deep.equal(['Sales', 'Renewals'])
    expect(org.custom_fields).to.deep.equal({contact: 2, lead: 3, opportunity: 3})
    const screen = await close(['org'], {columns: 80, env: {NO_COLOR: '1'}, stdoutTTY: true})
    expect(screen.stdout.split('\n')[0]).to.equal('Acme Demo')
    expect(screen.stdout).to.include('Jordan Lee')
  })
})
