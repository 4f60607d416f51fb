/**
 * `close contacts list / get / create / update / delete` end to end against the sandbox.
 *
 */
import {expect} from 'chai'

import {expectUsage} from '../helpers/assertions.js'
import {CommandHome} from '../helpers/run-command.js'

type Contact = Record<string, unknown> & {
  emails: Array<{email: string; type: string}>
  id: string
  lead_id: string
  phones: Array<{phone: string; type: string}>
}

const NO_SUCH_CONTACT = 'cont_0000000000000000000000'
const NO_SUCH_LEAD = 'lead_0000000000000000000000'

describe('contacts create/get/update/list/delete (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let leadId: string

  before(async () => {
    const leads = await close('leads', 'list', '--limit', '1', '--json')
    expect(leads.exitCode, leads.stderr).to.equal(0)
    leadId = (JSON.parse(leads.stdout) as Array<{id: string}>)[0].id
  })

  after(() => home.remove())

  describe('round trip', () => {
    let contact: Contact

    it('creates a contact on a lead with a title, two emails and a phone', async () => {
      const result = await close(
        'contacts',
        'create',
        '--lead',
        leadId,
        '--name',
        'Jane Doe',
        '--title',
        'CTO',
        '--email',
        'jane@example.com',
        '--email',
        'jane.doe@example.org',
        '--phone',
        '+1 415 555 0100',
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      contact = JSON.parse(result.stdout) as Contact
      expect(contact.id).to.match(/^cont_/)
      expect(contact).to.include({lead_id: leadId, name: 'Jane Doe', title: 'CTO'})
      expect(contact.emails.map((e) => e.email)).to.deep.equal(['jane@example.com', 'jane.doe@example.org'])
      expect(contact.phones.map((p) => p.phone)).to.deep.equal(['+14155550100'])
    })

    it('gets it back', async () => {
      const result = await close('contacts', 'get', contact.id, '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal(contact)
      const view = await close('contacts', 'view', contact.id, '--fields', 'id,name,emails.0.email', '-o', 'tsv')
      expect(view.stdout).to.equal(`${contact.id}\tJane Doe\tjane@example.com\n`)
    })

    it('updates only what is given; --email replaces the list, phones stay', async () => {
      const result = await close(
        'contacts',
        'edit',
        contact.id,
        '--title',
        'CEO',
        '--email',
        'jane@new.example',
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      const updated = JSON.parse(result.stdout) as Contact
      expect(updated).to.include({name: 'Jane Doe', title: 'CEO'})
      expect(updated.emails.map((e) => e.email)).to.deep.equal(['jane@new.example'])
      expect(updated.phones.map((p) => p.phone)).to.deep.equal(['+14155550100'])
    })

    it('lists it among the contacts of its lead, and only those', async () => {
      const result = await close('contacts', 'ls', '--lead', leadId, '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      const list = JSON.parse(result.stdout) as Contact[]
      expect(list.map((c) => c.id)).to.include(contact.id)
      expect(new Set(list.map((c) => c.lead_id))).to.deep.equal(new Set([leadId]))

      const tsv = await close('contacts', 'list', '--lead', leadId, '--fields', 'id,title')
      expect(tsv.stdout.split('\n')).to.include(`${contact.id}\tCEO`)
    })

    it('lists contacts across leads without --lead, cut by --limit', async () => {
      const result = await close('contacts', 'list', '--limit', '3', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.have.length(3)
    })

    it('deletes it with --yes; then it is gone (exit 5)', async () => {
      const result = await close('contacts', 'rm', contact.id, '--yes')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(`Deleted contact "Jane Doe" (${contact.id}).\n`)
      const again = await close('contacts', 'get', contact.id)
      expect(again.exitCode).to.equal(5)
      expect(again.stderr).to.equal(
        `Error: No contact with ID ${contact.id}.\n  Check the ID; \`close contacts list\` shows existing contacts.\n`,
      )
    })

    it('creates a contact from an email alone', async () => {
      const result = await close('contacts', 'add', '--lead', leadId, '--email', 'ops@example.com', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      const created = JSON.parse(result.stdout) as Contact
      expect(created.emails[0].email).to.equal('ops@example.com')
      const removed = await close('contacts', 'delete', created.id, '--yes', '--json')
      expect(JSON.parse(removed.stdout)).to.deep.equal({deleted: true, id: created.id})
    })
  })

  describe('invalid input', () => {
    it('create without --lead and --name off a terminal exits 2 naming both, before anything is spawned', async () => {
      expectUsage(
        await close('contacts', 'create', '--debug'),
        'Error: Missing --lead, --name (or --email).\n' +
          '  Not running on a terminal, so nothing is asked: pass --lead and --name (or --email).\n',
      )
      expectUsage(
        await close('contacts', 'create', '--email', 'a@b.example', '--debug'),
        'Error: Missing --lead.\n  Not running on a terminal, so nothing is asked: pass --lead.\n',
      )
    })

    it('--lead of a kind that has no lead exits 2 before anything is spawned', async () => {
      expectUsage(
        await close('contacts', 'create', '--lead', 'user_0000000000000000000000', '--name', 'X', '--debug'),
        'Error: user_0000000000000000000000 in --lead is a user ID, but a lead is needed.\n' +
          '  Give a lead ID (lead_…), a Close URL, an email, a phone, a website or a name in --lead.\n',
      )
    })

    it('a bad email or phone exits 2 naming the flag', async () => {
      expectUsage(
        await close('contacts', 'create', '--lead', NO_SUCH_LEAD, '--email', 'jane', '--debug'),
        'Error: --email "jane" is not an email address.\n',
      )
      expectUsage(
        await close('contacts', 'update', NO_SUCH_CONTACT, '--phone', 'call me', '--debug'),
        'Error: --phone "call me" is not a phone number.\n  Use international form, e.g. --phone "+1 415 555 0100".\n',
      )
    })

    it("a lead Close does not know is Close's field error, naming --lead (exit 3)", async () => {
      const result = await close('contacts', 'create', '--lead', NO_SUCH_LEAD, '--name', 'X')
      expect(result.exitCode).to.equal(3)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Close rejected the contact: lead: Object does not exist (--lead).\n  Fix --lead and try again.\n',
      )
    })

    it('update without any field exits 2 listing the flags', async () => {
      expectUsage(
        await close('contacts', 'update', NO_SUCH_CONTACT, '--debug'),
        'Error: Nothing to update: give at least one field to change.\n' +
          '  Pass one or more of --name, --title, --email, --phone.\n',
      )
    })

    it('an ID of the wrong kind exits 2 before anything is spawned, on every verb', async () => {
      const message =
        `Error: ${NO_SUCH_LEAD} in the contact argument is a lead ID, but a contact is needed.\n` +
        '  Give a contact ID (cont_…) in the contact argument.\n'
      expectUsage(await close('contacts', 'get', NO_SUCH_LEAD, '--debug'), message)
      expectUsage(await close('contacts', 'update', NO_SUCH_LEAD, '--name', 'X', '--debug'), message)
      expectUsage(await close('contacts', 'delete', NO_SUCH_LEAD, '--yes', '--debug'), message)
    })

    it('delete without --yes off a terminal exits 2 before anything is spawned', async () => {
      expectUsage(
        await close('contacts', 'delete', NO_SUCH_CONTACT, '--debug'),
        'Error: Refusing to delete without confirmation.\n  Not running on a terminal, so nothing is asked: pass --yes to confirm.\n',
      )
    })

    it('an unknown contact exits 5 on get, update and delete', async () => {
      const message = `Error: No contact with ID ${NO_SUCH_CONTACT}.\n  Check the ID; \`close contacts list\` shows existing contacts.\n`
      for (const args of [
        ['get', NO_SUCH_CONTACT],
        ['update', NO_SUCH_CONTACT, '--title', 'X'],
        ['delete', NO_SUCH_CONTACT, '--yes'],
      ]) {
        const result = await close('contacts', ...args)
        expect(result.exitCode, args.join(' ')).to.equal(5)
        expect(result.stdout).to.equal('')
        expect(result.stderr).to.equal(message)
      }
    })
  })
})
