/** POST /data/search/: the subset of Close's Advanced Filtering API the sandbox emulates. */
import {expect} from 'chai'

import {type Body, removeTempDirs, sandbox, type Sandbox} from './helpers.js'

const byIds = (ids: string[]) => ({
  queries: [
    {object_type: 'lead', type: 'object_type'},
    {queries: ids.map((value) => ({type: 'id', value})), type: 'or'},
  ],
  type: 'and',
})

describe('sandbox Close emulator: POST /data/search/', () => {
  let sb: Sandbox
  let leads: Body[]

  before(async () => {
    sb = await sandbox(30)
    leads = (await sb.get('/lead/', {_limit: 5})).data
  })

  after(removeTempDirs)

  it('leads by ID with _fields: only those leads, only those fields, cursor null', async () => {
    const ids = [leads[0].id, leads[3].id, 'lead_0000000000000000000000']
    const r = await sb.call('POST', '/data/search/', [], {
      _fields: {lead: ['id', 'display_name']},
      _limit: 200,
      query: byIds(ids),
    })
    expect(r.status).to.equal(200)
    expect(r.body).to.deep.equal({
      cursor: null,
      data: [0, 3].map((i) => ({__object_type: 'lead', display_name: leads[i].display_name, id: leads[i].id})),
    })
  })

  it('without _fields only the ID; _limit pages with a cursor; negate excludes', async () => {
    const query = {object_type: 'contact', type: 'object_type'}
    const first = await sb.call('POST', '/data/search/', [], {_limit: 2, query})
    expect(first.body.data).to.have.length(2)
    expect(Object.keys(first.body.data[0]).sort()).to.deep.equal(['__object_type', 'id'])
    const second = await sb.call('POST', '/data/search/', [], {_limit: 2, cursor: first.body.cursor, query})
    expect(second.body.data[0].id).not.to.equal(first.body.data[0].id)
    const negated = await sb.call('POST', '/data/search/', [], {
      _limit: 200,
      query: {
        queries: [
          {object_type: 'lead', type: 'object_type'},
          {negate: true, type: 'id', value: leads[0].id},
        ],
        type: 'and',
      },
    })
    expect(negated.body.data.map((d: Body) => d.id)).not.to.include(leads[0].id)
    expect(negated.body.data).to.have.length(29)
  })

  it('a query node it does not emulate, a bad _limit or cursor: 400 naming it', async () => {
    const text = await sb.call('POST', '/data/search/', [], {query: {type: 'text', value: 'Aurio'}})
    expect(text.status).to.equal(400)
    expect(text.body.errors[0]).to.include('"text" is not emulated')
    const limit = await sb.call('POST', '/data/search/', [], {_limit: 500, query: byIds([])})
    expect(limit.status).to.equal(400)
    const cursor = await sb.call('POST', '/data/search/', [], {cursor: 'nope!', query: byIds([])})
    expect(cursor.status).to.equal(400)
  })
})
