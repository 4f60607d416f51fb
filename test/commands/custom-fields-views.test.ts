/**
 * Custom fields by name and Smart Views against the sandbox: `close fields`, `--set NAME=VALUE`
 * checked before anything is sent, `--where`, `--fields` names, names as labels, `close views list`
 * and `leads list --view`.
 */
import {expect} from 'chai'

import {CommandHome, type CommandResult} from '../helpers/run-command.js'

type Lead = Record<string, unknown> & {id: string}

function parsed<T>(result: CommandResult): T {
  expect(result.exitCode, result.stderr).to.equal(0)
  return JSON.parse(result.stdout) as T
}

describe('custom fields and Smart Views (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let industry: string
  let employees: string

  before(async () => {
    const fields = parsed<Array<{id: string; name: string}>>(await close('fields', 'lead', '--json'))
    industry = `custom.${fields.find((f) => f.name === 'Industry')!.id}`
    employees = `custom.${fields.find((f) => f.name === 'Employees')!.id}`
  })

  after(() => home.remove())

  it('fields lists name, type, choices and key; --json gives Close objects', async () => {
    const table = await home.runWith(['fields', 'lead', '--sandbox', '--no-color'], {columns: 200, stdoutTTY: true})
    expect(table.exitCode, table.stderr).to.equal(0)
    const lines = table.stdout.split('\n')
    expect(lines[0]).to.match(/^NAME +TYPE +CHOICES +KEY$/)
    expect(lines.find((l) => l.startsWith('Employees'))).to.match(new RegExp(`^Employees +number +${employees}$`))
    expect(lines.find((l) => l.startsWith('Industry'))).to.contain('choices  Construction, Education,')
    const contact = parsed<Array<Record<string, unknown>>>(await close('fields', 'contact', '--json'))
    expect(contact.map((f) => f.name)).to.deep.equal(['Preferred Channel', 'Birthday'])
    expect(contact[0]).to.include({type: 'choices'}).and.to.have.property('id').that.matches(/^cf_/)
    const wrong = await close('fields', 'task')
    expect(wrong.exitCode).to.equal(2)
  })

  it('--set by name on create and update; JSON keeps Close keys; --fields takes names', async () => {
    const created = parsed<Lead>(
      await close('leads', 'create', '--name', 'Zed Co', '--set', 'Industry=software', '--json'),
    )
    expect(created[industry]).to.equal('Software')
    const updated = parsed<Lead>(
      await close(
        'leads',
        'update',
        created.id,
        '--set',
        'Employees=1,200',
        '--json',
        '--fields',
        'id,Industry,Employees',
      ),
    )
    expect(updated).to.deep.equal({[employees]: 1200, id: created.id, [industry]: 'Software'})
    const contact = parsed<Record<string, unknown>>(
      await close(
        'contacts',
        'create',
        '--lead',
        created.id,
        '--name',
        'Ann',
        '--set',
        'Birthday=1990-04-01',
        '--json',
      ),
    )
    expect(Object.values(contact)).to.include('1990-04-01')
  })

  it('--set values are checked against type and choices before anything is sent (exit 2)', async () => {
    const before = parsed<Lead[]>(await close('leads', 'get', 'Aurio Components', '--json', '--fields', 'id,Industry'))
    for (const [set, message] of [
      ['Industry=Rocketry', 'Error: --set Industry: "Rocketry" is not one of its choices.\n  Choices: Construction,'],
      ['Employees=many', 'Error: --set Employees: "many" is not a number.\n  Use digits, e.g. 250.\n'],
      ['Colour=red', 'Error: --set "Colour" is not a lead custom field.\n  Fields: Industry, Lead Source, Employees'],
      ['Industry', 'Error: --set "Industry" is not NAME=VALUE.\n'],
    ]) {
      const result = await close('leads', 'update', 'Aurio Components', '--set', set)
      expect(result.exitCode, set).to.equal(2)
      expect(result.stderr, set).to.contain(message)
    }

    const birthday = await close(
      'contacts',
      'update',
      'charles.anderson@auriocomponents.com',
      '--set',
      'Birthday=2026-02-30',
    )
    expect(birthday.stderr).to.equal(
      'Error: --set Birthday: "2026-02-30" is not a date.\n  Use YYYY-MM-DD, e.g. 2026-03-15.\n',
    )
    const syntax = await close('leads', 'update', 'Aurio Components', '--set', '=x')
    expect(syntax.calls, 'a malformed --set spawns nothing').to.deep.equal([])
    const after = parsed<Lead[]>(await close('leads', 'get', 'Aurio Components', '--json', '--fields', 'id,Industry'))
    expect(after).to.deep.equal(before)
  })

  it('leads list --where NAME=VALUE builds the lead query; a bad value exits 2', async () => {
    const found = parsed<Lead[]>(
      await close('leads', 'list', '--where', 'Industry=Software', '--limit', '30', '--json'),
    )
    expect(found.length).to.be.greaterThan(0)
    for (const lead of found) expect(lead[industry]).to.equal('Software')
    const bad = await close('leads', 'list', '--where', 'Industry=Nope')
    expect(bad.exitCode).to.equal(2)
    expect(bad.stderr).to.contain('Error: --where Industry: "Nope" is not one of its choices.')
  })

  it('tables and record pages show field names', async () => {
    const table = await home.runWith(
      [
        'leads',
        'list',
        '--where',
        'Industry=Software',
        '--limit',
        '2',
        '--fields',
        'display_name,Industry',
        '--sandbox',
        '--no-color',
      ],
      {columns: 120, stdoutTTY: true},
    )
    expect(table.stdout.split('\n')[0]).to.match(/^NAME +INDUSTRY$/)
    expect(table.stdout.split('\n')[1]).to.match(/ Software$/)
    const page = await home.runWith(['leads', 'get', 'Aurio Components', '--sandbox', '--no-color'], {
      columns: 120,
      stdoutTTY: true,
    })
    expect(page.stdout).to.match(/\n {2}Industry: +Manufacturing\n/)
    expect(page.stdout).to.not.contain('custom.cf_')
  })

  it('views list and leads list --view (unique prefix or ID; several exit 2 with candidates; none exit 5)', async () => {
    const views = parsed<Array<{id: string; name: string; query: string}>>(await close('views', 'list', '--json'))
    expect(views.map((v) => v.name)).to.deep.equal(['My hot leads', 'Potential', 'Stale', 'Software customers'])
    const hot = views[0]
    const byView = parsed<Lead[]>(await close('leads', 'list', '--view', 'my hot', '--limit', '5', '--json'))
    const byQuery = parsed<Lead[]>(await close('leads', 'list', '--query', hot.query, '--limit', '5', '--json'))
    expect(byView.map((l) => l.id))
      .to.deep.equal(byQuery.map((l) => l.id))
      .and.to.have.length.greaterThan(0)
    const byId = parsed<Lead[]>(await close('leads', 'list', '--view', hot.id, '--limit', '5', '--json'))
    expect(byId.map((l) => l.id)).to.deep.equal(byQuery.map((l) => l.id))

    const several = await close('leads', 'list', '--view', 'S', '--json')
    expect(several.exitCode).to.equal(2)
    const error = JSON.parse(several.stderr.trim().split('\n').at(-1)!) as {error: {candidates: unknown[]}}
    expect(error.error.candidates).to.deep.equal(
      views.filter((v) => v.name.startsWith('S')).map((v) => ({id: v.id, name: v.name})),
    )
    const none = await close('leads', 'list', '--view', 'Nope')
    expect(none.exitCode).to.equal(5)
    expect(none.stderr).to.equal(
      'Error: No Smart View matches "Nope" (--view).\n  Smart Views: My hot leads, Potential, Stale, Software customers.\n',
    )
  })
})
