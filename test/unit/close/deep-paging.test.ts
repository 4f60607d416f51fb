/**
 * CloseApi.list for every lead (`--all`, close/deep-paging.ts): two `slice:` partitions in the
 * stable order, side by side, merged newest-created first; and every way Close can fail to split
 * (ignores the term, refuses it, dates missing or out of order, all slices empty), each read once,
 * unsplit, as asked.
 */
import type * as sinon from 'sinon'

import {expect} from 'chai'

import type {CloseApi} from '../../../src/close/api.js'
import type {MembraneClient} from '../../../src/membrane/client.js'
import type {Settings} from '../../../src/session/settings.js'

import {leads} from '../../../src/close/resources.js'
import {AuthError, RemoteError} from '../../../src/errors.js'
import {collect, stubbedApi} from '../../helpers/close-api.js'

const CONN = '6650a1b2c3d4e5f6a7b8c9d0'
const LIST_ACTION = {id: 'act-list', inputSchema: {properties: {cursor: {}, limit: {}, query: {}}, type: 'object'}}

const idOf = (n: number) => `lead_${String(n).padStart(22, '0')}`
/** The n of each lead, page after page. */
const ids = (pages: Array<Array<{id?: unknown}>>) => pages.flat().map((item) => Number(String(item.id).slice(5)))
const newestFirst = (count: number) => Array.from({length: count}, (_, i) => count - i)

/** Lead n, created n minutes after a fixed moment: a higher n is newer. */
function dated(n: number) {
  return {date_created: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(), id: idOf(n)}
}

/**
 * A list-leads action over `count` dated leads, as Close pages a query: newest first, `limit` at a
 * time, cursor = offset; `slice:N/M` keeps the leads with n % M === N - 1. `ignoreSlice`: as a Close
 * that does not know the term.
 */
function listLeadsAction(count: number, options: {ignoreSlice?: boolean} = {}) {
  const all = Array.from({length: count}, (_, i) => dated(count - i))
  return (_id: string, _conn: string, input: {cursor?: string; limit: number; query?: string}) => {
    const slice = options.ignoreSlice ? null : /slice:(\d+)\/(\d+)/.exec(input.query ?? '')
    const matching = slice
      ? all.filter((item) => Number(item.id.slice(5)) % Number(slice[2]) === Number(slice[1]) - 1)
      : all
    const skip = Number(input.cursor ?? 0)
    const page = matching.slice(skip, skip + input.limit)
    const more = skip + page.length < matching.length
    return Promise.resolve({
      records: page.map((item) => ({id: item.id, rawFields: item})),
      ...(more ? {cursor: String(skip + page.length)} : {}),
    })
  }
}

describe('CloseApi: every lead (--all), in the stable order, two slices at once', () => {
  let settings: Settings
  let membrane: sinon.SinonStubbedInstance<MembraneClient>
  let api: CloseApi
  let remove: () => void
  const queries = () => membrane.runAction.getCalls().map((call) => (call.args[2] as {query?: string}).query)

  beforeEach(async () => {
    ;({api, membrane, remove, settings} = stubbedApi(CONN))
    await settings.update((data) => {
      data.actions = {[CONN]: {'list-leads': LIST_ACTION} as never}
    })
  })

  afterEach(() => remove())

  it('asks for sort:-created in two slices and merges them newest first, in pages of 200', async () => {
    membrane.runAction.callsFake(listLeadsAction(1001) as never)
    const source = api.list(leads, {query: 'has:email'})
    const pages = await collect(source)
    expect(ids(pages)).to.deep.equal(newestFirst(1001))
    expect(pages.map((page) => page.length)).to.deep.equal([200, 200, 200, 200, 200, 1])
    expect(new Set(queries())).to.deep.equal(
      new Set(['(has:email) sort:-created slice:1/2', '(has:email) sort:-created slice:2/2']),
    )
    expect(membrane.runAction.callCount).to.equal(6) // 501 and 500 leads: 3 pages each
    expect(source.more()).to.equal(false)
  })

  it('adds up the totals Close gives for each slice', async () => {
    membrane.request.callsFake((_conn: string, request: {query?: Array<[string, string]>}) => {
      const query = new Map(request.query).get('query') ?? ''
      const n = query.endsWith('slice:1/2') ? 2 : 1
      return Promise.resolve({
        body: {data: [dated(n)], has_more: false, total_results: 7 + n},
        headers: {},
        status: 200,
      })
    })
    await settings.update((data) => {
      data.actions = {[CONN]: {'list-leads': null} as never}
    })
    const source = api.list(leads, {})
    expect(ids(await collect(source))).to.deep.equal([2, 1])
    expect(source.total()).to.equal(17)
    expect(membrane.request.getCalls().map((call) => new Map(call.args[1].query).get('query'))).to.have.members([
      'sort:-created slice:1/2',
      'sort:-created slice:2/2',
    ])
  })

  it('with prefetching off: the query as given, one page at a time, unsplit', async () => {
    membrane.runAction.callsFake(listLeadsAction(450) as never)
    const pages = await collect(api.list(leads, {query: 'has:email'}, undefined, {prefetch: false}))
    expect(ids(pages)).to.deep.equal(newestFirst(450))
    expect(queries()).to.deep.equal(['has:email', 'has:email', 'has:email'])
  })

  it('sends a query with its own sort: or slice: as it is, unsplit', async () => {
    membrane.runAction.callsFake(listLeadsAction(5) as never)
    await collect(api.list(leads, {query: 'acme sort:updated'}))
    await collect(api.list(leads, {query: 'slice:1/3'}))
    expect(queries()).to.deep.equal(['acme sort:updated', 'slice:1/3'])
  })

  it('a Close that ignores slice: (the same leads in both): the first slice alone, nothing twice', async () => {
    membrane.runAction.callsFake(listLeadsAction(450, {ignoreSlice: true}) as never)
    const pages = await collect(api.list(leads, {}))
    expect(ids(pages)).to.deep.equal(newestFirst(450))
    // Slice 1's three pages; slice 2's first, and at most the next it had already asked for.
    expect(queries().filter((query) => query === 'sort:-created slice:1/2')).to.have.length(3)
    expect(queries().filter((query) => query === 'sort:-created slice:2/2')).to.have.length.within(1, 2)
    expect(queries()).to.have.length.at.most(5)
  })

  it('a Close that ignores slice: on a one-page list: two Membrane calls in all', async () => {
    membrane.runAction.callsFake(listLeadsAction(3, {ignoreSlice: true}) as never)
    expect(ids(await collect(api.list(leads, {})))).to.deep.equal([3, 2, 1])
    expect(membrane.runAction.callCount).to.equal(2)
  })

  for (const refusal of [
    new RemoteError('Close rejected the request: query: bad term', {code: 'close_validation'}),
    new RemoteError('Membrane failed: input.query is not allowed', {code: 'bad_request'}),
  ]) {
    it(`a sliced query refused (${refusal.code}): read once, unsplit`, async () => {
      const list = listLeadsAction(3)
      membrane.runAction.callsFake(((id: string, conn: string, input: {query?: string}) =>
        input.query?.includes('slice:') ? Promise.reject(refusal) : list(id, conn, input as never)) as never)
      expect(ids(await collect(api.list(leads, {})))).to.deep.equal([3, 2, 1])
    })
  }

  it('a timeout, or a refusal to log in, is the failure of the list', async () => {
    for (const failure of [
      new RemoteError('Membrane did not answer within 60 s.', {code: 'timeout'}),
      new AuthError('Not logged in to Membrane.', {code: 'not_logged_in'}),
    ]) {
      membrane.runAction.resetHistory()
      membrane.runAction.rejects(failure)
      const error = await collect(api.list(leads, {})).catch((error_: unknown) => error_)
      expect(error).to.equal(failure)
      expect(membrane.runAction.callCount).to.equal(2)
    }
  })

  it('slices that all come back empty are confirmed by one unsplit read', async () => {
    membrane.runAction.callsFake(((_id: string, _conn: string, input: {query?: string}) =>
      Promise.resolve({
        records: input.query?.includes('slice:') ? [] : [{id: dated(1).id, rawFields: dated(1)}],
      })) as never)
    expect(ids(await collect(api.list(leads, {query: 'acme'})))).to.deep.equal([1])
    expect(queries()).to.deep.equal(['(acme) sort:-created slice:1/2', '(acme) sort:-created slice:2/2', 'acme'])
  })

  for (const [what, slices] of [
    ['without dates', [[{id: idOf(4)}], [{id: idOf(3)}]]],
    ['out of order', [[dated(2), dated(4)], [dated(3)]]],
  ] as const) {
    it(`slices whose leads come ${what}: read once, unsplit`, async () => {
      const whole = [dated(4), dated(3), dated(2)]
      membrane.runAction.callsFake(((_id: string, _conn: string, input: {query?: string}) => {
        const slice = /slice:(\d)/.exec(input.query ?? '')
        const items = slice ? slices[Number(slice[1]) - 1] : whole
        return Promise.resolve({records: items.map((item) => ({id: item.id, rawFields: item}))})
      }) as never)
      expect(ids(await collect(api.list(leads, {})))).to.deep.equal([4, 3, 2])
      expect(queries()).to.deep.equal(['sort:-created slice:1/2', 'sort:-created slice:2/2', undefined])
    })
  }

  it('a consumer that stops after the first page starts no other fetch', async () => {
    membrane.runAction.callsFake(listLeadsAction(5000) as never)
    const pages = api.list(leads, {}).pages[Symbol.asyncIterator]()
    expect((await pages.next()).value).to.have.length(200)
    await pages.return?.()
    await new Promise<void>((resolve) => {
      setImmediate(resolve)
    })
    // The first page of each slice, and at most the one next page of each already under way.
    expect(membrane.runAction.callCount).to.be.at.most(4)
  })
})
