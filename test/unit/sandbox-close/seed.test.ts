import {expect} from 'chai'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {handleCloseRequest, openStore, SANDBOX_ME_ID, seedSandbox} from '../../../src/sandbox/close/index.js'
import {type Body, removeTempDirs, sandbox, type Sandbox, tempDir, TODAY, TODAY_DATE} from './helpers.js'

const idPattern = (prefix: string) => new RegExp(`^${prefix}[0-9A-Za-z]{22}$`)

async function allPages(box: Sandbox, path: string, query: Record<string, string> = {}): Promise<Body[]> {
  const out: Body[] = []
  for (let skip = 0; ; skip += 200) {
    const page = await box.get(path, {...query, _limit: 200, _skip: skip})
    out.push(...page.data)
    if (!page.has_more) return out
  }
}

describe('sandbox Close emulator: seed', () => {
  let box: Sandbox

  before(async () => {
    box = await sandbox(300)
  })

  after(removeTempDirs)

  it('returns the counts it wrote, with at least half as many opportunities as leads', async () => {
    const dir = tempDir()
    const counts = await seedSandbox(dir, {leads: 300, today: TODAY})
    expect(counts.leads).to.equal(300)
    expect(counts.contacts).to.be.within(300, 1200)
    expect(counts.opportunities).to.be.at.least(150)
    expect(counts.tasks).to.be.greaterThan(0)
    expect(counts.notes).to.be.greaterThan(0)
    const store = await openStore(dir, {now: () => TODAY})
    const leads = await handleCloseRequest(store, {method: 'GET', path: '/lead/', query: [['query', '']]})
    expect((leads.body as Body).total_results).to.equal(300)
    const opps = await handleCloseRequest(store, {method: 'GET', path: '/opportunity/', query: []})
    expect((opps.body as Body).total_results).to.equal(counts.opportunities)
    const contacts = await handleCloseRequest(store, {method: 'GET', path: '/contact/', query: [['_limit', '200']]})
    expect((contacts.body as Body).has_more).to.equal(counts.contacts > 200)
  })

  it('is deterministic: the same IDs and names on every seed', async () => {
    const a = tempDir()
    const b = tempDir()
    await seedSandbox(a, {leads: 40, today: TODAY})
    await seedSandbox(b, {leads: 40, today: TODAY})
    const first = await openStore(a)
    const second = await openStore(b)
    const page = async (store: typeof first) =>
      (
        (await handleCloseRequest(store, {method: 'GET', path: '/lead/', query: [['_fields', 'id,name,contact_ids']]}))
          .body as Body
      ).data
    expect(await page(first)).to.deep.equal(await page(second))
    expect(first.meta.pipelines).to.deep.equal(second.meta.pipelines)
    expect(first.meta.customFields.map((f) => f.id)).to.deep.equal(second.meta.customFields.map((f) => f.id))
  })

  it('reseeding replaces the data and removes the old generation', async () => {
    const dir = tempDir()
    await seedSandbox(dir, {leads: 10, today: TODAY})
    await seedSandbox(dir, {leads: 12, today: TODAY})
    const store = await openStore(dir)
    const body = (await handleCloseRequest(store, {method: 'GET', path: '/lead/', query: []})).body as Body
    expect(body.data).to.have.length(12)
    expect(readdirSync(dir).filter((name) => name.startsWith('data-'))).to.have.length(1)
  })

  it('openStore seeds the default organization into an empty directory', async () => {
    const dir = join(tempDir(), 'nested', 'sandbox')
    const store = await openStore(dir, {now: () => TODAY})
    expect(existsSync(join(dir, 'meta.json'))).to.equal(true)
    const body = (await handleCloseRequest(store, {method: 'GET', path: '/lead/', query: [['query', '']]})).body as Body
    expect(body.total_results).to.equal(300)
  })

  it('logs in as the first of five users, in the Acme Demo organization', async () => {
    const me = await box.get('/me/')
    expect(me.id).to.equal(SANDBOX_ME_ID)
    expect(me.id).to.match(idPattern('user_'))
    expect(me.first_name).to.equal('Jordan')
    expect(me.organizations[0]).to.include({name: 'Acme Demo'})
    const users = await box.get('/user/')
    expect(users.data).to.have.length(5)
    expect(users.data[0].id).to.equal(SANDBOX_ME_ID)
    expect(users.data[0].organizations).to.deep.equal([me.organizations[0].id])
    const org = await box.get(`/organization/${me.organizations[0].id}/`)
    expect(org.lead_statuses.map((s: Body) => s.label)).to.deep.equal([
      'Potential',
      'Bad Fit',
      'Qualified',
      'Customer',
      'Canceled',
    ])
    expect(org.pipelines.map((p: Body) => p.name)).to.deep.equal(['Sales', 'Renewals'])
    for (const pipeline of org.pipelines) {
      expect(pipeline.id).to.match(idPattern('pipe_'))
      expect(new Set(pipeline.statuses.map((s: Body) => s.type))).to.deep.equal(new Set(['active', 'lost', 'won']))
    }
  })

  it('lists statuses with both type and status_type, pipelines and custom fields', async () => {
    const leadStatuses = await box.get('/status/lead/')
    expect(leadStatuses.data[0]).to.have.keys(['id', 'label', 'organization_id'])
    expect(leadStatuses.data[0].id).to.match(idPattern('stat_'))
    const oppStatuses = await box.get('/status/opportunity/')
    for (const status of oppStatuses.data) {
      expect(status.type).to.equal(status.status_type)
      expect(status.id).to.match(idPattern('stat_'))
    }

    expect((await box.get('/pipeline/')).data).to.have.length(2)
    const fields = await box.get('/custom_field/lead/')
    expect(fields.data.map((f: Body) => [f.name, f.type])).to.deep.equal([
      ['Industry', 'choices'],
      ['Lead Source', 'text'],
      ['Employees', 'number'],
    ])
    expect(fields.data[0].id).to.match(idPattern('cf_'))
    expect(fields.data[0].choices).to.include('Software')
  })

  it('seeds leads with Close shapes: contacts, addresses, custom fields, html_url', async () => {
    const leads = await allPages(box, '/lead/')
    expect(leads).to.have.length(300)
    const names = new Set(leads.map((l) => l.name))
    expect(names.size).to.be.greaterThan(290)
    const [industry] = box.store.meta.customFields
    for (const lead of leads) {
      expect(lead.id).to.match(idPattern('lead_'))
      expect(lead.html_url).to.equal(`https://app.close.com/lead/${lead.id}/`)
      expect(lead.contacts.length).to.be.within(1, 4)
      expect(lead.contact_ids).to.deep.equal(lead.contacts.map((c: Body) => c.id))
      expect(lead.display_name).to.equal(lead.name)
      expect(lead[`custom.${industry.id}`]).to.be.oneOf(industry.choices!)
      expect(lead.date_created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/)
      expect(lead.date_created <= TODAY.toISOString().replace('Z', '000+00:00')).to.equal(true)
      for (const contact of lead.contacts) {
        expect(contact.id).to.match(idPattern('cont_'))
        expect(contact.lead_id).to.equal(lead.id)
        for (const phone of contact.phones) {
          expect(phone.phone).to.match(/^\+\d{8,15}$/)
          expect(phone.phone_formatted).to.match(/^\+\d/)
        }
      }
    }

    const withAddress = leads.filter((l) => l.addresses.length > 0)
    expect(withAddress.length).to.be.greaterThan(250)
    expect(withAddress[0].addresses[0]).to.include({label: 'business'})
    expect(leads.filter((l) => l.primary_email).length).to.be.greaterThan(250)
    const us = leads
      .flatMap((l) => l.contacts.flatMap((c: Body) => c.phones))
      .find((p: Body) => p.phone.startsWith('+1'))
    expect(us.phone_formatted).to.match(/^\+1 \d{3}-\d{3}-\d{4}$/)
    expect(new Set(leads.map((l) => l.status_label))).to.deep.equal(
      new Set(['Bad Fit', 'Canceled', 'Customer', 'Potential', 'Qualified']),
    )
  })

  it('seeds opportunities in every status type of both pipelines', async () => {
    const opps = await allPages(box, '/opportunity/')
    const seen = new Set(opps.map((o) => `${o.pipeline_name}/${o.status_type}`))
    for (const pipeline of ['Sales', 'Renewals']) {
      for (const type of ['active', 'won', 'lost']) expect(seen).to.include(`${pipeline}/${type}`)
    }

    for (const opp of opps) {
      expect(opp.id).to.match(idPattern('oppo_'))
      expect(opp.value_currency).to.equal('USD')
      expect(Number.isInteger(opp.value)).to.equal(true)
      // Won: the day it was won; active: none, or the expected close (Close keeps it in date_won).
      if (opp.status_type === 'won') expect(opp.date_won).to.match(/^\d{4}-\d\d-\d\d$/)
      else if (opp.status_type === 'lost' || opp.user_id !== SANDBOX_ME_ID) expect(opp.date_won).to.equal(null)
      else if (opp.date_won !== null) expect(opp.date_won.slice(0, 7)).to.equal(TODAY_DATE.slice(0, 7))
    }
  })

  it('seeds tasks in the inbox, the future and the archive, some assigned to me', async () => {
    for (const view of ['inbox', 'future', 'archive']) {
      const tasks = await allPages(box, '/task/', {view})
      expect(tasks.length, view).to.be.greaterThan(0)
      expect(tasks.every((t) => t.view === view)).to.equal(true)
      expect(tasks.some((t) => t.assigned_to === SANDBOX_ME_ID)).to.equal(true)
    }

    const future = await allPages(box, '/task/', {view: 'future'})
    expect(future.every((t) => t.date.slice(0, 10) > TODAY_DATE)).to.equal(true)
  })

  it('seeds notes, calls, emails and status changes for activity timelines', async () => {
    for (const path of [
      '/activity/note/',
      '/activity/call/',
      '/activity/email/',
      '/activity/status_change/lead/',
      '/activity/status_change/opportunity/',
    ]) {
      const page = await box.get(path)
      expect(page.data.length, path).to.be.greaterThan(0)
      expect(page.data[0].id).to.match(idPattern('acti_'))
    }
  })

  it('keeps tiny seeds complete: one lead still has a status, a contact and tasks in each view', async () => {
    const small = await sandbox(1)
    const [lead] = (await small.get('/lead/')).data
    expect(lead.contacts.length).to.be.at.least(1)
    expect(lead.opportunities.length).to.be.at.least(1)
    const views = (await small.get('/task/', {_type: 'all'})).data.map((t: Body) => t.view)
    expect(new Set(views)).to.deep.equal(new Set(['archive', 'future', 'inbox']))
  })
})
