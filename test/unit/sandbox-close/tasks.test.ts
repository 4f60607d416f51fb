import {expect} from 'chai'

import {SANDBOX_ME_ID} from '../../../src/sandbox/close/index.js'
import {type Body, removeTempDirs, sandbox, type Sandbox, TODAY_DATE} from './helpers.js'

async function everything(box: Sandbox, query: Record<string, string>): Promise<Body[]> {
  const out: Body[] = []
  for (let skip = 0; ; skip += 200) {
    const page = await box.get('/task/', {...query, _limit: 200, _skip: skip})
    out.push(...page.data)
    if (!page.has_more) return out
  }
}

describe('sandbox Close emulator: tasks', () => {
  let box: Sandbox
  let lead: Body
  let otherUser: string

  before(async () => {
    box = await sandbox(80)
    lead = (await box.get('/lead/', {_limit: 1, query: 'has:email'})).data[0]
    otherUser = box.store.meta.users[1].id
  })

  after(removeTempDirs)

  it('round trip: create → get → update → complete → delete', async () => {
    const created = await box.call('POST', '/task/', [], {
      date: '2025-03-20',
      lead_id: lead.id,
      text: 'Send the proposal',
    })
    expect(created.status).to.equal(200)
    const task = created.body
    expect(task.id).to.match(/^task_[0-9A-Za-z]{22}$/)
    expect(task).to.include({
      _type: 'lead',
      assigned_to: SANDBOX_ME_ID,
      assigned_to_name: 'Jordan Lee',
      date: '2025-03-20',
      is_complete: false,
      is_dateless: false,
      lead_id: lead.id,
      lead_name: lead.display_name,
      text: 'Send the proposal',
      view: 'future',
    })
    expect(await box.get(`/task/${task.id}/`)).to.deep.equal(task)
    expect((await box.get(`/lead/${lead.id}/`)).tasks.map((t: Body) => t.id)).to.include(task.id)

    const moved = await box.call('PUT', `/task/${task.id}/`, [], {assigned_to: otherUser, date: '2025-03-01'})
    expect(moved.body).to.include({assigned_to: otherUser, date: '2025-03-01', view: 'inbox'})

    const done = await box.call('PUT', `/task/${task.id}/`, [], {is_complete: true})
    expect(done.body).to.include({is_complete: true, object_type: 'taskcompleted', view: 'archive'})
    expect(done.body.object_id).to.match(/^acti_/)
    const completion = await box.get(`/activity/task_completed/${done.body.object_id}/`)
    expect(completion).to.include({_type: 'TaskCompleted', lead_id: lead.id, task_id: task.id})
    expect(
      (await box.get(`/lead/${lead.id}/`)).tasks.map((t: Body) => t.id),
      'a lead embeds only open tasks',
    ).to.not.include(task.id)
    const archive = await box.get('/task/', {lead_id: lead.id, view: 'archive'})
    expect(archive.data.map((t: Body) => t.id)).to.include(task.id)

    expect((await box.call('DELETE', `/task/${task.id}/`)).body).to.deep.equal({})
    expect((await box.call('GET', `/task/${task.id}/`)).body).to.deep.equal({
      error: 'Empty query: Task matching query does not exist.',
    })
  })

  it('gives a task without a date today’s date, is_dateless and the inbox', async () => {
    const created = await box.call('POST', '/task/', [], {lead_id: lead.id, text: 'Call back'})
    expect(created.body).to.include({date: TODAY_DATE, is_dateless: true, view: 'inbox'})
    const timed = await box.call('POST', '/task/', [], {date: '2025-03-14T17:30:00Z', lead_id: lead.id, text: 'Demo'})
    expect(timed.body).to.include({date: '2025-03-14T17:30:00.000000+00:00', is_dateless: false, view: 'inbox'})
  })

  it('validates the lead, the text, the type, the date and the assignee', async () => {
    const empty = await box.call('POST', '/task/', [], {})
    expect(empty.status).to.equal(400)
    expect(empty.body).to.deep.equal({
      errors: [],
      'field-errors': {lead: 'This field is required.', text: 'This field is required.'},
    })
    const unknown = await box.call('POST', '/task/', [], {lead_id: 'lead_0000000000000000000000', text: 'x'})
    expect(unknown.body).to.deep.equal({errors: [], 'field-errors': {lead: 'Object does not exist.'}})
    const noText = await box.call('POST', '/task/', [], {lead_id: lead.id, text: '   '})
    expect(noText.body).to.deep.equal({errors: [], 'field-errors': {text: 'This field is required.'}})
    const type = await box.call('POST', '/task/', [], {_type: 'missed_call', lead_id: lead.id, text: 'x'})
    expect(type.body['field-errors']).to.have.keys(['_type'])
    const date = await box.call('POST', '/task/', [], {date: 'tomorrow', lead_id: lead.id, text: 'x'})
    expect(date.body['field-errors']).to.have.keys(['date'])
    const user = await box.call('POST', '/task/', [], {assigned_to: 'user_nobody', lead_id: lead.id, text: 'x'})
    expect(user.body['field-errors']).to.have.keys(['assigned_to'])
    const task = (await box.get('/task/', {_limit: 1})).data[0]
    const put = await box.call('PUT', `/task/${task.id}/`, [], {is_complete: 'yes'})
    expect(put.body['field-errors']).to.have.keys(['is_complete'])
  })

  describe('list', () => {
    it('computes views relative to today: inbox up to today, future after, archive = complete', async () => {
      const inbox = await everything(box, {view: 'inbox'})
      const future = await everything(box, {view: 'future'})
      const archive = await everything(box, {view: 'archive'})
      expect([inbox.length, future.length, archive.length].every((n) => n > 0)).to.equal(true)
      expect(inbox.every((t) => !t.is_complete && t.date.slice(0, 10) <= TODAY_DATE)).to.equal(true)
      expect(future.every((t) => !t.is_complete && t.date.slice(0, 10) > TODAY_DATE)).to.equal(true)
      expect(archive.every((t) => t.is_complete)).to.equal(true)
      const all = await everything(box, {})
      expect(all.length).to.equal(inbox.length + future.length + archive.length)
    })

    it('filters by assignee, lead, completion, IDs and dates; sorts by date', async () => {
      const all = await everything(box, {})
      const mine = await everything(box, {assigned_to: SANDBOX_ME_ID, view: 'inbox'})
      expect(mine.length).to.be.greaterThan(0)
      expect(mine.every((t) => t.assigned_to === SANDBOX_ME_ID && t.view === 'inbox')).to.equal(true)
      const onLead = await everything(box, {lead_id: lead.id})
      expect(onLead.map((t) => t.id).sort()).to.deep.equal(
        all
          .filter((t) => t.lead_id === lead.id)
          .map((t) => t.id)
          .sort(),
      )
      const open = await everything(box, {is_complete: 'false'})
      expect(open.length).to.equal(all.filter((t) => !t.is_complete).length)
      const ids = all.slice(0, 3).map((t) => t.id)
      expect((await everything(box, {id__in: ids.join(',')})).map((t) => t.id).sort()).to.deep.equal([...ids].sort())
      const due = await everything(box, {date__gte: '2025-03-10', date__lte: '2025-03-16'})
      expect(due.every((t) => t.date.slice(0, 10) >= '2025-03-10' && t.date.slice(0, 10) <= '2025-03-16')).to.equal(
        true,
      )
      const dates = all.map((t) => t.date)
      expect(dates).to.deep.equal([...dates].sort())
      const newest = (await box.get('/task/', {_order_by: '-date'})).data.map((t: Body) => t.date)
      expect(newest).to.deep.equal([...newest].sort().reverse())
    })

    it('lists only lead tasks by default; _type=all and _type__in widen it', async () => {
      const call = await box.call('POST', '/task/', [], {_type: 'outgoing_call', lead_id: lead.id, text: 'Ring them'})
      expect(call.status).to.equal(200)
      const plain = await everything(box, {lead_id: lead.id})
      expect(plain.map((t) => t.id)).to.not.include(call.body.id)
      expect((await everything(box, {_type: 'all', lead_id: lead.id})).map((t) => t.id)).to.include(call.body.id)
      const both = await everything(box, {_type__in: 'lead,outgoing_call', lead_id: lead.id})
      expect(both.map((t) => t.id)).to.include(call.body.id)
    })

    it('refuses an unknown view', async () => {
      const response = await box.call('GET', '/task/', {view: 'someday'})
      expect(response.status).to.equal(400)
      expect(response.body).to.deep.equal({errors: [], 'field-errors': {view: 'Not a valid choice.'}})
    })
  })

  describe('bulk update', () => {
    it('changes assigned_to, date and is_complete on the tasks the filters select', async () => {
      const a = (await box.call('POST', '/task/', [], {lead_id: lead.id, text: 'Bulk A'})).body
      const b = (await box.call('POST', '/task/', [], {lead_id: lead.id, text: 'Bulk B'})).body
      const untouched = (await box.call('POST', '/task/', [], {lead_id: lead.id, text: 'Bulk C'})).body
      const response = await box.call(
        'PUT',
        '/task/',
        {id__in: `${a.id},${b.id}`},
        {assigned_to: otherUser, date: '2025-04-01'},
      )
      expect(response.status).to.equal(200)
      for (const id of [a.id, b.id]) {
        expect(await box.get(`/task/${id}/`)).to.include({assigned_to: otherUser, date: '2025-04-01', view: 'future'})
      }

      expect(await box.get(`/task/${untouched.id}/`)).to.include({assigned_to: SANDBOX_ME_ID, date: TODAY_DATE})
      await box.call('PUT', '/task/', {id__in: `${a.id},${b.id}`}, {is_complete: true})
      expect((await box.get(`/task/${a.id}/`)).view).to.equal('archive')
    })

    it('refuses any other field', async () => {
      const task = (await box.get('/task/', {_limit: 1})).data[0]
      const response = await box.call('PUT', '/task/', {id__in: task.id}, {is_complete: true, text: 'nope'})
      expect(response.status).to.equal(400)
      expect(response.body['field-errors']).to.have.keys(['text'])
      expect((await box.get(`/task/${task.id}/`)).is_complete).to.equal(task.is_complete)
    })
  })
})
