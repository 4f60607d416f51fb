/**
 * What issues 11 and 12 need from the sandbox: lead search by email, phone, domain, contact and
 * company name; custom fields of leads, contacts and opportunities (listed, validated on writes);
 * Smart Views; the sandbox user's day (tasks, calls, meetings, deals this month) relative to the
 * clock; logging a call; opportunity aggregates and `_group_by`; the organization and `/me/`.
 */
import {expect} from 'chai'

import {SANDBOX_ME_ID} from '../../../src/sandbox/close/index.js'
import {type Body, removeTempDirs, sandbox, type Sandbox, TODAY_DATE} from './helpers.js'

describe("sandbox Close emulator: references, custom fields, Smart Views and a rep's day", () => {
  let box: Sandbox
  let lead: Body

  before(async () => {
    box = await sandbox(60)
    // The newest lead: pinned by the seed, with contacts, a website and my day's data.
    ;[lead] = (await box.get('/lead/', {_limit: 1})).data
  })

  after(removeTempDirs)

  const search = async (query: string) => (await box.get('/lead/', {query})).data.map((l: Body) => l.id)

  describe('lead search for references', () => {
    it('finds a lead by a contact email, a phone, the website domain, a contact name and the company name', async () => {
      const contact = lead.contacts.find((c: Body) => c.emails.length > 0 && c.phones.length > 0) ?? lead.contacts[0]
      const domain = new URL(lead.url).hostname.replace(/^www\./, '')
      const queries = [
        `email:"${contact.emails[0].email}"`,
        `email_address:${contact.emails[0].email}`,
        contact.emails[0].email,
        `phone:"${contact.phones[0].phone_formatted}"`,
        `"${contact.phones[0].phone_formatted}"`,
        `url:${domain}`,
        `domain:"https://www.${domain}/"`,
        domain,
        `contact:"${contact.name}"`,
        `"${contact.name}"`,
        `company:"${lead.display_name}"`,
        `name:"${lead.display_name}"`,
        `"${lead.display_name}"`,
      ]
      for (const query of queries) expect(await search(query), query).to.include(lead.id)
      expect(await search('email:nobody@nowhere.example')).to.deep.equal([])
      expect(await search('phone:12')).to.deep.equal([])
    })

    it('in:"Smart View" runs the saved search; an unknown view is a 400', async () => {
      const views = (await box.get('/saved_search/')).data
      const potential = views.find((v: Body) => v.name === 'Potential')
      expect(await search('in:Potential')).to.deep.equal(await search(potential.query))
      expect(await search(`in:${potential.id}`)).to.deep.equal(await search(potential.query))
      expect((await box.call('GET', '/lead/', {query: 'in:"Nope"'})).status).to.equal(400)
    })
  })

  describe('Smart Views', () => {
    it('lists the seeded lead views with their query; get by ID; 404 otherwise', async () => {
      const page = await box.get('/saved_search/')
      expect(page.has_more).to.equal(false)
      expect(page.data.map((v: Body) => v.name)).to.deep.equal([
        'My hot leads',
        'Potential',
        'Stale',
        'Software customers',
      ])
      for (const view of page.data) {
        expect(view.id).to.match(/^save_[0-9A-Za-z]{22}$/)
        expect(view).to.include({type: 'lead', user_id: SANDBOX_ME_ID})
        expect((await box.call('GET', '/lead/', {query: view.query})).status, view.query).to.equal(200)
        expect(await box.get(`/saved_search/${view.id}/`)).to.deep.equal(view)
      }

      expect((await search(page.data[0].query)).length).to.be.greaterThan(0)
      expect((await box.get('/saved_search/', {type: 'contact'})).data).to.deep.equal([])
      expect((await box.call('GET', '/saved_search/save_0000000000000000000000/')).status).to.equal(404)
    })
  })

  describe('custom fields', () => {
    it('lists the fields of contacts and opportunities with names, types and choices', async () => {
      const contact = (await box.get('/custom_field/contact/')).data.map((f: Body) => [f.name, f.type, f.choices])
      expect(contact).to.deep.equal([
        ['Preferred Channel', 'choices', ['Email', 'Phone', 'SMS', 'LinkedIn']],
        ['Birthday', 'date', null],
      ])
      const opportunity = (await box.get('/custom_field/opportunity/')).data.map((f: Body) => [f.name, f.type])
      expect(opportunity).to.deep.equal([
        ['Deal Type', 'choices'],
        ['Competitor', 'text'],
        ['Seats', 'number'],
      ])
      const [dealType] = (await box.get('/custom_field/opportunity/')).data
      expect((await box.get(`/custom_field/opportunity/${dealType.id}/`)).name).to.equal('Deal Type')
      expect((await box.call('GET', `/custom_field/contact/${dealType.id}/`)).body).to.deep.equal({
        error: 'Empty query: ContactCustomField matching query does not exist.',
      })
    })

    it('seeded opportunities carry Deal Type; contacts some Preferred Channel', async () => {
      const [dealType] = (await box.get('/custom_field/opportunity/')).data
      const opps = (await box.get('/opportunity/', {_limit: 50})).data
      for (const opp of opps) expect(dealType.choices).to.include(opp[`custom.${dealType.id}`])
      const [channel] = (await box.get('/custom_field/contact/')).data
      const contacts = (await box.get('/contact/', {_limit: 100})).data
      expect(contacts.some((c: Body) => channel.choices.includes(c[`custom.${channel.id}`]))).to.equal(true)
    })

    it('validates values by type and choice on create and update, by ID or name, and sets them', async () => {
      const [channel, birthday] = (await box.get('/custom_field/contact/')).data
      const created = await box.call(
        'POST',
        '/contact/',
        {},
        {
          [`custom.${birthday.id}`]: '1990-02-28',
          'custom.Preferred Channel': 'sms',
          lead_id: lead.id,
          name: 'Val Idate',
        },
      )
      expect(created.status).to.equal(200)
      expect(created.body).to.include({[`custom.${birthday.id}`]: '1990-02-28', [`custom.${channel.id}`]: 'SMS'})
      const bad = await box.call(
        'PUT',
        `/contact/${created.body.id}/`,
        {},
        {
          [`custom.${birthday.id}`]: '1990-02-30',
          'custom.Preferred Channel': 'Fax',
        },
      )
      expect(bad.status).to.equal(400)
      expect(Object.keys(bad.body['field-errors']).sort()).to.deep.equal([
        'custom.Preferred Channel',
        `custom.${birthday.id}`,
      ])
      const [dealType, , seats] = (await box.get('/custom_field/opportunity/')).data
      const opp = await box.call('POST', '/opportunity/', {}, {'custom.Seats': 'many', lead_id: lead.id})
      expect(opp.body['field-errors']).to.have.property('custom.Seats')
      const good = await box.call(
        'POST',
        '/opportunity/',
        {},
        {
          [`custom.${dealType.id}`]: 'expansion',
          'custom.Seats': 12,
          lead_id: lead.id,
        },
      )
      expect(good.body).to.include({[`custom.${dealType.id}`]: 'Expansion', [`custom.${seats.id}`]: 12})
      const cleared = await box.call('PUT', `/opportunity/${good.body.id}/`, {}, {'custom.Seats': null})
      expect(cleared.body).to.not.have.property(`custom.${seats.id}`)
    })
  })

  describe("the sandbox user's day", () => {
    const mine = {user_id: SANDBOX_ME_ID}

    it('tasks overdue, due today and upcoming are assigned to me', async () => {
      const inbox = (await box.get('/task/', {assigned_to: SANDBOX_ME_ID, view: 'inbox'})).data
      expect(inbox.some((t: Body) => t.date.slice(0, 10) < TODAY_DATE)).to.equal(true)
      expect(inbox.some((t: Body) => t.date.slice(0, 10) === TODAY_DATE)).to.equal(true)
      expect((await box.get('/task/', {assigned_to: SANDBOX_ME_ID, view: 'future'})).data).to.not.have.length(0)
    })

    it('meetings today and upcoming, calls today, for me, filtered by date', async () => {
      const today = (
        await box.get('/activity/meeting/', {...mine, activity_at__gte: TODAY_DATE, activity_at__lte: TODAY_DATE})
      ).data
      expect(today.length).to.be.greaterThan(0)
      for (const meeting of today) {
        expect(meeting.starts_at.slice(0, 10)).to.equal(TODAY_DATE)
        expect(meeting).to.include({_type: 'Meeting', user_id: SANDBOX_ME_ID})
        expect(meeting.title).to.be.a('string')
        expect(meeting.attendees).to.be.an('array')
      }

      const upcoming = (await box.get('/activity/meeting/', {...mine, activity_at__gt: TODAY_DATE})).data
      expect(upcoming.some((m: Body) => m.status === 'upcoming')).to.equal(true)
      const calls = (await box.get('/activity/call/', {...mine, activity_at__gte: TODAY_DATE})).data
      expect(calls.length).to.be.greaterThan(0)
      const onLead = (await box.get('/activity/call/', {lead_id: lead.id})).data
      expect(onLead.every((c: Body) => c.lead_id === lead.id)).to.equal(true)
    })

    it('deals won this month and active ones expected to close this month, with aggregates', async () => {
      const month = TODAY_DATE.slice(0, 7)
      const won = await box.get('/opportunity/', {...mine, date_won__gte: `${month}-01`, status_type: 'won'})
      expect(won.data.length).to.be.greaterThan(0)
      expect(won.total_results).to.equal(won.data.length)
      expect(won.total_value_one_time).to.be.greaterThan(0)
      const closing = await box.get('/opportunity/', {...mine, date_won__gte: TODAY_DATE, status_type: 'active'})
      expect(closing.data.length).to.be.greaterThan(0)
      for (const opp of closing.data) expect(opp.date_won.slice(0, 7)).to.equal(month)
      expect(closing.expected_value_one_time).to.be.greaterThan(0)
      const counts = await box.get('/opportunity/', {_limit: 0, status_type: 'active'})
      expect(counts.data).to.deep.equal([])
      expect(counts.total_results).to.be.greaterThan(0)
    })

    it('_group_by user_id and date_won__month groups the page with per-group aggregates', async () => {
      const byUser = await box.get('/opportunity/', {_group_by: 'user_id', _limit: 200})
      const total = byUser.data.reduce((n: number, g: Body) => n + g.total_results, 0)
      expect(total).to.equal(byUser.total_results)
      const me = byUser.data.find((g: Body) => g.user_id === SANDBOX_ME_ID)
      expect(me).to.include({key: SANDBOX_ME_ID, user_name: 'Jordan Lee'})
      expect(me.objects.every((o: Body) => o.user_id === SANDBOX_ME_ID)).to.equal(true)
      const byMonth = await box.get('/opportunity/', {_group_by: 'date_won__month', status_type: 'won'})
      for (const group of byMonth.data)
        expect(group.key).to.equal(`${group.year}-${String(group.month).padStart(2, '0')}`)
      expect((await box.call('GET', '/opportunity/', {_group_by: 'status_id'})).status).to.equal(400)
    })

    it('POST /activity/call/ logs a call (defaults: outbound, completed, me) that lists and deletes', async () => {
      const contact = lead.contacts[0]
      const created = await box.call(
        'POST',
        '/activity/call/',
        {},
        {
          contact_id: contact.id,
          duration: 300,
          lead_id: lead.id,
          note: 'Talked about pricing',
        },
      )
      expect(created.status).to.equal(200)
      expect(created.body).to.include({
        _type: 'Call',
        contact_id: contact.id,
        direction: 'outbound',
        disposition: 'answered',
        duration: 300,
        lead_id: lead.id,
        note: 'Talked about pricing',
        status: 'completed',
        user_id: SANDBOX_ME_ID,
      })
      expect(created.body.id).to.match(/^acti_/)
      expect((await box.get(`/activity/call/${created.body.id}/`)).id).to.equal(created.body.id)
      const bad = await box.call('POST', '/activity/call/', {}, {direction: 'sideways', duration: -1})
      expect(Object.keys(bad.body['field-errors']).sort()).to.deep.equal(['direction', 'duration', 'lead'])
      expect((await box.call('DELETE', `/activity/call/${created.body.id}/`)).status).to.equal(200)
      expect((await box.call('GET', `/activity/call/${created.body.id}/`)).status).to.equal(404)
    })

    it('the organization (from /me/) has its name, currency, members, lead statuses and pipelines', async () => {
      const me = await box.get('/me/')
      expect(me).to.include({first_name: 'Jordan', id: SANDBOX_ME_ID, last_name: 'Lee'})
      const org = await box.get(`/organization/${me.organizations[0].id}/`)
      expect(org).to.include({currency: 'USD', name: 'Acme Demo'})
      expect(org.memberships).to.have.length(5)
      expect(org.lead_statuses.map((s: Body) => s.label)).to.deep.equal([
        'Potential',
        'Bad Fit',
        'Qualified',
        'Customer',
        'Canceled',
      ])
      expect(org.pipelines.map((p: Body) => [p.name, p.statuses.length])).to.deep.equal([
        ['Sales', 5],
        ['Renewals', 4],
      ])
    })
  })
})
