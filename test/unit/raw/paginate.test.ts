import {expect} from 'chai'

import type {ProxyResponse} from '../../../src/membrane/types.js'
import type {RawRequest} from '../../../src/raw/request.js'

import {firstPageRequest, nextPageRequest, paginate} from '../../../src/raw/paginate.js'

const get = (path: string, query: Array<[string, string]> = []): RawRequest => ({
  headers: {},
  method: 'GET',
  path,
  query,
})
const ok = (body: unknown): ProxyResponse => ({body, headers: {}, status: 200})

/** A fake Close list of `total` records served by _skip/_limit, recording every request. */
function offsetServer(total: number) {
  const sent: RawRequest[] = []
  const send = async (request: RawRequest) => {
    sent.push(request)
    const q = new Map(request.query)
    const skip = Number(q.get('_skip') ?? 0)
    const limit = Number(q.get('_limit') ?? 100)
    const data = Array.from({length: Math.max(0, Math.min(limit, total - skip))}, (_, i) => ({id: `lead_${skip + i}`}))
    return ok({data, has_more: skip + data.length < total})
  }

  return {send, sent}
}

async function collect(request: RawRequest, send: (r: RawRequest) => Promise<ProxyResponse>) {
  const pages = []
  for await (const page of paginate(request, send)) pages.push(page)
  return pages
}

describe('raw pagination', () => {
  it('asks for the largest page unless _limit was given, and leaves /event/ and non-GET alone', () => {
    expect(firstPageRequest(get('/lead/')).query).to.deep.equal([['_limit', '200']])
    expect(firstPageRequest(get('/lead/', [['_limit', '7']])).query).to.deep.equal([['_limit', '7']])
    expect(firstPageRequest(get('/event/')).query).to.deep.equal([])
    const post: RawRequest = {body: {}, headers: {}, method: 'POST', path: '/data/search/', query: []}
    expect(firstPageRequest(post)).to.equal(post)
  })

  it('follows _skip and has_more, one request per page, and stops on the last page', async () => {
    const server = offsetServer(7)
    const pages = await collect(get('/lead/', [['_limit', '3']]), server.send)
    expect(pages.map((page) => (page.kind === 'list' ? page.records.length : -1))).to.deep.equal([3, 3, 1])
    expect(server.sent.map((request) => request.query)).to.deep.equal([
      [['_limit', '3']],
      [
        ['_limit', '3'],
        ['_skip', '3'],
      ],
      [
        ['_limit', '3'],
        ['_skip', '6'],
      ],
    ])
  })

  it('starts from the _skip the user gave', async () => {
    const server = offsetServer(10)
    const pages = await collect(
      get('/lead/', [
        ['_skip', '8'],
        ['_limit', '5'],
      ]),
      server.send,
    )
    expect(pages).to.have.length(1)
    expect(pages[0].kind === 'list' && pages[0].records).to.deep.equal([{id: 'lead_8'}, {id: 'lead_9'}])
  })

  it('fetches a page only when the consumer asks for it', async () => {
    const server = offsetServer(1000)
    const pages = paginate(get('/lead/', [['_limit', '10']]), server.send)
    const first = await pages.next()
    expect(first.value?.kind).to.equal('list')

    expect(server.sent).to.have.length(1)
  })

  it('stops when has_more is true but a page is empty', async () => {
    let calls = 0
    const pages = await collect(get('/lead/'), async () => {
      calls++
      return ok({data: [], has_more: true})
    })
    expect(calls).to.equal(1)
    expect(pages).to.have.length(1)
  })

  it('yields a response that is not a list page once, as is', async () => {
    const pages = await collect(get('/me/'), async () => ok({id: 'user_1'}))
    expect(pages).to.deep.equal([{kind: 'single', response: ok({id: 'user_1'})}])
  })

  it('follows cursor_next on /event/ and the body cursor on POST /data/search/', () => {
    expect(nextPageRequest(get('/event/'), {cursor_next: 'c2', data: [{}]}, 1)).to.deep.equal({
      cursor: 'c2',
      request: get('/event/', [['_cursor', 'c2']]),
    })
    const search: RawRequest = {
      body: {_limit: 50, query: {}},
      headers: {},
      method: 'POST',
      path: '/data/search/',
      query: [],
    }
    expect(nextPageRequest(search, {cursor: 'abc', data: [{}]}, 1)?.request.body).to.deep.equal({
      _limit: 50,
      cursor: 'abc',
      query: {},
    })
    expect(nextPageRequest(search, {cursor: null, data: [{}]}, 1)).to.equal(undefined)
  })

  it('stops when a cursor repeats', async () => {
    let calls = 0
    await collect(get('/event/'), async () => {
      calls++
      return ok({cursor_next: 'same', data: [{id: calls}]})
    })
    expect(calls).to.equal(2)
  })
})
