import {expect} from 'chai'

import {SANDBOX_ME_ID} from '../../../src/sandbox/close/index.js'
import {type Body, removeTempDirs, sandbox, type Sandbox} from './helpers.js'

const idPattern = (prefix: string) => new RegExp(`^${prefix}[0-9A-Za-z]{22}$`)

async function searchLeads(box: Sandbox, query: string): Promise<Body> {
  const response = await box.call('GET', '/lead/', {_limit: 200, query})
  if (response.status !== 200) throw new Error(JSON.stringify(response.body))
  return response.body
}

const isCustomer = (l: Body) => l.status_label === 'Customer'
const isQualified = (l: Body) => l.status_label === 'Qualified'
const hasPhone = (l: Body) => l.contacts.some((c: Body) => c.phones.length > 0)
const hasEmail = (l: Body) => l.contacts.some((c: Body) => c.emails.length > 0)

/** Everything a free-text search looks at: the lead name, contact names and emails. */
function searchText(lead: Body): string {
  return [lead.display_name, ...lead.contacts.flatMap((c: Body) => [c.name, ...c.emails.map((e: Body) => e.email)])]
    .join(' ')
    .toLowerCase()
}

describe('sandbox Close emulator: leads and contacts', () => {
  let box: Sandbox
  let statuses: Record<string, string>

  before(async () => {
    box = await sandbox(80)
    statuses = Object.fromEntries(box.store.meta.leadStatuses.map((s) => [s.label, s.id]))
  })

  after(removeTempDirs)

  describe('slices (450 leads: five store chunks)', () => {
    let big: Sandbox

    before(async () => {
      big = await sandbox(450)
    })

    it('partitions with slice:N/M into disjoint parts that cover everything', async () => {
      const total = (await searchLeads(big, '')).total_results
      const parts = await Promise.all([1, 2, 3].map((n) => searchLeads(big, `sort:created slice:${n}/3`)))
      const ids = parts.flatMap((p) => p.data.map((l: Body) => l.id))
      expect(ids).to.have.length(total)
      expect(new Set(ids).size).to.equal(total)
      for (const part of parts) expect(part.data.length).to.be.greaterThan(0)
    })

    it('pages slice: and sort:-created by chunk: the leads, order, totals of a full scan', async () => {
      // `(slice:N/M OR slice:N/M)` is the same set, but takes the scan of every lead.
      let shown = 0
      for (const [n, m] of [
        [1, 1],
        [1, 2],
        [2, 2],
      ]) {
        for (const skip of [0, 70, 190]) {
          const paging = {_limit: 60, _skip: skip}
          const fast = await big.call('GET', '/lead/', {...paging, query: `slice:${n}/${m} sort:-created`})
          const scan = await big.call('GET', '/lead/', {
            ...paging,
            query: `(slice:${n}/${m} OR slice:${n}/${m}) sort:-created`,
          })
          expect(fast.body, `slice ${n}/${m}, skip ${skip}`).to.deep.equal(scan.body)
          shown += fast.body.data.length
        }
      }

      expect(shown).to.be.greaterThan(300)
      const newest = await big.call('GET', '/lead/', {_limit: 200, query: 'sort:-created'})
      const plain = await big.call('GET', '/lead/', {_limit: 200})
      expect(newest.body.data).to.deep.equal(plain.body.data)
      expect(newest.body.total_results).to.equal(450)
    })
  })

  describe('leads', () => {
    it('round trip: create with contacts, addresses and custom fields → get → update → delete', async () => {
      const [industry, source, employees] = box.store.meta.customFields
      const created = await box.call('POST', '/lead/', [], {
        [`custom.${industry.id}`]: 'real estate',
        addresses: [{address_1: '747 Howard St', city: 'San Francisco', country: 'us', state: 'CA', zipcode: '94103'}],
        contacts: [
          {
            emails: [{email: 'gob@bluth.example', type: 'office'}],
            name: 'Gob Bluth',
            phones: [{phone: '(800) 444-5555', type: 'office'}],
            title: 'President',
          },
        ],
        'custom.Lead Source': 'Referral',
        description: 'Best. Show. Ever.',
        name: 'Bluth Company',
        url: 'http://thebluthcompany.example/',
      })
      expect(created.status).to.equal(200)
      const lead = created.body
      expect(lead.id).to.match(idPattern('lead_'))
      expect(lead).to.include({
        created_by: SANDBOX_ME_ID,
        created_by_name: 'Jordan Lee',
        description: 'Best. Show. Ever.',
        display_name: 'Bluth Company',
        html_url: `https://app.close.com/lead/${lead.id}/`,
        name: 'Bluth Company',
        status_id: statuses.Potential,
        status_label: 'Potential',
        url: 'http://thebluthcompany.example/',
      })
      expect(lead[`custom.${industry.id}`]).to.equal('Real Estate')
      expect(lead[`custom.${source.id}`]).to.equal('Referral')
      expect(lead).to.not.have.property(`custom.${employees.id}`)
      expect(lead.addresses).to.deep.equal([
        {
          address_1: '747 Howard St',
          address_2: null,
          city: 'San Francisco',
          country: 'US',
          label: 'business',
          state: 'CA',
          tz_ids: [],
          zipcode: '94103',
        },
      ])
      expect(lead.contacts).to.have.length(1)
      const [contact] = lead.contacts
      expect(contact.id).to.match(idPattern('cont_'))
      expect(contact.lead_id).to.equal(lead.id)
      expect(contact.phones[0]).to.include({phone: '+18004445555', phone_formatted: '+1 800-444-5555', type: 'office'})
      expect(lead.primary_email).to.deep.equal({email: 'gob@bluth.example', is_unsubscribed: false, type: 'office'})
      expect(lead.contact_ids).to.deep.equal([contact.id])
      expect(lead.opportunities).to.deep.equal([])
      expect(lead.tasks).to.deep.equal([])
      expect(lead.date_created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/)

      expect(await box.get(`/lead/${lead.id}/`)).to.deep.equal(lead)
      const first = (await box.get('/lead/', {_limit: 1})).data[0]
      expect(first.id, 'a new lead lists first').to.equal(lead.id)

      const updated = await box.call('PUT', `/lead/${lead.id}/`, [], {
        [`custom.${employees.id}`]: '42',
        [`custom.${source.id}`]: null,
        name: 'Bluth Company (renamed)',
        status_id: statuses.Qualified,
      })
      expect(updated.status).to.equal(200)
      expect(updated.body).to.include({name: 'Bluth Company (renamed)', status_label: 'Qualified'})
      expect(updated.body.description, 'PUT changes only what is sent').to.equal('Best. Show. Ever.')
      expect(updated.body[`custom.${employees.id}`]).to.equal(42)
      expect(updated.body).to.not.have.property(`custom.${source.id}`)
      expect(updated.body.date_updated >= lead.date_updated).to.equal(true)

      const changes = await box.get('/activity/status_change/lead/', {lead_id: lead.id})
      expect(changes.data).to.have.length(1)
      expect(changes.data[0]).to.include({
        _type: 'LeadStatusChange',
        lead_id: lead.id,
        new_status_label: 'Qualified',
        old_status_label: 'Potential',
        user_id: SANDBOX_ME_ID,
      })

      const deleted = await box.call('DELETE', `/lead/${lead.id}/`)
      expect(deleted.status).to.equal(200)
      expect(deleted.body).to.deep.equal({})
      expect((await box.call('GET', `/lead/${lead.id}/`)).status).to.equal(404)
      expect((await box.call('GET', `/contact/${contact.id}/`)).status, 'its contacts go too').to.equal(404)
      expect((await box.get('/activity/', {lead_id: lead.id})).data).to.deep.equal([])
    })

    it('accepts a status by label and defaults to the first lead status', async () => {
      const byLabel = await box.call('POST', '/lead/', [], {name: 'Label Co', status: 'customer'})
      expect(byLabel.body.status_label).to.equal('Customer')
      const bare = await box.call('POST', '/lead/', [], {})
      expect(bare.status).to.equal(200)
      expect(bare.body).to.include({display_name: 'Untitled', name: null, status_id: statuses.Potential})
    })

    it('refuses a bad status with Close’s field error', async () => {
      const response = await box.call('POST', '/lead/', [], {name: 'X', status_id: 'foo'})
      expect(response.status).to.equal(400)
      expect(response.body).to.deep.equal({
        errors: [],
        'field-errors': {
          status:
            'Not a valid choice. Please go to Customizations in your organization settings and add "foo" to the list of lead statuses.',
        },
      })
      const lead = (await box.get('/lead/', {_limit: 1})).data[0]
      const put = await box.call('PUT', `/lead/${lead.id}/`, [], {status_id: 'stat_nope'})
      expect(put.status).to.equal(400)
      expect(put.body['field-errors'].status).to.match(/^Not a valid choice\./)
    })

    it('refuses bad custom field values, unknown custom fields and bad contacts', async () => {
      const [industry, , employees] = box.store.meta.customFields
      const response = await box.call('POST', '/lead/', [], {
        [`custom.${employees.id}`]: 'many',
        [`custom.${industry.id}`]: 'Basket Weaving',
        contacts: [{emails: [{email: 'not-an-email'}], phones: [{phone: '12'}]}],
        'custom.cf_unknown': 'x',
        name: 'Bad Inc',
      })
      expect(response.status).to.equal(400)
      expect(response.body.errors).to.deep.equal([])
      expect(Object.keys(response.body['field-errors']).sort()).to.deep.equal(
        [
          `custom.${employees.id}`,
          `custom.${industry.id}`,
          'custom.cf_unknown',
          'contacts.emails',
          'contacts.phones',
        ].sort(),
      )
      expect(response.body['field-errors'][`custom.${employees.id}`]).to.equal('Enter a number.')
    })
  })

  describe('lead search (query)', () => {
    it('returns total_results, and the whole org for an empty query', async () => {
      const all = await searchLeads(box, '')
      expect(all.total_results).to.equal(all.data.length)
      expect(all.data.length).to.be.greaterThan(80)
    })

    it('matches free text in the lead name and in contact names and emails', async () => {
      const lead = (await searchLeads(box, 'has:email')).data[5]
      const word = lead.name.split(' ')[0]
      const byName = await searchLeads(box, word)
      expect(byName.data.map((l: Body) => l.id)).to.include(lead.id)
      for (const found of byName.data) {
        expect(searchText(found)).to.include(word.toLowerCase())
      }

      const contact = lead.contacts[0]
      expect((await searchLeads(box, `"${contact.name}"`)).data.map((l: Body) => l.id)).to.include(lead.id)
      expect((await searchLeads(box, contact.emails[0].email)).data.map((l: Body) => l.id)).to.include(lead.id)
      expect((await searchLeads(box, 'zzzzqqqq')).total_results).to.equal(0)
    })

    it('filters by status label, quoted or not, as status: or lead_status:', async () => {
      const all = await searchLeads(box, '')
      const customers = all.data.filter((l: Body) => l.status_label === 'Customer').length
      expect(customers).to.be.greaterThan(0)
      for (const query of ['status:"Customer"', 'status:customer', 'lead_status:"Customer"']) {
        const found = await searchLeads(box, query)
        expect(found.total_results, query).to.equal(customers)
        expect(found.data.every((l: Body) => l.status_label === 'Customer')).to.equal(true)
      }

      const badFit = await searchLeads(box, 'status:"Bad Fit"')
      expect(badFit.data.every((l: Body) => l.status_label === 'Bad Fit')).to.equal(true)
      expect((await searchLeads(box, 'status:"No Such Status"')).total_results).to.equal(0)
    })

    it('supports has:email and has:phone', async () => {
      const all = (await searchLeads(box, '')).data
      const withPhone = all.filter((l: Body) => hasPhone(l)).length
      expect((await searchLeads(box, 'has:phone')).total_results).to.equal(withPhone)
      const withEmail = all.filter((l: Body) => hasEmail(l)).length
      expect((await searchLeads(box, 'has:email')).total_results).to.equal(withEmail)
    })

    it('filters on custom fields by ID or by quoted name', async () => {
      const [industry] = box.store.meta.customFields
      const all = (await searchLeads(box, '')).data
      const software = all.filter((l: Body) => l[`custom.${industry.id}`] === 'Software').length
      expect(software).to.be.greaterThan(0)
      expect((await searchLeads(box, `custom.${industry.id}:"Software"`)).total_results).to.equal(software)
      expect((await searchLeads(box, '"custom.Industry":Software')).total_results).to.equal(software)
      expect((await searchLeads(box, 'custom.Industry:software')).total_results).to.equal(software)
    })

    it('combines terms with implicit AND and with OR', async () => {
      const all = (await searchLeads(box, '')).data
      const count = (pred: (l: Body) => boolean) => all.filter((l: Body) => pred(l)).length
      expect((await searchLeads(box, 'status:Customer has:phone')).total_results).to.equal(
        count((l) => isCustomer(l) && hasPhone(l)),
      )
      expect((await searchLeads(box, 'status:Customer OR status:Qualified')).total_results).to.equal(
        count((l) => isCustomer(l) || isQualified(l)),
      )
      expect((await searchLeads(box, 'has:phone status:Customer OR status:Qualified')).total_results).to.equal(
        count((l) => hasPhone(l) && (isCustomer(l) || isQualified(l))),
      )
      expect((await searchLeads(box, '(status:Customer OR status:Qualified) AND has:phone')).total_results).to.equal(
        count((l) => hasPhone(l) && (isCustomer(l) || isQualified(l))),
      )
    })

    it('sorts by created or updated, either way', async () => {
      const oldest = (await searchLeads(box, 'sort:created')).data.map((l: Body) => l.date_created)
      expect(oldest).to.deep.equal([...oldest].sort())
      const newest = (await searchLeads(box, 'sort:-created')).data.map((l: Body) => l.date_created)
      expect(newest).to.deep.equal([...newest].sort().reverse())
      const updated = (await searchLeads(box, 'sort:-updated')).data.map((l: Body) => l.date_updated)
      expect(updated).to.deep.equal([...updated].sort().reverse())
    })

    it('refuses syntax outside the emulated subset with a 400 that says so', async () => {
      for (const query of [
        'contacts > 1',
        'has:calls',
        'call(date >= "2024-01-01")',
        '-foo',
        'NOT foo',
        'in:"My View"',
        'sort:name',
        'slice:4/3',
        '"unterminated',
        '(status:Customer',
        'status:Customer OR',
        'constructor:x',
      ]) {
        const response = await box.call('GET', '/lead/', {query})
        expect(response.status, query).to.equal(400)
        expect(response.body['field-errors'], query).to.deep.equal({})
        expect(response.body.errors[0], query).to.match(/sandbox/i)
      }

      const unknownField = await box.call('GET', '/lead/', {query: 'custom.Nope:x'})
      expect(unknownField.status).to.equal(400)
      expect(unknownField.body.errors[0]).to.match(/Unknown custom field "Nope"/)
    })
  })

  describe('contacts', () => {
    it('round trip: create on a lead → get → list by lead → update → delete', async () => {
      const lead = (await box.get('/lead/', {_limit: 1, query: 'status:Qualified'})).data[0]
      const created = await box.call('POST', '/contact/', [], {
        emails: [{email: 'ann.veal@example.com'}],
        lead_id: lead.id,
        name: 'Ann Veal',
        phones: [{phone: '+44 20 7946 0321', type: 'mobile'}],
        title: 'Her?',
        urls: [{url: 'https://example.com/ann'}],
      })
      expect(created.status).to.equal(200)
      const contact = created.body
      expect(contact.id).to.match(idPattern('cont_'))
      expect(contact).to.include({display_name: 'Ann Veal', lead_id: lead.id, name: 'Ann Veal', title: 'Her?'})
      expect(contact.emails).to.deep.equal([{email: 'ann.veal@example.com', is_unsubscribed: false, type: 'office'}])
      expect(contact.phones[0]).to.include({
        country: 'GB',
        phone: '+442079460321',
        phone_formatted: '+44 20 7946 0321',
        type: 'mobile',
      })
      expect(contact.urls).to.deep.equal([{type: 'url', url: 'https://example.com/ann'}])
      expect(await box.get(`/contact/${contact.id}/`)).to.deep.equal(contact)
      const onLead = await box.get('/contact/', {lead_id: lead.id})
      expect(onLead.data.map((c: Body) => c.id)).to.include(contact.id)
      expect((await box.get(`/lead/${lead.id}/`)).contact_ids).to.include(contact.id)

      const updated = await box.call('PUT', `/contact/${contact.id}/`, [], {title: 'Marketing'})
      expect(updated.body).to.include({name: 'Ann Veal', title: 'Marketing'})
      expect(updated.body.emails, 'untouched fields stay').to.deep.equal(contact.emails)

      expect((await box.call('DELETE', `/contact/${contact.id}/`)).body).to.deep.equal({})
      expect((await box.call('GET', `/contact/${contact.id}/`)).body).to.deep.equal({
        error: 'Empty query: Contact matching query does not exist.',
      })
      expect((await box.get(`/lead/${lead.id}/`)).contact_ids).to.not.include(contact.id)
    })

    it('creates a lead named after the contact when no lead_id is given', async () => {
      const created = await box.call('POST', '/contact/', [], {name: 'Lonely Larry'})
      expect(created.status).to.equal(200)
      const lead = await box.get(`/lead/${created.body.lead_id}/`)
      expect(lead).to.include({display_name: 'Lonely Larry', name: null})
    })

    it('refuses an unknown lead, a bad email and a bad phone', async () => {
      const response = await box.call('POST', '/contact/', [], {
        emails: [{email: 'nope'}],
        lead_id: 'lead_0000000000000000000000',
        phones: [{phone: 'call me'}],
      })
      expect(response.status).to.equal(400)
      expect(Object.keys(response.body['field-errors']).sort()).to.deep.equal(['emails', 'phones'])
      const noLead = await box.call('POST', '/contact/', [], {lead_id: 'lead_0000000000000000000000', name: 'X'})
      expect(noLead.body).to.deep.equal({errors: [], 'field-errors': {lead: 'Object does not exist.'}})
    })

    it('pages through all contacts without a lead_id', async () => {
      const first = await box.get('/contact/', {_limit: 50})
      const second = await box.get('/contact/', {_limit: 50, _skip: 50})
      expect(first.data).to.have.length(50)
      expect(first.has_more).to.equal(true)
      const ids = [...first.data, ...second.data].map((c: Body) => c.id)
      expect(new Set(ids).size).to.equal(ids.length)
    })
  })
})
