import {expect} from 'chai'

import type {CloseRecord} from '../../../src/output/renderer.js'

import {UsageError} from '../../../src/errors.js'
import {Renderer} from '../../../src/output/renderer.js'
import {stringWidth} from '../../../src/output/width.js'
import {bluestem, harbor, harness, leadView, oppActive, oppView, oppWon, withTZ} from './helpers.js'

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[/

interface ListCase {
  more?: boolean
  total?: number
  view?: typeof leadView
}

async function listed(
  options: Parameters<typeof harness>[0],
  pages: CloseRecord[][] = [[bluestem], [harbor]],
  {more = false, total, view = leadView}: ListCase = {},
) {
  const h = harness(options)
  const summary = await new Renderer(h.ctx).list(view, {more: () => more, pages, total: () => total})
  return {stderr: h.stderr.text, stdout: h.stdout.text, summary}
}

async function shown(options: Parameters<typeof harness>[0], record: CloseRecord, view = leadView) {
  const h = harness(options)
  await new Renderer(h.ctx).record(view, record)
  return h.stdout.text
}

// eslint-disable-next-line require-yield
async function* failing(): AsyncGenerator<CloseRecord[]> {
  throw new Error('membrane failed')
}

describe('output/renderer', () => {
  const tz = withTZ('UTC')

  before(tz.before)

  after(tz.after)

  describe('list as json', () => {
    it('streams a JSON array identical to JSON.stringify(all, null, 2)', async () => {
      const {stderr, stdout, summary} = await listed({json: true}, [[bluestem], [harbor]], {more: true, total: 1204})
      expect(stdout).to.equal(JSON.stringify([bluestem, harbor], null, 2) + '\n')
      expect(stdout.startsWith('[\n  {\n    "addresses": [\n')).to.equal(true)
      expect(stderr).to.equal('')
      expect(summary).to.deep.equal({count: 2, more: true, total: 1204})
    })

    it('prints [] for an empty list', async () => {
      expect((await listed({json: true}, [])).stdout).to.equal('[]\n')
      expect((await listed({json: true}, [[], []])).stdout).to.equal('[]\n')
    })

    it('keeps only --fields, in order, missing values as null', async () => {
      const {stdout} = await listed({fields: 'id,value,date_won', json: true}, [[oppActive, oppWon]], {view: oppView})
      expect(stdout).to.equal(
        [
          '[',
          '  {',
          '    "id": "oppo_8Hj2KfLw0PqRs3TuVx4YzA",',
          '    "value": 1200000,',
          '    "date_won": null',
          '  },',
          '  {',
          '    "id": "oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D",',
          '    "value": 1200050,',
          '    "date_won": "2026-09-30"',
          '  }',
          ']',
          '',
        ].join('\n'),
      )
    })
  })

  describe('list as ndjson', () => {
    it('writes one compact object per line', async () => {
      const {stdout} = await listed({output: 'ndjson'})
      expect(stdout).to.equal(`${JSON.stringify(bluestem)}\n${JSON.stringify(harbor)}\n`)
    })

    it('picks --fields and prints nothing for an empty list', async () => {
      const {stdout} = await listed({fields: 'id,addresses.0.city', output: 'ndjson'})
      expect(stdout).to.equal(
        '{"id":"lead_YBEldzFN1XdtXNMPqAXiuF","addresses.0.city":"Denver"}\n' +
          '{"id":"lead_swFwTjT7fXwZ8Qz8IpCRMR","addresses.0.city":"Portland"}\n',
      )
      expect((await listed({output: 'ndjson'}, [])).stdout).to.equal('')
    })
  })

  describe('list as csv', () => {
    it('writes RFC 4180: header of field keys, CRLF, quotes around commas, quotes and line breaks', async () => {
      const {stdout} = await listed({fields: 'id,display_name,description,contacts.0.name', output: 'csv'})
      expect(stdout).to.equal(
        'id,display_name,description,contacts.0.name\r\n' +
          'lead_YBEldzFN1XdtXNMPqAXiuF,Bluestem Logistics,,Priya Raman\r\n' +
          'lead_swFwTjT7fXwZ8Qz8IpCRMR,"Harbor & Pine, ""Dental""","Two clinics.\nWants\tonline booking",Tom Okafor\r\n',
      )
    })

    it('carries raw values in the curated columns: ISO dates, counts, the primary email address', async () => {
      const {stdout} = await listed({output: 'csv'})
      expect(stdout).to.equal(
        'id,display_name,status_label,contacts,primary_email.email,addresses.0.city,date_updated\r\n' +
          'lead_YBEldzFN1XdtXNMPqAXiuF,Bluestem Logistics,Potential,1,priya.raman@bluestem.example,Denver,2026-10-01T09:10:30.000000+00:00\r\n' +
          'lead_swFwTjT7fXwZ8Qz8IpCRMR,"Harbor & Pine, ""Dental""",Qualified,2,,Portland,2026-10-02T09:11:31.000000+00:00\r\n',
      )
      const opps = await listed({output: 'csv'}, [[oppActive, oppWon]], {view: oppView})
      expect(opps.stdout.split('\r\n')[1]).to.equal(
        'oppo_8Hj2KfLw0PqRs3TuVx4YzA,Bluestem Logistics,Active,1200000,one_time,80,Dana Whitfield,',
      )
    })

    it('prints the header alone for an empty list', async () => {
      expect((await listed({fields: 'id,display_name', output: 'csv'}, [])).stdout).to.equal('id,display_name\r\n')
    })
  })

  describe('list as tsv', () => {
    it('writes tab-separated rows without a header; tabs and line breaks in values become spaces', async () => {
      const {stderr, stdout} = await listed({fields: 'id,display_name,description,url'}, [[bluestem], [harbor]], {
        more: true,
      })
      expect(stdout).to.equal(
        'lead_YBEldzFN1XdtXNMPqAXiuF\tBluestem Logistics\t\thttps://bluestem.example\n' +
          'lead_swFwTjT7fXwZ8Qz8IpCRMR\tHarbor & Pine, "Dental"\tTwo clinics. Wants online booking\t\n',
      )
      expect(stderr).to.equal('')
    })

    it('is the piped default, with the curated columns and raw values', async () => {
      const {stdout} = await listed({}, [[oppWon]], {view: oppView})
      expect(stdout).to.equal(
        'oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D\tHarbor & Pine, "Dental"\tWon\t1200050\tmonthly\t100\tMarco Bellini\t2026-09-30\n',
      )
      expect((await listed({}, [])).stdout).to.equal('')
    })
  })

  describe('list as table', () => {
    const table = {output: 'table'}

    it('formats cells, separates columns by two spaces, no box lines, no colour when off', async () => {
      const {stdout} = await listed(
        {...table, columns: 120, env: {NO_COLOR: '1'}, stdoutTTY: true},
        [[oppActive, oppWon]],
        {view: oppView},
      )
      expect(stdout).to.equal(
        [
          'ID                           LEAD                     STATUS       VALUE  PERIOD    CONF  OWNER           WON',
          'oppo_8Hj2KfLw0PqRs3TuVx4YzA  Bluestem Logistics       Active     $12,000  one_time   80%  Dana Whitfield',
          'oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D  Harbor & Pine, "Dental"  Won     €12,000.50  monthly   100%  Marco Bellini   2026-09-30',
          '',
        ].join('\n'),
      )
      expect(stdout).not.to.match(ANSI)
    })

    it('paints the header bold and a won status green when colour is on', async () => {
      const {stdout} = await listed({...table, columns: 120, env: {FORCE_COLOR: '1'}}, [[oppWon]], {view: oppView})
      const [head, row] = stdout.split('\n')
      expect(head).to.equal(
        '\u001B[1mID\u001B[22m                           \u001B[1mLEAD\u001B[22m                     ' +
          '\u001B[1mSTATUS\u001B[22m       \u001B[1mVALUE\u001B[22m  \u001B[1mPERIOD\u001B[22m   ' +
          '\u001B[1mCONF\u001B[22m  \u001B[1mOWNER\u001B[22m          \u001B[1mWON\u001B[22m',
      )
      expect(row).to.equal(
        'oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D  Harbor & Pine, "Dental"  \u001B[32mWon\u001B[39m     €12,000.50  monthly  100%  Marco Bellini  2026-09-30',
      )
    })

    it('colours nothing with NO_COLOR, even a won status', async () => {
      const {stdout} = await listed({...table, columns: 120, env: {NO_COLOR: '1'}}, [[oppWon]], {view: oppView})
      expect(stdout).not.to.match(ANSI)
    })

    it('keeps --fields columns (IDs too) and shortens text; without --fields the ID goes before names shrink', async () => {
      const {stdout} = await listed({...table, columns: 60, fields: 'id,display_name,status_label,addresses.0.city'})
      expect(stdout).to.equal(
        [
          'ID                           NAME             STATUS  CITY',
          'lead_YBEldzFN1XdtXNMPqAXiuF  Bluestem Logis…  Poten…  Denver',
          'lead_swFwTjT7fXwZ8Qz8IpCRMR  Harbor & Pine,…  Quali…  Portl…',
          '',
        ].join('\n'),
      )
      for (const line of stdout.split('\n')) expect(line.length).to.be.at.most(60)

      const leads = await listed({...table, columns: 80})
      expect(leads.stdout.split('\n')[1]).to.equal(
        'Bluestem Logistics  Potential         1  priya.raman@bluest…  Denver  2026-10-01',
      )
      for (const line of leads.stdout.split('\n')) expect(stringWidth(line)).to.be.at.most(80)
    })

    it('honours maxWidth even when the terminal is wide', async () => {
      const long = {...bluestem, display_name: 'The Extraordinarily Long Name Of A Company Inc.'}
      const {stdout} = await listed({...table, columns: 200, fields: 'display_name'}, [[long]])
      expect(stdout).to.equal('NAME\nThe Extraordinarily Long Name Of A…\n')
    })

    it('measures wide characters by their cells', async () => {
      const cjk = {...bluestem, display_name: '東京ロジスティクス株式会社', id: 'lead_1'}
      const {stdout} = await listed({...table, columns: 20, fields: 'id,display_name,status_label'}, [[cjk]])
      expect(stdout).to.equal('ID      NAME   STAT…\nlead_1  東京…  Pote…\n')
    })

    it('strips terminal control sequences from Close data', async () => {
      const nasty = {...bluestem, display_name: 'Evil\u001B]0;pwned\u0007 Corp\nInc'}
      const {stdout} = await listed({...table, columns: 100, fields: 'display_name'}, [[nasty]])
      expect(stdout).to.equal('NAME\nEvil]0;pwned Corp Inc\n')
    })

    it('prints the footer on stderr when --limit cut the list', async () => {
      expect((await listed(table, [[bluestem], [harbor]], {more: true, total: 1204})).stderr).to.equal(
        '2 of 1,204 leads — use --limit or --all\n',
      )
      expect((await listed(table, [[bluestem]], {more: true})).stderr).to.equal('1 lead; more with --limit or --all\n')
      expect((await listed(table, [[bluestem], [harbor]], {total: 2})).stderr).to.equal('')
      expect((await listed({...table, stderrTTY: true}, [[bluestem]], {more: true, total: 3})).stderr).to.equal(
        '\u001B[2m1 of 3 leads — use --limit or --all\u001B[22m\n',
      )
    })

    it('says "No leads found." on stderr for an empty list, stdout empty', async () => {
      const {stderr, stdout, summary} = await listed(table, [])
      expect(stdout).to.equal('')
      expect(stderr).to.equal('No leads found.\n')
      expect(summary).to.deep.equal({count: 0, more: false})
    })

    it('uses ad-hoc columns for --fields outside the curated ones', async () => {
      const {stdout} = await listed({...table, fields: 'display_name,date_created,custom.cf_4rT9x2VbQmLk8sWz1nYpAe'}, [
        [bluestem],
      ])
      expect(stdout).to.equal(
        'NAME                DATE_CREATED      CUSTOM.CF_4RT9X2VBQMLK8SWZ1NYPAE\n' +
          'Bluestem Logistics  2026-01-10 10:20  Enterprise\n',
      )
    })
  })

  describe('streaming', () => {
    it('pulls the next page only after the previous one was written', async () => {
      const events: string[] = []
      const h = harness({output: 'ndjson'})
      const ctx = {
        ...h.ctx,
        async stdout(text: string) {
          events.push(`write ${JSON.parse(text.trim()).id}`)
          await new Promise((resolve) => {
            setImmediate(resolve)
          })
          events.push('drained')
        },
      }
      async function* pages() {
        events.push('pull 1')
        yield [bluestem]
        events.push('pull 2')
        yield [harbor]
        events.push('pull end')
      }

      const summary = await new Renderer(ctx).list(leadView, pages())
      expect(events).to.deep.equal([
        'pull 1',
        'write lead_YBEldzFN1XdtXNMPqAXiuF',
        'drained',
        'pull 2',
        'write lead_swFwTjT7fXwZ8Qz8IpCRMR',
        'drained',
        'pull end',
      ])
      expect(summary).to.deep.equal({count: 2, more: false})
    })

    it('stops fetching when the reader of stdout went away (| head), without an error', async () => {
      const h = harness({output: 'tsv'})
      let pulled = 0
      let finished = false
      async function* pages() {
        try {
          for (;;) {
            pulled++
            yield [bluestem]
          }
        } finally {
          finished = true
        }
      }

      const ctx = {
        ...h.ctx,
        stdout(text: string) {
          h.stdout.write(text)
          if (pulled === 2) h.stdout.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
        },
      }
      const summary = await new Renderer(ctx).list(leadView, pages())
      expect(pulled).to.equal(2)
      expect(finished).to.equal(true)
      expect(summary.count).to.equal(2)
      expect(h.stderr.text).to.equal('')
    })

    it('writes nothing to stdout when the first page fails', async () => {
      for (const output of ['json', 'csv', 'table', 'tsv']) {
        const h = harness({output})
        let failure: unknown
        try {
          await new Renderer(h.ctx).list(leadView, failing())
        } catch (error) {
          failure = error
        }

        expect(failure).to.have.property('message', 'membrane failed')
        expect(h.stdout.text, output).to.equal('')
        expect(h.stderr.text, output).to.equal('')
      }
    })

    it('validates --fields against the view before pulling anything', async () => {
      const h = harness({fields: 'id,bogus', output: 'json'})
      let pulled = false
      async function* pages() {
        pulled = true
        yield [bluestem]
      }

      let failure: unknown
      try {
        await new Renderer(h.ctx).list(leadView, pages())
      } catch (error) {
        failure = error
      }

      expect(failure).to.be.instanceOf(UsageError)
      expect((failure as UsageError).message).to.match(/^Unknown field "bogus"\. Valid fields for leads: id, /)
      expect(pulled).to.equal(false)
      expect(h.stdout.text).to.equal('')
    })
  })

  describe('record', () => {
    it('prints the object as pretty JSON, or its --fields', async () => {
      expect(await shown({json: true}, oppWon, oppView)).to.equal(JSON.stringify(oppWon, null, 2) + '\n')
      expect(await shown({fields: 'id,value', json: true}, oppWon, oppView)).to.equal(
        '{\n  "id": "oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D",\n  "value": 1200050\n}\n',
      )
      expect(await shown({output: 'ndjson'}, oppWon, oppView)).to.equal(JSON.stringify(oppWon) + '\n')
    })

    it('prints one csv row with its header, or one tsv row', async () => {
      expect(await shown({fields: 'id,display_name', output: 'csv'}, harbor)).to.equal(
        'id,display_name\r\nlead_swFwTjT7fXwZ8Qz8IpCRMR,"Harbor & Pine, ""Dental"""\r\n',
      )
      expect(await shown({fields: 'id,display_name'}, harbor)).to.equal(
        'lead_swFwTjT7fXwZ8Qz8IpCRMR\tHarbor & Pine, "Dental"\n',
      )
    })

    it('shows a table as labelled lines: curated columns, then the other fields; lists summarised', async () => {
      expect(await shown({output: 'table'}, harbor)).to.equal(
        [
          'ID            lead_swFwTjT7fXwZ8Qz8IpCRMR',
          'Name          Harbor & Pine, "Dental"',
          'Status        Qualified',
          'Contacts      2: Tom Okafor, Lena Fischer',
          'City          Portland',
          'Updated       2026-10-02',
          'Date created  2026-02-11 11:21',
          'Description   Two clinics.',
          '              Wants    online booking',
          'Addresses     1: 9 Dock Rd, Portland, US',
          '',
        ].join('\n'),
      )
      expect(await shown({output: 'table'}, oppWon, oppView)).to.equal(
        [
          'ID              oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D',
          'Lead            Harbor & Pine, "Dental"',
          'Status          Won',
          'Value           €12,000.50',
          'Period          monthly',
          'Conf            100%',
          'Owner           Marco Bellini',
          'Won             2026-09-30',
          'Lead ID         lead_swFwTjT7fXwZ8Qz8IpCRMR',
          'Status type     won',
          'Value currency  EUR',
          '',
        ].join('\n'),
      )
    })

    it('shows custom fields by key and dims labels when colour is on', async () => {
      const text = await shown(
        {env: {FORCE_COLOR: '1'}, fields: 'display_name,custom.cf_4rT9x2VbQmLk8sWz1nYpAe', output: 'table'},
        bluestem,
      )
      expect(text).to.equal(
        '\u001B[2mName\u001B[22m                              Bluestem Logistics\n' +
          '\u001B[2mcustom.cf_4rT9x2VbQmLk8sWz1nYpAe\u001B[22m  Enterprise\n',
      )
    })
  })

  it('message() writes a line to stderr and nothing to stdout', () => {
    const h = harness({json: true})
    new Renderer(h.ctx).message('Created lead_1.')
    expect(h.stderr.text).to.equal('Created lead_1.\n')
    expect(h.stdout.text).to.equal('')
  })
})
