/**
 * `close leads create / get / update / list / delete` end to end against the sandbox: the round trip
 * a rep makes, what Close stores, and every way input can be wrong (exit codes, messages, nothing
 * spawned when the CLI can tell on its own).
 */
import {expect} from 'chai'

import {expectUsage} from '../helpers/assertions.js'
import {CommandHome} from '../helpers/run-command.js'

type Lead = Record<string, unknown> & {
  addresses: Array<Record<string, unknown>>
  contacts: Array<{emails: Array<{email: string}>; id: string; name: string; phones: Array<{phone: string}>}>
  id: string
}

const A_USER = 'user_8dWqYqDz3mTBxqZ2Y0n7kA'
const NO_SUCH_LEAD = 'lead_0000000000000000000000'

describe('leads create/get/update/list/delete (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  /** A custom field of the demo organization and a value it accepts (taken from a seeded lead). */
  let custom: {id: string; value: string}

  before(async () => {
    const seeded = await close('leads', 'list', '--limit', '20', '--json')
    expect(seeded.exitCode, seeded.stderr).to.equal(0)
    const sample = JSON.parse(seeded.stdout) as Array<Record<string, unknown>>
    const [key, value] = sample
      .flatMap((lead) => Object.entries(lead))
      .find(([k, v]) => k.startsWith('custom.cf_') && (typeof v === 'string' || typeof v === 'number'))!
    custom = {id: key.slice('custom.'.length), value: String(value)}
  })

  after(() => home.remove())

  describe('round trip', () => {
    let lead: Lead

    it('creates a lead with status, contacts, address and a custom field', async () => {
      const result = await close(
        'leads',
        'create',
        '--name',
        'Lifecycle Robotics',
        '--status',
        'qualified',
        '--url',
        'https://lifecycle.example',
        '--description',
        'Met at the expo',
        '--contact',
        'Jane Doe <jane@lifecycle.example>',
        '--contact-name',
        'Bob Stone',
        '--contact-email',
        'bob@lifecycle.example',
        '--contact-phone',
        '+1 (415) 555-0100',
        '--address-1',
        '1 Main St',
        '--city',
        'Austin',
        '--state',
        'TX',
        '--zip',
        '78701',
        '--country',
        'us',
        '--custom',
        `${custom.id}=${custom.value}`,
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      lead = JSON.parse(result.stdout) as Lead
      expect(lead.id).to.match(/^lead_[A-Za-z0-9]+$/)
      expect(lead).to.include({
        description: 'Met at the expo',
        display_name: 'Lifecycle Robotics',
        name: 'Lifecycle Robotics',
        status_label: 'Qualified',
        url: 'https://lifecycle.example',
      })
      expect(String(lead[`custom.${custom.id}`])).to.equal(custom.value)
      expect(lead.contacts.map((c) => c.name)).to.deep.equal(['Jane Doe', 'Bob Stone'])
      expect(lead.contacts[0].emails[0].email).to.equal('jane@lifecycle.example')
      expect(lead.contacts[1].phones[0].phone).to.equal('+14155550100')
      expect(lead.addresses[0]).to.include({
        address_1: '1 Main St',
        city: 'Austin',
        country: 'US',
        label: 'business',
        state: 'TX',
        zipcode: '78701',
      })
    })

    it('gets it back, as JSON and as a table row set', async () => {
      const json = await close('leads', 'get', lead.id, '--json')
      expect(json.exitCode, json.stderr).to.equal(0)
      expect(JSON.parse(json.stdout)).to.deep.equal(lead)

      const fields = await close('leads', 'show', lead.id, '--fields', 'id,display_name,status_label', '-o', 'tsv')
      expect(fields.exitCode, fields.stderr).to.equal(0)
      expect(fields.stdout).to.equal(`${lead.id}\tLifecycle Robotics\tQualified\n`)
    })

    it('updates only what is given: status, one address part, and adds a contact', async () => {
      const result = await close(
        'leads',
        'edit',
        lead.id,
        '--status',
        'Customer',
        '--city',
        'Dallas',
        '--contact',
        'Kim Lee <kim@lifecycle.example>',
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      const updated = JSON.parse(result.stdout) as Lead
      expect(updated).to.include({description: 'Met at the expo', name: 'Lifecycle Robotics', status_label: 'Customer'})
      expect(updated.addresses).to.have.length(1)
      expect(updated.addresses[0]).to.include({address_1: '1 Main St', city: 'Dallas', country: 'US', zipcode: '78701'})
      expect(updated.contacts.map((c) => c.name)).to.have.members(['Jane Doe', 'Bob Stone', 'Kim Lee'])
    })

    it('takes flags before the ID too, and unsets a custom field with cf_ID=', async () => {
      const result = await close(
        'leads',
        'update',
        '--custom',
        `${custom.id}=`,
        '--name',
        'Lifecycle Robotics Inc',
        lead.id,
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      const updated = JSON.parse(result.stdout) as Lead
      expect(updated.name).to.equal('Lifecycle Robotics Inc')
      expect(updated[`custom.${custom.id}`] ?? null).to.equal(null)
    })

    it('finds it in the list', async () => {
      const result = await close('leads', 'ls', '--query', '"Lifecycle Robotics Inc"', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      const ids = (JSON.parse(result.stdout) as Lead[]).map((l) => l.id)
      expect(ids).to.include(lead.id)
    })

    it('deletes it with --yes, saying what was deleted; then it is gone (exit 5)', async () => {
      const result = await close('leads', 'rm', lead.id, '--yes')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(`Deleted lead "Lifecycle Robotics Inc" (${lead.id}).\n`)

      const again = await close('leads', 'get', lead.id)
      expect(again.exitCode).to.equal(5)
      expect(again.stdout).to.equal('')
      expect(again.stderr).to.equal(
        `Error: No lead with ID ${lead.id}.\n  Check the ID; \`close leads list\` shows existing leads.\n`,
      )
    })

    it('delete --json prints {id, deleted} on stdout', async () => {
      const created = await close('leads', 'add', '--name', 'Short Lived Co', '--json')
      expect(created.exitCode, created.stderr).to.equal(0)
      const {id} = JSON.parse(created.stdout) as Lead
      const result = await close('leads', 'delete', id, '--yes', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal({deleted: true, id})
    })
  })

  describe('invalid input', () => {
    it('create without --name off a terminal exits 2 naming it, before anything is spawned', async () => {
      const result = await close('leads', 'create', '--url', 'https://x.example', '--debug')
      expectUsage(result, 'Error: Missing --name.\n  Not running on a terminal, so nothing is asked: pass --name.\n')
    })

    it('--json gives the JSON error object on stderr and nothing on stdout', async () => {
      const result = await close('leads', 'create', '--json')
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('')
      const lines = result.stderr.trim().split('\n')
      expect(JSON.parse(lines.at(-1)!)).to.deep.equal({
        error: {
          code: 'missing_input',
          exitCode: 2,
          hint: 'Not running on a terminal, so nothing is asked: pass --name.',
          message: 'Missing --name.',
        },
      })
    })

    it("an unknown status exits 2 listing the organization's labels", async () => {
      const result = await close('leads', 'create', '--name', 'X', '--status', 'Hot')
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: "Hot" is not a lead status of this organization (--status).\n' +
          '  Valid lead status labels: Potential, Bad Fit, Qualified, Customer, Canceled.\n',
      )
    })

    it('malformed flag values exit 2 naming the flag, before anything is spawned', async () => {
      expectUsage(
        await close('leads', 'create', '--name', 'X', '--country', 'USA', '--debug'),
        'Error: --country "USA" is not a two-letter country code.\n' +
          '  Use the ISO 3166-1 alpha-2 code, e.g. --country US, --country DE, --country GB.\n',
      )
      expectUsage(
        await close('leads', 'create', '--name', 'X', '--contact', 'Jane <not-an-email>', '--debug'),
        'Error: --contact "Jane <not-an-email>" is not a contact.\n' +
          '  Use --contact "Jane Doe <jane@acme.com>", --contact jane@acme.com or --contact "Jane Doe".\n',
      )
      expectUsage(
        await close('leads', 'create', '--name', 'X', '--custom', 'industry=Retail', '--debug'),
        'Error: --custom "industry=Retail" is not a custom field assignment.\n' +
          "  Use --custom cf_ID=value with the custom field's ID (cf_…), e.g. --custom cf_abc123=Enterprise; an empty value unsets it.\n",
      )
    })

    it("Close's field errors exit 3 naming the field and the flag to fix", async () => {
      const result = await close('leads', 'create', '--name', 'X', '--custom', 'cf_doesNotExist1=1')
      expect(result.exitCode).to.equal(3)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.match(
        /^Error: Close rejected the lead: custom\.cf_doesNotExist1: .+ \(--custom cf_doesNotExist1=…\)\.\n/,
      )
      expect(result.stderr).to.contain('  Fix --custom cf_doesNotExist1=… and try again.\n')
    })

    it('update without any field exits 2 listing the flags', async () => {
      const result = await close('leads', 'update', NO_SUCH_LEAD, '--debug')
      expectUsage(
        result,
        'Error: Nothing to update: give at least one field to change.\n' +
          '  Pass one or more of --name, --status, --url, --description, --contact, --contact-name, --contact-email, ' +
          '--contact-phone, --address-1, --address-2, --city, --state, --zip, --country, --custom, --set.\n',
      )
    })

    it('an ID of a kind that has no lead exits 2 before anything is spawned, on every verb', async () => {
      const message =
        `Error: ${A_USER} in the lead argument is a user ID, but a lead is needed.\n` +
        '  Give a lead ID (lead_…), a Close URL, an email, a phone, a website or a name in the lead argument.\n'
      expectUsage(await close('leads', 'get', A_USER, '--debug'), message)
      expectUsage(await close('leads', 'update', A_USER, '--name', 'X', '--debug'), message)
      expectUsage(await close('leads', 'delete', A_USER, '--yes', '--debug'), message)
    })

    it('a malformed ID exits 2', async () => {
      const result = await close('leads', 'delete', 'lead_acme!', '--yes', '--debug')
      expectUsage(
        result,
        'Error: "lead_acme!" in the lead argument is not a lead reference: it is not a well-formed Close ID.\n' +
          '  Give a lead ID (lead_…), a Close URL, an email, a phone, a website, a name or @last in the lead argument.\n',
      )
    })

    it('delete without --yes off a terminal exits 2 before anything is spawned', async () => {
      const result = await close('leads', 'delete', NO_SUCH_LEAD, '--debug')
      expectUsage(
        result,
        'Error: Refusing to delete without confirmation.\n  Not running on a terminal, so nothing is asked: pass --yes to confirm.\n',
      )
    })

    it('an unknown lead exits 5 on get, update and delete', async () => {
      const message = `Error: No lead with ID ${NO_SUCH_LEAD}.\n  Check the ID; \`close leads list\` shows existing leads.\n`
      for (const args of [
        ['get', NO_SUCH_LEAD],
        ['update', NO_SUCH_LEAD, '--name', 'X'],
        ['delete', NO_SUCH_LEAD, '--yes'],
      ]) {
        const result = await close('leads', ...args)
        expect(result.exitCode, args.join(' ')).to.equal(5)
        expect(result.stdout).to.equal('')
        expect(result.stderr).to.equal(message)
      }
    })
  })
})
