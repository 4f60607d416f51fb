/**
 * `close activities list` end to end against the sandbox: a lead's timeline after a rep logged a
 * note and won a deal, filtered by type; the table's SUMMARY column; JSON exactly as Close shapes
 * activities; and the rule that type filters need a lead.
 *
 */
import {expect} from 'chai'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

type Activity = Record<string, unknown> & {_type: string; id: string}

describe('activities (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let leadId: string
  let noteId: string

  before(async () => {
    const leads = await close('leads', 'list', '--limit', '1', '--json')
    expect(leads.exitCode, leads.stderr).to.equal(0)
    leadId = (JSON.parse(leads.stdout) as Array<{id: string}>)[0].id
    const note = await close('notes', 'create', '--lead', leadId, 'Timeline check\nsecond line', '--json')
    expect(note.exitCode, note.stderr).to.equal(0)
    noteId = (JSON.parse(note.stdout) as {id: string}).id
    const opp = await close(
      'opps',
      'create',
      '--lead',
      leadId,
      '--value',
      '1000',
      '--status',
      'Demo Scheduled',
      '--json',
    )
    expect(opp.exitCode, opp.stderr).to.equal(0)
    const won = await close('opps', 'update', (JSON.parse(opp.stdout) as {id: string}).id, '--status', 'Won')
    expect(won.exitCode, won.stderr).to.equal(0)
  })

  after(() => home.remove())

  it("lists a lead's timeline with a readable summary per activity", async () => {
    const result = await close(
      'activities',
      'list',
      '--lead',
      leadId,
      '--limit',
      '5',
      '--fields',
      'id,_type,summary',
      '-o',
      'tsv',
    )
    expect(result.exitCode, result.stderr).to.equal(0)
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'))
    expect(rows).to.deep.include([noteId, 'Note', 'Timeline check second line'])
    expect(
      rows.some(
        ([, type, summary]) => type === 'OpportunityStatusChange' && summary === 'opportunity Demo Scheduled → Won',
      ),
    ).to.equal(true)
  })

  it('filters by type within the lead: one type, several, and status changes', async () => {
    const notes = await close('activities', 'ls', '--lead', leadId, '--type', 'note', '--all', '--json')
    expect(notes.exitCode, notes.stderr).to.equal(0)
    const noteTypes = (JSON.parse(notes.stdout) as Activity[]).map((a) => a._type)
    expect(noteTypes).to.include('Note')
    expect(new Set(noteTypes)).to.deep.equal(new Set(['Note']))

    const changes = await close(
      'activities',
      'list',
      '--lead',
      leadId,
      '--type',
      'status-change,note',
      '--all',
      '--json',
    )
    expect(changes.exitCode, changes.stderr).to.equal(0)
    const types = new Set((JSON.parse(changes.stdout) as Activity[]).map((a) => a._type))
    expect(types.has('OpportunityStatusChange')).to.equal(true)
    expect(types.has('Note')).to.equal(true)
    for (const type of types) expect(['LeadStatusChange', 'OpportunityStatusChange', 'Note']).to.include(type)
  })

  it('keeps JSON exactly as Close shapes activities: no summary unless --fields names it', async () => {
    const json = await close('activities', 'list', '--lead', leadId, '--type', 'note', '--json')
    const note = (JSON.parse(json.stdout) as Activity[]).find((a) => a.id === noteId)!
    expect(note).to.include({_type: 'Note', lead_id: leadId, note: 'Timeline check\nsecond line'})
    expect(note).not.to.have.property('summary')
    const ndjson = await close('activities', 'list', '--lead', leadId, '--type', 'note', '-o', 'ndjson')
    expect(ndjson.stdout).not.to.contain('"summary"')
    const asked = await close(
      'activities',
      'list',
      '--lead',
      leadId,
      '--type',
      'note',
      '--fields',
      'id,summary',
      '--json',
    )
    expect(JSON.parse(asked.stdout)).to.deep.include({id: noteId, summary: 'Timeline check second line'})
  })

  it("without --lead lists the organization's latest activities", async () => {
    const result = await close('activities', 'list', '--limit', '3', '--json')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.have.length(3)
  })

  it('a type filter without --lead, or an unknown type, exits 2 before any process', async () => {
    const log = join(home.dir, 'membrane-argv.log')
    const fake = (...args: string[]) =>
      home.run(args, {
        CLOSE_CONNECTION_ID: '6eaac8d82f01b7210760474f',
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
      })
    const noLead = await fake('activities', 'list', '--type', 'call')
    expect(noLead.exitCode).to.equal(2)
    expect(noLead.stdout).to.equal('')
    expect(noLead.stderr).to.equal(
      'Error: --type needs --lead: Close filters activities by type only within one lead.\n' +
        '  Add --lead lead_…, e.g. `close activities list --lead lead_… --type call`; find leads with `close leads list`.\n',
    )
    const unknown = await fake('activities', 'list', '--lead', leadId, '--type', 'fax')
    expect(unknown.exitCode).to.equal(2)
    expect(unknown.stderr).to.contain('Error: --type "fax" is not an activity type.')
    const wrongKind = await fake('activities', 'list', '--lead', noteId)
    expect(wrongKind.exitCode).to.equal(2)
    expect(wrongKind.stderr).to.contain(`${noteId} in --lead is a`)
    expect(existsSync(log), 'membrane was started').to.equal(false)
  })
})
