/**
 * Opportunities, tasks, notes and activities by reference (issue 11): `--lead` takes a name, an
 * email, a URL or an ID; one match is used, several off a terminal exit 2 listing the candidates
 * (also in the JSON error), none exits 5. Values people type are strictly checked: an impossible
 * date or malformed money exits 2 before Membrane is started.
 */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'

const AURIO = 'Aurio Components'
const CHARLES = 'charles.anderson@auriocomponents.com'

describe('opps, tasks, notes, activities by reference (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let aurioId: string

  before(async () => {
    const found = await close('leads', 'list', '--query', AURIO, '--json')
    expect(found.exitCode, found.stderr).to.equal(0)
    aurioId = (JSON.parse(found.stdout) as Array<{id: string}>)[0].id
  })

  after(() => home.remove())

  describe('one match is used', () => {
    it('opps create with only --lead NAME and --value 12k: the pipeline’s first status, one_time, owned by me', async () => {
      const result = await close('opps', 'create', '--lead', AURIO, '--value', '12k', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      const opp = JSON.parse(result.stdout) as Record<string, unknown>
      expect(opp).to.include({
        lead_id: aurioId,
        status_label: 'Demo Scheduled',
        status_type: 'active',
        value: 1_200_000,
      })
      expect(opp).to.include({value_period: 'one_time'})
      const me = await close('users', 'me', '--json')
      expect(opp.user_id).to.equal((JSON.parse(me.stdout) as {id: string}).id)
    })

    it('opps get and update take a pasted Close URL (a lead page with the opportunity open)', async () => {
      const list = await close('opps', 'list', '--lead', CHARLES, '--json')
      expect(list.exitCode, list.stderr).to.equal(0)
      const [opp] = JSON.parse(list.stdout) as Array<{id: string; lead_id: string}>
      expect(opp.lead_id).to.equal(aurioId)
      const url = `https://app.close.com/lead/${aurioId}/opportunity/${opp.id}/`
      const got = await close('opps', 'get', url, '--fields', 'id', '-o', 'tsv')
      expect(got.exitCode, got.stderr).to.equal(0)
      expect(got.stdout).to.equal(`${opp.id}\n`)
      const updated = await close('opps', 'update', url, '--value', '$12,000.50', '--json')
      expect(updated.exitCode, updated.stderr).to.equal(0)
      expect(JSON.parse(updated.stdout)).to.include({id: opp.id, value: 1_200_050})
    })

    it('tasks create --lead EMAIL --due fri --assignee "Jordan Lee"; tasks get by URL; tasks done by URL', async () => {
      const created = await close('tasks', 'create', '--lead', CHARLES, '--text', 'Send the quote', '--due', 'fri')
      expect(created.exitCode, created.stderr).to.equal(0)
      const json = await close(
        'tasks',
        'create',
        '--lead',
        `https://app.close.com/lead/${aurioId}/`,
        '--text',
        'Call back',
        '--due',
        'next monday',
        '--assignee',
        'Jordan Lee',
        '--json',
      )
      expect(json.exitCode, json.stderr).to.equal(0)
      const task = JSON.parse(json.stdout) as {assigned_to_name: string; date: string; id: string; lead_id: string}
      expect(task.lead_id).to.equal(aurioId)
      expect(task.assigned_to_name).to.equal('Jordan Lee')
      expect(new Date(`${task.date.slice(0, 10)}T12:00:00Z`).getUTCDay()).to.equal(1)
      const url = `https://app.close.com/lead/${aurioId}/task/${task.id}/`
      const got = await close('tasks', 'get', url, '--fields', 'text', '-o', 'tsv')
      expect(got.stdout).to.equal('Call back\n')
      const done = await close('tasks', 'done', url, '--fields', 'id,is_complete', '-o', 'tsv')
      expect(done.exitCode, done.stderr).to.equal(0)
      expect(done.stdout).to.equal(`${task.id}\ttrue\n`)
    })

    it('notes create and list, activities list by the lead’s name', async () => {
      const note = await close('notes', 'create', '--lead', AURIO, 'Called Charles', '--json')
      expect(note.exitCode, note.stderr).to.equal(0)
      expect(JSON.parse(note.stdout)).to.include({lead_id: aurioId, note: 'Called Charles'})
      const notes = await close('notes', 'list', '--lead', AURIO, '--fields', 'note', '-o', 'tsv', '--limit', '1')
      expect(notes.stdout).to.equal('Called Charles\n')
      const timeline = await close('activities', 'list', '--lead', CHARLES, '--type', 'note', '--json', '--limit', '1')
      expect(timeline.exitCode, timeline.stderr).to.equal(0)
      expect(JSON.parse(timeline.stdout)).to.have.length(1)
    })
  })

  describe('several matches off a terminal: exit 2 with the candidates; none: exit 5', () => {
    const commands: string[][] = [
      ['opps', 'list'],
      ['opps', 'create', '--value', '1'],
      ['tasks', 'list'],
      ['tasks', 'create', '--text', 'x'],
      ['notes', 'list'],
      ['notes', 'create', 'x'],
      ['activities', 'list'],
    ]

    for (const command of commands) {
      it(`${command.join(' ')} --lead`, async () => {
        const several = await close(...command, '--lead', 'Inc', '--json')
        expect(several.exitCode, several.stderr).to.equal(2)
        expect(several.stdout).to.equal('')
        const lines = several.stderr.trim().split('\n')
        expect(lines[0]).to.match(/^Error: "Inc" in --lead matches (at least )?\d+ leads:$/)
        const {error} = JSON.parse(lines.at(-1)!) as {error: {candidates: Array<{id: string; name: string}>}}
        expect(error.candidates.length).to.be.greaterThan(1)
        for (const candidate of error.candidates) {
          expect(candidate.id).to.match(/^lead_/)
          expect(several.stderr).to.contain(candidate.id)
        }

        const none = await close(...command, '--lead', 'Zyxwvutsr Nonexistent')
        expect(none.exitCode, none.stderr).to.equal(5)
        expect(none.stderr).to.contain('Error: No lead matches "Zyxwvutsr Nonexistent" (--lead).')
      })
    }
  })

  describe('impossible dates and malformed money exit 2 and start nothing', () => {
    const cases: string[][] = [
      ['tasks', 'create', '--lead', AURIO, '--text', 'x', '--due', '2026-02-30'],
      ['tasks', 'create', '--lead', AURIO, '--text', 'x', '--due', '2026-02-29'],
      ['tasks', 'create', '--lead', AURIO, '--text', 'x', '--due', '+99999999999d'],
      ['tasks', 'update', 'task_AAAAAAAAAAAAAAAAAAAAAA', '--due', '2026-13-01'],
      ['opps', 'create', '--lead', AURIO, '--value', '1,2,3'],
      ['opps', 'create', '--lead', AURIO, '--value', '12.345'],
      ['opps', 'create', '--lead', AURIO, '--value', '99999999999999999999999'],
      ['opps', 'update', 'oppo_AAAAAAAAAAAAAAAAAAAAAA', '--value', '12kk'],
      ['opps', 'list', '--lead', AURIO, '--won-after', '2026-02-30'],
      ['opps', 'list', '--created-before', '2026-04-31T10:00'],
    ]
    for (const args of cases) {
      it(args.join(' '), async () => {
        const result = await close(...args)
        expect(result.exitCode, result.stderr).to.equal(2)
        expect(result.stderr).to.match(/^Error: --(due|value|won-after|created-before) /)
        expect(result.calls).to.deep.equal([])
      })
    }
  })

  describe('no ID off a terminal exits 2 naming it, asking nothing', () => {
    it('opps get, opps update, tasks done', async () => {
      for (const [args, missing] of [
        [['opps', 'get'], 'ID'],
        [['opps', 'update', '--value', '5'], 'ID'],
        [['tasks', 'done'], 'ID (one or more task IDs or URLs)'],
      ] as Array<[string[], string]>) {
        const result = await close(...args)
        expect(result.exitCode, args.join(' ')).to.equal(2)
        expect(result.stderr, args.join(' ')).to.equal(
          `Error: Missing ${missing}.\n  Not running on a terminal, so nothing is asked: pass ${missing}.\n`,
        )
        expect(result.calls).to.deep.equal([])
      }
    })
  })
})
