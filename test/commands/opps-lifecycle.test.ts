/**
 * `close opps list / get / create / update / delete` end to end against the sandbox: a rep creates
 * an opportunity, moves it to won (Close sets date_won), finds it in the pipeline, deletes it; the
 * same round trip through the proxy route only; and every kind of wrong input.
 *
 */
import {expect} from 'chai'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {SANDBOX_CONNECTION_ID} from '../../src/sandbox/index.js'
import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

type Opportunity = Record<string, unknown> & {id: string}

const NO_SUCH_OPP = 'oppo_0000000000000000000000'
const NO_SUCH_LEAD = 'lead_0000000000000000000000'
const OPP_ACTIONS = ['list-opportunities', 'get-opportunity', 'create-opportunity', 'update-opportunity']

/** Today as the sandbox sees it (the tests run with TZ=UTC). */
function today(): string {
  return new Date().toISOString().slice(0, 10)
}

describe('opps (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let leadId: string

  before(async () => {
    const leads = await close('leads', 'list', '--limit', '1', '--json')
    expect(leads.exitCode, leads.stderr).to.equal(0)
    leadId = (JSON.parse(leads.stdout) as Array<{id: string}>)[0].id
  })

  after(() => home.remove())

  describe("a rep's deal: create, move to won, find in the pipeline, delete", () => {
    let opp: Opportunity

    it('creates an opportunity with the value in currency units, sent as cents', async () => {
      const result = await close(
        'opps',
        'create',
        '--lead',
        leadId,
        '--value',
        '12,000',
        '--period',
        'monthly',
        '--confidence',
        '40',
        '--status',
        'demo scheduled',
        '--note',
        'Pilot for 10 seats',
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      opp = JSON.parse(result.stdout) as Opportunity
      expect(opp.id).to.match(/^oppo_/)
      expect(opp).to.include({
        confidence: 40,
        date_won: null,
        lead_id: leadId,
        note: 'Pilot for 10 seats',
        status_label: 'Demo Scheduled',
        status_type: 'active',
        value: 1_200_000,
        value_period: 'monthly',
      })
    })

    it('gets it back as JSON, and reads as a table row set in tsv', async () => {
      const json = await close('opps', 'get', opp.id, '--json')
      expect(json.exitCode, json.stderr).to.equal(0)
      expect(JSON.parse(json.stdout)).to.deep.equal(opp)
      const tsv = await close('opps', 'show', opp.id, '--fields', 'id,status_label,value,value_period', '-o', 'tsv')
      expect(tsv.stdout).to.equal(`${opp.id}\tDemo Scheduled\t1200000\tmonthly\n`)
    })

    it('moves it to a won status: Close sets date_won to today; only the given fields change', async () => {
      const result = await close('opps', 'update', opp.id, '--status', 'Won', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      const won = JSON.parse(result.stdout) as Opportunity
      expect(won).to.include({
        confidence: 40,
        date_won: today(),
        note: 'Pilot for 10 seats',
        status_label: 'Won',
        status_type: 'won',
        value: 1_200_000,
      })
    })

    it('edits the value and confidence with the edit alias', async () => {
      const result = await close('opps', 'edit', opp.id, '--value', '15,500.50', '--confidence', '100', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({confidence: 100, date_won: today(), value: 1_550_050})
    })

    it('is in the pipeline filtered by lead, owner, status type and won date', async () => {
      const result = await close(
        'opps',
        'ls',
        '--lead',
        leadId,
        '--user',
        'me',
        '--status-type',
        'won',
        '--won-after',
        'yesterday',
        '--won-before',
        'today',
        '--created-after',
        today(),
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      const found = JSON.parse(result.stdout) as Opportunity[]
      expect(found.map((o) => o.id)).to.deep.equal([opp.id])

      const active = await close('opps', 'list', '--lead', leadId, '--status', 'Won', '--fields', 'id', '-o', 'tsv')
      expect(active.exitCode, active.stderr).to.equal(0)
      expect(active.stdout.split('\n')).to.include(opp.id)

      const none = await close('opps', 'list', '--lead', leadId, '--status-type', 'lost', '--created-after', today())
      expect(none.exitCode, none.stderr).to.equal(0)
      expect(none.stdout).to.equal('')
    })

    it('refuses to delete without --yes off a terminal (exit 2), deletes with it, then it is gone (exit 5)', async () => {
      const refused = await close('opps', 'delete', opp.id)
      expect(refused.exitCode).to.equal(2)
      expect(refused.stdout).to.equal('')
      expect(refused.stderr).to.equal(
        'Error: Refusing to delete without confirmation.\n  Not running on a terminal, so nothing is asked: pass --yes to confirm.\n',
      )

      const deleted = await close('opps', 'rm', opp.id, '--yes', '--json')
      expect(deleted.exitCode, deleted.stderr).to.equal(0)
      expect(JSON.parse(deleted.stdout)).to.deep.equal({deleted: true, id: opp.id})
      expect(deleted.stderr).to.match(/^Deleted opportunity ".+, Won, \$15,500\.50" \(oppo_\w+\)\.\n$/)

      const gone = await close('opps', 'get', opp.id)
      expect(gone.exitCode).to.equal(5)
      expect(gone.stderr).to.contain(`No opportunity with ID ${opp.id}.`)
    })
  })

  describe('errors', () => {
    it('off a terminal, missing required flags exit 2 naming them all', async () => {
      const result = await close('opps', 'create', '--confidence', '10')
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Missing --lead, --value.\n  Not running on a terminal, so nothing is asked: pass --lead and --value.\n',
      )
    })

    it('an amount it cannot read and an unknown status label exit 2 naming the flag', async () => {
      const value = await close('opps', 'create', '--lead', leadId, '--value', 'twelve', '--status', 'Won')
      expect(value.exitCode).to.equal(2)
      expect(value.stderr).to.contain('Error: --value "twelve" is not an amount.')

      const status = await close('opps', 'update', NO_SUCH_OPP, '--status', 'Nope')
      expect(status.exitCode).to.equal(2)
      expect(status.stderr).to.match(/Error: "Nope" is not an? opportunity status of this organization \(--status\)\./)
      expect(status.stderr).to.contain('Won')
    })

    it("Close's field errors name the flag to fix (exit 3)", async () => {
      const result = await close('opps', 'create', '--lead', NO_SUCH_LEAD, '--value', '5', '--status', 'Won', '--json')
      expect(result.exitCode).to.equal(3)
      expect(result.stdout).to.equal('')
      const [message, hint, json] = result.stderr.trim().split('\n')
      expect(message).to.equal('Error: Close rejected the opportunity: lead: Object does not exist (--lead).')
      expect(hint).to.equal('  Fix --lead and try again.')
      expect((JSON.parse(json) as {error: object}).error).to.include({code: 'close_validation', exitCode: 3})
    })

    it('an unknown ID exits 5 on get, update and delete', async () => {
      for (const args of [
        ['get', NO_SUCH_OPP],
        ['update', NO_SUCH_OPP, '--value', '1'],
        ['delete', NO_SUCH_OPP, '--yes'],
      ]) {
        const result = await close('opps', ...args)
        expect(result.exitCode, args.join(' ')).to.equal(5)
        expect(result.stderr).to.contain(`No opportunity with ID ${NO_SUCH_OPP}.`)
      }
    })

    it('an update with nothing to change exits 2 listing the flags', async () => {
      const result = await close('opps', 'update', NO_SUCH_OPP)
      expect(result.exitCode).to.equal(2)
      expect(result.stderr).to.equal(
        'Error: Nothing to update: give at least one field to change.\n' +
          '  Pass one or more of --confidence, --lead, --note, --period, --status, --user, --value.\n',
      )
    })
  })

  describe('wrong input spawns nothing', () => {
    // The fake membrane logs every argv it is started with; none of these may start it.
    const log = join(home.dir, 'membrane-argv.log')
    const fake = (...args: string[]) =>
      home.run(args, {
        CLOSE_CONNECTION_ID: '6eaac8d82f01b7210760474f',
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
      })

    it('an ID of the wrong kind exits 2 before any process', async () => {
      const cases: Array<[string[], string]> = [
        [['opps', 'get', leadId], `${leadId} in ID is a lead ID, but an opportunity is needed.`],
        [
          ['opps', 'delete', 'cont_0000000000000000000000', '--yes'],
          'cont_0000000000000000000000 in ID is a contact ID',
        ],
        [
          ['opps', 'list', '--lead', 'user_0000000000000000000000'],
          'user_0000000000000000000000 in --lead is a user ID',
        ],
        [
          ['opps', 'create', '--lead', 'user_0000000000000000000000', '--value', '1', '--status', 'Won'],
          'in --lead is a user ID',
        ],
        [['opps', 'update', NO_SUCH_OPP, '--user', 'lead_0000000000000000000000'], 'in --user is a lead ID'],
      ]
      for (const [args, message] of cases) {
        const result = await fake(...args)
        expect(result.exitCode, args.join(' ')).to.equal(2)
        expect(result.stderr, args.join(' ')).to.contain(message)
      }

      expect(existsSync(log), 'membrane was started').to.equal(false)
    })

    it('a delete without --yes off a terminal exits 2 before any process', async () => {
      const result = await fake('opps', 'delete', NO_SUCH_OPP)
      expect(result.exitCode).to.equal(2)
      expect(existsSync(log), 'membrane was started').to.equal(false)
    })
  })

  describe('through the proxy only (no actions on the connection)', () => {
    it('creates, updates to won, lists and gets with the same Close objects', async () => {
      // Tell the action cache this connection has none of the opportunity actions.
      const file = join(home.configDir, 'config.json')
      const config = JSON.parse(readFileSync(file, 'utf8')) as {actions?: Record<string, Record<string, unknown>>}
      const connection = SANDBOX_CONNECTION_ID
      config.actions = {...config.actions, [connection]: {...config.actions?.[connection]}}
      for (const key of OPP_ACTIONS) config.actions[connection][key] = null
      writeFileSync(file, JSON.stringify(config))

      const created = await close(
        'opps',
        'create',
        '--lead',
        leadId,
        '--value',
        '99',
        '--status',
        'Demo Scheduled',
        '--json',
        '--debug',
      )
      expect(created.exitCode, created.stderr).to.equal(0)
      expect(created.stderr).to.match(/\[debug\] membrane request \w+ \/opportunity\/ --method=POST/)
      expect(created.stderr).not.to.contain('action run')
      const opp = JSON.parse(created.stdout) as Opportunity
      expect(opp).to.include({lead_id: leadId, status_label: 'Demo Scheduled', value: 9900})

      const won = await close('opps', 'update', opp.id, '--status', 'Won', '--json')
      expect(won.exitCode, won.stderr).to.equal(0)
      expect(JSON.parse(won.stdout)).to.include({date_won: today(), status_type: 'won'})

      const listed = await close('opps', 'list', '--lead', leadId, '--status-type', 'won', '--json')
      expect((JSON.parse(listed.stdout) as Opportunity[]).map((o) => o.id)).to.include(opp.id)
      const got = await close('opps', 'get', opp.id, '--json')
      expect(JSON.parse(got.stdout)).to.deep.equal(JSON.parse(won.stdout))
    })
  })
})
