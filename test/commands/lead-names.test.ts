/**
 * Issue 13 item 1: a LEAD column shows the lead's name everywhere, also where Close gives only
 * `lead_id` (contacts, notes): one POST /data/search/ per page, only for a table; JSON, CSV and
 * TSV keep Close's `lead_id` and ask nothing more. A failing search shows the IDs.
 */
import {expect} from 'chai'

import {CommandHome, type MembraneStub} from '../helpers/run-command.js'

const searches = (calls: string[][]) => calls.filter((argv) => argv.includes('/data/search/'))

describe('lead names in contacts and notes tables', () => {
  describe('against the sandbox', () => {
    const home = new CommandHome()
    const table = {columns: 120, env: {NO_COLOR: '1'}, stdoutTTY: true}

    after(() => home.remove())

    it('contacts list on a terminal: the names of the leads, one search for the page', async () => {
      const json = await home.run(['contacts', 'list', '--limit', '4', '--json', '--sandbox'])
      expect(json.exitCode, json.stderr).to.equal(0)
      expect(searches(json.calls)).to.deep.equal([])
      const contacts = JSON.parse(json.stdout) as Array<{lead_id: string; name: string}>
      const leads = await home.run(['leads', 'list', '--limit', '300', '--json', '--sandbox'])
      const names = new Map(
        (JSON.parse(leads.stdout) as Array<{display_name: string; id: string}>).map((l) => [l.id, l.display_name]),
      )

      const result = await home.runWith(['contacts', 'list', '--limit', '4', '--sandbox'], table)
      expect(result.exitCode, result.stderr).to.equal(0)
      const rows = result.stdout.split('\n').slice(1, 5)
      for (const [i, contact] of contacts.entries()) {
        expect(rows[i]).to.include(contact.name)
        expect(rows[i].trimEnd().endsWith(names.get(contact.lead_id)!), rows[i]).to.equal(true)
      }

      expect(result.stdout).not.to.include('lead_')
      expect(searches(result.calls)).to.have.length(1)
    })

    it('notes list on a terminal names the leads; piped (TSV) it keeps lead_id and searches nothing', async () => {
      const result = await home.runWith(['notes', 'list', '--limit', '3', '--sandbox'], table)
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout.split('\n')[0]).to.match(/LEAD\s*$/)
      expect(result.stdout.split('\n').slice(1, 4).join('\n')).not.to.match(/lead_\w+/)
      expect(searches(result.calls)).to.have.length(1)

      const piped = await home.run(['notes', 'list', '--limit', '3', '--sandbox'])
      expect(piped.stdout).to.match(/\tlead_\w+\n/)
      expect(searches(piped.calls)).to.deep.equal([])
    })

    it('the search sent: lead IDs of the page, only id and display_name', async () => {
      const result = await home.runWith(['contacts', 'list', '--limit', '2', '--sandbox'], table)
      const argv = searches(result.calls)[0]
      const body = JSON.parse(argv.find((a) => a.startsWith('--data='))!.slice('--data='.length)) as {
        _fields: unknown
        query: {queries: Array<{queries?: Array<{type: string; value: string}>; type: string}>}
      }
      expect(body._fields).to.deep.equal({lead: ['id', 'display_name']})
      const ids = body.query.queries[1].queries!.map((q) => q.value)
      expect(ids.length).to.be.within(1, 2)
      for (const id of ids) expect(id).to.match(/^lead_/)
    })
  })

  describe('when the search fails (stub membrane)', () => {
    it('the table shows the lead IDs and the command succeeds', async () => {
      const home = new CommandHome()
      try {
        const seeded = await home.run(['contacts', 'list', '--limit', '2', '--json', '--sandbox'])
        const contacts = JSON.parse(seeded.stdout) as Array<{lead_id: string}>
        const stub: MembraneStub = (args) =>
          args.includes('/data/search/')
            ? {exitCode: 1, stderr: 'HTTP 400 Bad Request\n', stdout: '{"errors":["not allowed"]}'}
            : {stdout: JSON.stringify({records: contacts.map((c) => ({id: 'x', rawFields: c}))})}
        const result = await home.runWith(
          ['contacts', 'list', '--limit', '2', '--connection', '6eaac8d82f01b7210760474f'],
          {
            columns: 120,
            env: {CLOSE_MEMBRANE_BIN: 'membrane', NO_COLOR: '1'},
            membrane: stub,
            stdoutTTY: true,
          },
        )
        expect(result.exitCode, result.stderr).to.equal(0)
        expect(searches(result.calls)).to.have.length(1)
        for (const contact of contacts) expect(result.stdout).to.include(contact.lead_id)
      } finally {
        home.remove()
      }
    })
  })
})
