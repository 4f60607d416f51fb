import {expect} from 'chai'

import {SANDBOX_ME_ID} from '../../../src/sandbox/close/index.js'
import {type Body, removeTempDirs, sandbox, type Sandbox, TODAY_DATE} from './helpers.js'

describe('sandbox Close emulator: opportunities', () => {
  let box: Sandbox
  let lead: Body
  const status = (pipeline: string, type: string) => {
    const p = box.store.meta.pipelines.find((x) => x.name === pipeline)!
    return p.statuses.find((s) => s.type === type)!
  }

  before(async () => {
    box = await sandbox(80)
    lead = (await box.get('/lead/', {_limit: 1, query: 'has:email'})).data[0]
  })

  after(removeTempDirs)

  it('round trip: create → get → update → delete, with values in cents and formatted', async () => {
    const created = await box.call('POST', '/opportunity/', [], {
      confidence: 75,
      contact_id: lead.contacts[0].id,
      lead_id: lead.id,
      note: 'Gob is ready to buy a suit.',
      value: 100_000,
    })
    expect(created.status).to.equal(200)
    const opp = created.body
    const sales = box.store.meta.pipelines[0]
    expect(opp.id).to.match(/^oppo_[0-9A-Za-z]{22}$/)
    expect(opp).to.include({
      annualized_expected_value: 75_000,
      annualized_value: 100_000,
      confidence: 75,
      contact_id: lead.contacts[0].id,
      contact_name: lead.contacts[0].name,
      date_won: null,
      expected_value: 75_000,
      lead_id: lead.id,
      lead_name: lead.display_name,
      note: 'Gob is ready to buy a suit.',
      pipeline_id: sales.id,
      pipeline_name: 'Sales',
      status_id: sales.statuses[0].id,
      status_label: sales.statuses[0].label,
      status_type: 'active',
      user_id: SANDBOX_ME_ID,
      user_name: 'Jordan Lee',
      value: 100_000,
      value_currency: 'USD',
      value_formatted: '$1,000',
      value_period: 'one_time',
    })
    expect(await box.get(`/opportunity/${opp.id}/`)).to.deep.equal(opp)
    expect((await box.get(`/lead/${lead.id}/`)).opportunities.map((o: Body) => o.id)).to.include(opp.id)

    const updated = await box.call('PUT', `/opportunity/${opp.id}/`, [], {value: 500, value_period: 'monthly'})
    expect(updated.body).to.include({
      annualized_value: 6000,
      confidence: 75,
      expected_value: 375,
      value: 500,
      value_formatted: '$5 monthly',
      value_period: 'monthly',
    })
    const annual = await box.call('PUT', `/opportunity/${opp.id}/`, [], {value: 1_720_351_520, value_period: 'annual'})
    expect(annual.body.value_formatted).to.equal('$17,203,515.20 annually')

    expect((await box.call('DELETE', `/opportunity/${opp.id}/`)).body).to.deep.equal({})
    expect((await box.call('GET', `/opportunity/${opp.id}/`)).body).to.deep.equal({
      error: 'Empty query: Opportunity matching query does not exist.',
    })
  })

  it('defaults to the first status of the given pipeline', async () => {
    const renewals = box.store.meta.pipelines[1]
    const created = await box.call('POST', '/opportunity/', [], {lead_id: lead.id, pipeline_id: renewals.id})
    expect(created.body).to.include({
      pipeline_name: 'Renewals',
      status_id: renewals.statuses[0].id,
      value: 0,
      value_formatted: '$0',
    })
  })

  it('sets date_won to today when moved to a won status, and keeps it when moved back', async () => {
    const opp = (await box.call('POST', '/opportunity/', [], {lead_id: lead.id, value: 2500})).body
    const won = await box.call('PUT', `/opportunity/${opp.id}/`, [], {status_id: status('Sales', 'won').id})
    expect(won.body).to.include({date_won: TODAY_DATE, status_type: 'won'})
    const back = await box.call('PUT', `/opportunity/${opp.id}/`, [], {status_id: status('Sales', 'active').id})
    expect(back.body).to.include({date_won: TODAY_DATE, status_type: 'active'})
    const createdWon = await box.call('POST', '/opportunity/', [], {
      date_won: '2025-01-02',
      lead_id: lead.id,
      status_id: status('Sales', 'won').id,
    })
    expect(createdWon.body.date_won, 'an explicit date_won is kept').to.equal('2025-01-02')

    const changes = await box.get('/activity/status_change/opportunity/', {opportunity_id: opp.id})
    expect(changes.data.map((c: Body) => [c.old_status_type, c.new_status_type])).to.deep.equal([
      ['won', 'active'],
      ['active', 'won'],
    ])
    expect(changes.data[1]).to.include({_type: 'OpportunityStatusChange', lead_id: lead.id, opportunity_id: opp.id})
  })

  it('validates the lead, status, confidence, value_period and value', async () => {
    const missing = await box.call('POST', '/opportunity/', [], {value: 100})
    expect(missing.status).to.equal(400)
    expect(missing.body).to.deep.equal({errors: [], 'field-errors': {lead: 'This field is required.'}})
    const unknown = await box.call('POST', '/opportunity/', [], {lead_id: 'lead_0000000000000000000000'})
    expect(unknown.body).to.deep.equal({errors: [], 'field-errors': {lead: 'Object does not exist.'}})
    const badStatus = await box.call('POST', '/opportunity/', [], {lead_id: lead.id, status_id: 'stat_nope'})
    expect(badStatus.body).to.deep.equal({errors: [], 'field-errors': {status_id: 'Not a valid choice.'}})
    const otherPipeline = await box.call('POST', '/opportunity/', [], {
      lead_id: lead.id,
      pipeline_id: box.store.meta.pipelines[0].id,
      status_id: status('Renewals', 'active').id,
    })
    expect(otherPipeline.status).to.equal(400)
    expect(otherPipeline.body['field-errors']).to.have.keys(['status_id'])
    const high = await box.call('POST', '/opportunity/', [], {confidence: 101, lead_id: lead.id})
    expect(high.body).to.deep.equal({
      errors: [],
      'field-errors': {confidence: 'Ensure this value is less than or equal to 100.'},
    })
    const low = await box.call('POST', '/opportunity/', [], {confidence: -1, lead_id: lead.id})
    expect(low.body['field-errors']).to.have.keys(['confidence'])
    const period = await box.call('POST', '/opportunity/', [], {lead_id: lead.id, value_period: 'weekly'})
    expect(period.status).to.equal(400)
    expect(period.body['field-errors'].value_period).to.match(/^Not a valid choice\./)
    const value = await box.call('POST', '/opportunity/', [], {lead_id: lead.id, value: 10.5})
    expect(value.body['field-errors']).to.have.keys(['value'])
    const opp = (await box.get('/opportunity/', {_limit: 1})).data[0]
    const put = await box.call('PUT', `/opportunity/${opp.id}/`, [], {confidence: 150})
    expect(put.status).to.equal(400)
    expect(put.body['field-errors']).to.have.keys(['confidence'])
  })

  describe('list', () => {
    let all: Body[]

    before(async () => {
      all = []
      for (let skip = 0; ; skip += 200) {
        const page = await box.get('/opportunity/', {_limit: 200, _skip: skip})
        all.push(...page.data)
        if (!page.has_more) break
      }
    })

    it('returns total_results and the value aggregates over every match, whatever the page', async () => {
      const page = await box.get('/opportunity/', {_limit: 5})
      expect(page.data).to.have.length(5)
      expect(page.total_results).to.equal(all.length)
      const sum = (period: string, key = 'value') =>
        all.filter((o) => o.value_period === period).reduce((total, o) => total + o[key], 0)
      expect(page.total_value_one_time).to.equal(sum('one_time'))
      expect(page.total_value_monthly).to.equal(sum('monthly'))
      expect(page.total_value_annual).to.equal(sum('annual'))
      expect(page.total_value_annualized).to.equal(all.reduce((t, o) => t + o.annualized_value, 0))
      expect(page.expected_value_annualized).to.be.closeTo(
        all.reduce((t, o) => t + o.annualized_expected_value, 0),
        all.length,
      )
      expect(page.count_by_value_period.one_time).to.equal(all.filter((o) => o.value_period === 'one_time').length)
      expect(page.total_value_one_time_formatted).to.match(/^\$[\d,]+(\.\d\d)?$/)
    })

    it('filters by lead, user, status type (also __in), label and pipeline status', async () => {
      const byLead = await box.get('/opportunity/', {lead_id: lead.id})
      expect(byLead.data.every((o: Body) => o.lead_id === lead.id)).to.equal(true)
      expect(byLead.total_results).to.equal(all.filter((o) => o.lead_id === lead.id).length)
      const mine = await box.get('/opportunity/', {_limit: 200, user_id: SANDBOX_ME_ID})
      expect(mine.total_results).to.equal(all.filter((o) => o.user_id === SANDBOX_ME_ID).length)
      const won = await box.get('/opportunity/', {_limit: 200, status_type: 'won'})
      expect(won.total_results).to.equal(all.filter((o) => o.status_type === 'won').length)
      const closed = await box.get('/opportunity/', {_limit: 200, status_type__in: 'won,lost'})
      expect(closed.total_results).to.equal(all.filter((o) => o.status_type !== 'active').length)
      const churned = await box.get('/opportunity/', {status_label: 'Churned'})
      expect(churned.total_results).to.equal(all.filter((o) => o.status_label === 'Churned').length)
      const {id} = status('Sales', 'lost')
      expect((await box.get('/opportunity/', {status_id: id})).total_results).to.equal(
        all.filter((o) => o.status_id === id).length,
      )
    })

    it('filters by date_won and date_created ranges', async () => {
      const since = '2024-09-01'
      const won = await box.get('/opportunity/', {_limit: 200, date_won__gte: since})
      const expected = all.filter((o) => o.date_won && o.date_won >= since)
      expect(won.total_results).to.equal(expected.length)
      const created = await box.get('/opportunity/', {_limit: 200, date_created__lt: since})
      expect(created.total_results).to.equal(all.filter((o) => o.date_created.slice(0, 10) < since).length)
      const bad = await box.call('GET', '/opportunity/', {date_won__gte: 'last tuesday'})
      expect(bad.status).to.equal(400)
      expect(bad.body['field-errors']).to.have.keys(['date_won__gte'])
    })

    it('orders by _order_by, either direction, and refuses other fields', async () => {
      const byValue = (await box.get('/opportunity/', {_limit: 200, _order_by: '-value'})).data.map(
        (o: Body) => o.value,
      )
      expect(byValue).to.deep.equal([...byValue].sort((a, b) => b - a))
      const byConfidence = (await box.get('/opportunity/', {_limit: 200, _order_by: 'confidence'})).data.map(
        (o: Body) => o.confidence,
      )
      expect(byConfidence).to.deep.equal([...byConfidence].sort((a, b) => a - b))
      const bad = await box.call('GET', '/opportunity/', {_order_by: 'note'})
      expect(bad.status).to.equal(400)
    })
  })
})
