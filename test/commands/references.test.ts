/**
 * Record references (design §5) in the lead, contact and user commands, against the sandbox: one
 * match is used, several off a terminal exit 2 listing the candidates (and `candidates` in the JSON
 * error), none exit 5; `@last` is the lead last shown or changed.
 */
import {expect} from 'chai'

import {CommandHome, type CommandResult} from '../helpers/run-command.js'

const AURIO = 'Aurio Components'
const CHARLES = 'charles.anderson@auriocomponents.com'

/** The JSON error line a failed `--json` run writes last on stderr. */
function jsonError(result: CommandResult): {candidates?: Array<{id: string; name: string}>; code: string} {
  const last = result.stderr.trim().split('\n').at(-1)!
  return (JSON.parse(last) as {error: {candidates?: Array<{id: string; name: string}>; code: string}}).error
}

/** The `--input` of every `membrane action run`, in order. */
function inputs(result: CommandResult): Array<string | undefined> {
  return result.calls.filter((argv) => argv[1] === 'run').map((argv) => argv.find((a) => a.startsWith('--input=')))
}

function idOf(result: CommandResult): string {
  expect(result.exitCode, result.stderr).to.equal(0)
  return (JSON.parse(result.stdout) as {id: string}).id
}

describe('references in leads, contacts and users (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let aurio: string
  let charles: string

  before(async () => {
    const newest = await close('leads', 'list', '--limit', '1', '--json')
    const [lead] = JSON.parse(newest.stdout) as Array<{
      contacts: Array<{emails: Array<{email: string}>; id: string}>
      display_name: string
      id: string
    }>
    expect(lead.display_name).to.equal(AURIO)
    aurio = lead.id
    charles = lead.contacts.find((c) => c.emails.some((e) => e.email === CHARLES))!.id
  })

  after(() => home.remove())

  describe('leads get/update/delete REF', () => {
    it('one match is used: name, email, domain, pasted lead or contact URL, ID', async () => {
      for (const ref of [
        AURIO,
        'aurio components',
        CHARLES,
        'auriocomponents.com',
        `https://app.close.com/lead/${aurio}/`,
        `https://app.close.com/lead/${aurio}/contact/${charles}/`,
        aurio,
      ]) {
        expect(idOf(await close('leads', 'get', ref, '--json', '--fields', 'id')), ref).to.equal(aurio)
      }
    })

    it('an ID is used without a search; a domain is one lead search, then the get (argv sent to Membrane)', async () => {
      expect(inputs(await close('leads', 'get', aurio, '--json'))).to.deep.equal([`--input={"id":"${aurio}"}`])
      expect(inputs(await close('leads', 'get', 'auriocomponents.com', '--json'))).to.deep.equal([
        String.raw`--input={"query":"url:\"auriocomponents.com\" OR \"auriocomponents.com\"","limit":10}`,
        `--input={"id":"${aurio}"}`,
      ])
    })

    it('several off a terminal exit 2 listing ID and name, with candidates in the JSON error', async () => {
      const result = await close('leads', 'get', 'Inc', '--json')
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.match(
        /^Error: "Inc" in the lead argument matches at least 10 leads:\n {2}lead_\w{22} {2}\S/,
      )
      const error = jsonError(result)
      expect(error.code).to.equal('ambiguous_reference')
      expect(error.candidates).to.have.length(10)
      for (const candidate of error.candidates!) {
        expect(candidate.id).to.match(/^lead_\w{22}$/)
        expect(result.stderr).to.contain(`  ${candidate.id}  ${candidate.name}\n`)
      }
    })

    it('none exits 5 naming what was searched', async () => {
      const result = await close('leads', 'get', 'Nobody Such Company')
      expect(result.exitCode).to.equal(5)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: No lead matches "Nobody Such Company" (the lead argument).\n' +
          "  Try part of the company name, a contact's name or email, a phone number, the website, or paste the lead's Close URL in the lead argument.\n",
      )
    })

    it('@last is the lead last shown, then the lead last changed', async () => {
      await close('leads', 'get', CHARLES, '--json')
      expect(idOf(await close('leads', 'get', '@last', '--json', '--fields', 'id'))).to.equal(aurio)
      const ward = await close('leads', 'list', '--query', 'Ward Supply', '--limit', '1', '--json')
      const other = (JSON.parse(ward.stdout) as Array<{id: string}>)[0].id
      expect(other).to.not.equal(aurio)
      await close('leads', 'update', other, '--description', 'Called back', '--json')
      expect(idOf(await close('leads', 'get', '@last', '--json', '--fields', 'id'))).to.equal(other)
    })

    it('update and delete take the same references; ambiguous ones change nothing', async () => {
      const updated = await close('leads', 'update', 'auriocomponents.com', '--description', 'Renewal talk', '--json')
      expect(idOf(updated)).to.equal(aurio)
      const ambiguous = await close('leads', 'delete', 'Inc', '--yes')
      expect(ambiguous.exitCode).to.equal(2)
      expect(ambiguous.stderr).to.contain('"Inc" in the lead argument matches at least 10 leads:')
      const none = await close('leads', 'delete', 'Nobody Such Company', '--yes')
      expect(none.exitCode).to.equal(5)
      const count = await close('leads', 'list', '--query', 'Inc', '--json', '--limit', '50')
      expect((JSON.parse(count.stdout) as unknown[]).length).to.be.greaterThanOrEqual(10)
    })
  })

  describe('contacts', () => {
    it('list and create take --lead as any reference', async () => {
      const listed = await close('contacts', 'list', '--lead', 'auriocomponents.com', '--json', '--fields', 'id')
      expect(listed.exitCode, listed.stderr).to.equal(0)
      expect((JSON.parse(listed.stdout) as Array<{id: string}>).map((c) => c.id)).to.include(charles)
      const created = await close('contacts', 'create', '--lead', AURIO, '--name', 'Mia Park', '--json')
      expect(created.exitCode, created.stderr).to.equal(0)
      expect(JSON.parse(created.stdout)).to.include({lead_id: aurio, name: 'Mia Park'})
    })

    it('get by email (its lead found by a search), by name within --lead, by ID', async () => {
      expect(idOf(await close('contacts', 'get', CHARLES, '--json'))).to.equal(charles)
      expect(idOf(await close('contacts', 'get', 'Charles', '--lead', AURIO, '--json'))).to.equal(charles)
      expect(idOf(await close('contacts', 'get', charles, '--json'))).to.equal(charles)
    })

    it('several within the lead off a terminal exit 2 with candidates; none exit 5; a name without --lead exits 2', async () => {
      const several = await close('contacts', 'update', 'auriocomponents', '--lead', AURIO, '--title', 'x', '--json')
      expect(several.exitCode).to.equal(2)
      expect(several.stderr).to.match(/^Error: "auriocomponents" in the contact argument matches \d+ contacts:\n/)
      const error = jsonError(several)
      expect(error.code).to.equal('ambiguous_reference')
      expect(error.candidates!.map((c) => c.id)).to.include(charles)

      const none = await close('contacts', 'delete', 'Zora', '--lead', AURIO, '--yes')
      expect(none.exitCode).to.equal(5)
      expect(none.stderr).to.equal(
        `Error: No contact matches "Zora" on lead ${aurio} (the contact argument).\n` +
          "  Give the contact's ID, email or part of the name in the contact argument.\n",
      )

      const noLead = await close('contacts', 'get', 'Charles')
      expect(noLead.exitCode).to.equal(2)
      expect(noLead.calls).to.deep.equal([])
      expect(noLead.stderr).to.equal(
        'Error: A contact given by name (the contact argument) needs the lead too.\n' +
          "  Pass --lead, or give the contact's ID (cont_…) in the contact argument.\n",
      )
    })
  })

  describe('users get', () => {
    it('me, a name, an email; several exit 2 with candidates; none exit 5', async () => {
      const me = idOf(await close('users', 'get', 'me', '--json'))
      expect(me).to.match(/^user_/)
      expect(idOf(await close('users', 'get', 'Jordan', '--json'))).to.equal(me)
      const jordan = JSON.parse((await close('users', 'get', 'me', '--json')).stdout) as {email: string}
      expect(idOf(await close('users', 'get', jordan.email, '--json'))).to.equal(me)

      const several = await close('users', 'get', 'a', '--json')
      expect(several.exitCode).to.equal(2)
      expect(jsonError(several).candidates!.length).to.be.greaterThan(1)
      const none = await close('users', 'get', 'Nobody Atall')
      expect(none.exitCode).to.equal(5)
      expect(none.stderr).to.equal(
        'Error: No user matches "Nobody Atall" in this organization (the user argument).\n' +
          '  Give me, a user ID, an email or a name in the user argument.\n',
      )
    })
  })
})
