/** The lead page (`leads get` on a terminal), `--web` on gets, and JSON unchanged (sandbox). */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'

type Obj = Record<string, unknown> & {id: string}

describe('lead page (sandbox)', () => {
  const home = new CommandHome()
  const close = (args: string[], options = {}) => home.runWith([...args, '--sandbox'], options)
  const tty = (args: string[], columns = 80) => close(args, {columns, env: {NO_COLOR: '1'}, stdoutTTY: true})
  let lead: Obj

  before(async () => {
    const day = await close(['today', '--json'])
    const leadId = String(
      (JSON.parse(day.stdout) as {opportunities: {closing: Obj[]}}).opportunities.closing[0].lead_id,
    )
    lead = JSON.parse((await close(['leads', 'get', leadId, '--json'])).stdout) as Obj
  })

  after(() => home.remove())

  it('leads create and update print the lead page on a terminal, then one ✓ line; JSON stays the object', async () => {
    const created = await close(['leads', 'create', '--name', 'Page Test Co', '--set', 'Industry=Software'], {
      columns: 80,
      env: {NO_COLOR: '1'},
      stderrTTY: true,
      stdoutTTY: true,
    })
    expect(created.exitCode, created.stderr).to.equal(0)
    expect(created.stdout.split('\n')[0]).to.match(/^Page Test Co +\S/)
    expect(created.stdout).to.match(/\n {2}Industry: +Software\n/)
    expect(created.stdout).to.include('Recent activity')
    expect(created.stderr).to.match(/✓ Created lead "Page Test Co" \(lead_\w+\)\n/)
    for (const l of created.stdout.split('\n')) expect(l.length, l).to.be.at.most(80)
    const updated = await close(['leads', 'update', 'Page Test Co', '--city', 'Austin'], {
      columns: 80,
      env: {NO_COLOR: '1'},
      stderrTTY: true,
      stdoutTTY: true,
    })
    expect(updated.exitCode, updated.stderr).to.equal(0)
    expect(updated.stdout.split('\n')[0]).to.match(/^Page Test Co +\S/)
    expect(updated.stderr).to.match(/✓ Updated lead "Page Test Co" \(lead_\w+\)\n/)
    const json = await close(['leads', 'update', 'Page Test Co', '--city', 'Dallas', '--json'])
    expect(JSON.parse(json.stdout)).to.include({display_name: 'Page Test Co'})
  })

  it('shows name, status, the Close link, contacts with emails, opportunities, tasks, custom fields by name, activity', async () => {
    const result = await tty(['leads', 'get', lead.id])
    expect(result.exitCode, result.stderr).to.equal(0)
    const out = result.stdout
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).to.match(
      new RegExp(
        `^${String(lead.display_name).replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)} +${String(lead.status_label)}$`,
      ),
    )
    expect(out).to.include(`https://app.close.com/lead/${lead.id}/`)
    const contacts = lead.contacts as Array<{emails: Array<{email: string}>; name: string}>
    expect(out).to.include(`Contacts (${contacts.length})`)
    expect(out).to.include(contacts[0].name)
    if (contacts[0].emails[0]) expect(out).to.include(contacts[0].emails[0].email)
    expect(out).to.match(/Opportunities \([1-9]\d*\)/)
    expect(out).to.match(/Open tasks \(\d+\)/)
    expect(out).to.include('Custom fields')
    expect(out).to.match(/ {2}(Industry|Lead Source|Employees): +\S/)
    expect(out).to.include('Recent activity')
    expect(out).not.to.include('cf_')
    expect(out).not.to.include('Contacts summary')
    expect(out).not.to.include('organization_id')
    for (const l of lines) expect(l.length, l).to.be.at.most(80)
    // the lead, the activities and the custom-field names: asked for together
    const paths = result.calls.map((c) => c.join(' '))
    expect(paths.filter((p) => p.includes('/custom_field/lead/'))).to.have.length(1)
    expect(paths.filter((p) => p.includes(`"lead_id":"${lead.id}","limit":5`))).to.have.length(1)
  })

  it('JSON stays the Close object, unchanged', async () => {
    const result = await close(['leads', 'get', lead.id, '--json'])
    expect(JSON.parse(result.stdout)).to.deep.equal(lead)
  })

  it('fits 120 columns too', async () => {
    const result = await tty(['leads', 'get', lead.id], 120)
    for (const l of result.stdout.split('\n')) expect(l.length, l).to.be.at.most(120)
  })

  it('--web where no browser can open prints the URL; with --json the object', async () => {
    const result = await close(['leads', 'get', lead.id, '--web'], {env: {CLOSE_NO_BROWSER: '1'}})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.equal(`https://app.close.com/lead/${lead.id}/\n`)
    const opp = (lead.opportunities as Obj[])[0]
    const oppWeb = await close(['opps', 'get', opp.id, '--web'], {env: {CLOSE_NO_BROWSER: '1'}})
    expect(oppWeb.stdout).to.equal(`https://app.close.com/lead/${lead.id}/\n`)
    const json = await close(['leads', 'get', lead.id, '--web', '--json'], {env: {CLOSE_NO_BROWSER: '1'}})
    expect(JSON.parse(json.stdout)).to.deep.equal(lead)
  })

  it('OSC-8 links only where the terminal supports them, never when piped', async () => {
    const linked = await close(['leads', 'get', lead.id], {
      columns: 100,
      env: {FORCE_HYPERLINK: '1', NO_COLOR: '1'},
      stdoutTTY: true,
    })
    expect(linked.stdout).to.include(`\u001B]8;;https://app.close.com/lead/${lead.id}/\u001B\\`)
    const plain = await tty(['leads', 'get', lead.id])
    expect(plain.stdout).not.to.include('\u001B]8;;')
    const piped = await close(['today'], {env: {FORCE_HYPERLINK: '1'}})
    expect(piped.stdout).not.to.include('\u001B]8;;')
  })
})
