import type * as sinon from 'sinon'

import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import type {CloseApi} from '../../../src/close/api.js'
import type {MembraneClient} from '../../../src/membrane/client.js'
import type {Settings} from '../../../src/session/settings.js'

import {leads} from '../../../src/close/resources.js'
import {NotFoundError, RemoteError} from '../../../src/errors.js'
import {collect, stubbedApi} from '../../helpers/close-api.js'

const CONN = '6650a1b2c3d4e5f6a7b8c9d0'
const LEAD_ID = 'lead_AbCdEfGhIjKlMnOpQrStUv'
const LIST_ACTION = {id: 'act-list', inputSchema: {properties: {cursor: {}, limit: {}, query: {}}, type: 'object'}}

function lead(n: number) {
  return {display_name: `Lead ${n}`, id: `lead_${String(n).padStart(22, '0')}`}
}

function record(n: number) {
  return {fields: {name: `Lead ${n}`}, id: lead(n).id, name: `Lead ${n}`, rawFields: lead(n)}
}

describe('CloseApi (action first, proxy fallback)', () => {
  let dir: string
  let settings: Settings
  let membrane: sinon.SinonStubbedInstance<MembraneClient>
  let api: CloseApi
  let remove: () => void

  function withCache(entries: Record<string, unknown>) {
    return settings.update((data) => {
      data.actions = {[CONN]: entries as never}
    })
  }

  beforeEach(() => {
    ;({api, dir, membrane, remove, settings} = stubbedApi(CONN))
  })

  afterEach(() => remove())

  it('with a warm cache lists one page with exactly one action run', async () => {
    await withCache({'list-leads': LIST_ACTION})
    membrane.runAction.resolves({cursor: 'c2', records: [record(1), record(2)]})
    const source = api.list(leads, {query: 'acme'}, 2)
    const pages = await collect(source)
    expect(pages).to.deep.equal([[lead(1), lead(2)]])
    expect(membrane.runAction.callCount).to.equal(1)
    expect(membrane.listActions.callCount).to.equal(0)
    expect(membrane.runAction.firstCall.args.slice(0, 3)).to.deep.equal(['act-list', CONN, {limit: 2, query: 'acme'}])
    expect(source.more()).to.equal(true)
  })

  it('with a cold cache resolves the action once and caches it in the config file', async () => {
    membrane.listActions.resolves([
      {id: 'other', key: 'list-contacts'},
      {...LIST_ACTION, key: 'list-leads'},
    ])
    membrane.runAction.resolves({records: [record(1)]})
    await collect(api.list(leads, {}, 5))
    expect(membrane.listActions.firstCall.args).to.deep.equal([CONN, 'list-leads'])
    const saved = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
    expect(saved.actions[CONN]['list-leads'].id).to.equal('act-list')
  })

  it('follows cursors page by page up to the limit, asking for the largest page', async () => {
    await withCache({'list-leads': LIST_ACTION})
    membrane.runAction.onFirstCall().resolves({cursor: 'next', records: Array.from({length: 200}, (_, i) => record(i))})
    membrane.runAction.onSecondCall().resolves({records: [record(200), record(201)]})
    const source = api.list(leads, {}, 250)
    const pages = await collect(source)
    expect(pages.map((page) => page.length)).to.deep.equal([200, 2])
    expect(membrane.runAction.secondCall.args[2]).to.deep.equal({cursor: 'next', limit: 50})
    expect(source.more()).to.equal(false)
  })

  it('uses the proxy with _skip/_limit when the connection has no such action', async () => {
    await withCache({'list-leads': null})
    membrane.request
      .onFirstCall()
      .resolves({body: {data: [lead(1)], has_more: true, total_results: 3}, headers: {}, status: 200})
    membrane.request
      .onSecondCall()
      .resolves({body: {data: [lead(2), lead(3)], has_more: false}, headers: {}, status: 200})
    const source = api.list(leads, {query: 'x'}, 500)
    const pages = await collect(source)
    expect(pages).to.deep.equal([[lead(1)], [lead(2), lead(3)]])
    expect(membrane.request.firstCall.args[1]).to.deep.equal({
      body: undefined,
      method: 'GET',
      path: '/lead/',
      query: [
        ['query', 'x'],
        ['_skip', '0'],
        ['_limit', '200'],
      ],
    })
    expect(membrane.request.secondCall.args[1].query).to.deep.include(['_skip', '1'])
    expect(source.total()).to.equal(3)
  })

  it('uses the proxy when the action input schema lacks a filter in use', async () => {
    await withCache({'list-leads': {id: 'a', inputSchema: {properties: {cursor: {}, limit: {}}}}})
    membrane.request.resolves({body: {data: [], has_more: false}, headers: {}, status: 200})
    await collect(api.list(leads, {query: 'acme'}, 10))
    expect(membrane.runAction.callCount).to.equal(0)
    expect(membrane.request.callCount).to.equal(1)
  })

  it('continues through the proxy when an action says has_more without a cursor', async () => {
    await withCache({'list-leads': LIST_ACTION})
    membrane.runAction.resolves({data: [lead(1), lead(2)], has_more: true})
    membrane.request.resolves({body: {data: [lead(3)], has_more: false}, headers: {}, status: 200})
    const pages = await collect(api.list(leads, {}, 1000))
    expect(pages.flat().map((item) => item.id)).to.deep.equal([lead(1).id, lead(2).id, lead(3).id])
    expect(membrane.request.firstCall.args[1].query).to.deep.include(['_skip', '2'])
  })

  it('unwraps {record: {rawFields}} on get', async () => {
    await withCache({'get-lead': {id: 'g'}})
    membrane.runAction.resolves({record: record(7)})
    expect(await api.get(leads, LEAD_ID)).to.deep.equal(lead(7))
    expect(membrane.runAction.firstCall.args[2]).to.deep.equal({id: LEAD_ID})
  })

  it('fetches the object after a create action that answers only {id}', async () => {
    await withCache({'create-lead': {id: 'c'}, 'get-lead': {id: 'g'}})
    membrane.runAction.onFirstCall().resolves({id: LEAD_ID})
    membrane.runAction.onSecondCall().resolves({record: {rawFields: {display_name: 'New', id: LEAD_ID}}})
    expect(await api.create(leads, {name: 'New'})).to.deep.equal({display_name: 'New', id: LEAD_ID})
    expect(membrane.runAction.firstCall.args[3]).to.deep.equal({
      retry: false,
      write: {check: 'close leads list', effect: 'the lead may have been created'},
    })
  })

  it('re-resolves an action Membrane says is gone, then retries once', async () => {
    await withCache({'get-lead': {id: 'stale'}})
    membrane.runAction.onFirstCall().rejects(new NotFoundError('Action stale not found', {code: 'action_not_found'}))
    membrane.listActions.resolves([{id: 'fresh', key: 'get-lead'}])
    membrane.runAction.onSecondCall().resolves({record: record(1)})
    expect(await api.get(leads, LEAD_ID)).to.deep.equal(lead(1))
    expect(membrane.runAction.secondCall.args[0]).to.equal('fresh')
  })

  it('falls back to the proxy when a cached action is gone and none replaces it', async () => {
    await withCache({'create-lead': {id: 'stale'}})
    membrane.runAction.rejects(new NotFoundError('Action stale not found', {code: 'action_not_found'}))
    membrane.listActions.resolves([])
    membrane.request.resolves({body: {display_name: 'New', id: LEAD_ID}, headers: {}, status: 200})
    expect(await api.create(leads, {name: 'New'})).to.deep.equal({display_name: 'New', id: LEAD_ID})
    expect(membrane.request.firstCall.args[1]).to.include({method: 'POST', path: '/lead/'})
    expect(settings.read().actions?.[CONN]['create-lead']).to.equal(null)
  })

  it('continues a list through the proxy when its cached action is gone', async () => {
    await withCache({'list-leads': LIST_ACTION})
    membrane.runAction.rejects(new NotFoundError('Action act-list not found', {code: 'action_not_found'}))
    membrane.listActions.resolves([])
    membrane.request.resolves({body: {data: [lead(1)], has_more: false}, headers: {}, status: 200})
    expect((await collect(api.list(leads, {}, 5))).flat()).to.deep.equal([lead(1)])
  })

  it('names the ID when Close says it does not exist', async () => {
    await withCache({'get-lead': null})
    membrane.request.rejects(new NotFoundError('Empty query: Lead matching query does not exist.'))
    const error = await api.get(leads, LEAD_ID).catch((error_: unknown) => error_)
    expect(error).to.be.instanceOf(NotFoundError)
    expect((error as Error).message).to.equal(`No lead with ID ${LEAD_ID}.`)
  })

  it('never retries a create and passes Close validation errors through', async () => {
    await withCache({'create-lead': null})
    membrane.request.rejects(new RemoteError('status: Not a valid choice.', {code: 'close_validation'}))
    const error = await api.create(leads, {status_id: 'stat_x'}).catch((error_: unknown) => error_)
    expect((error as RemoteError).code).to.equal('close_validation')
    expect(membrane.request.firstCall.args[2]).to.deep.equal({
      retry: false,
      write: {check: 'close leads list', effect: 'the lead may have been created'},
    })
  })

  it('rejects a wrong kind of ID before calling Membrane', async () => {
    const error = await api.get(leads, 'cont_AbCdEfGhIjKlMnOpQrStUv').catch((error_: unknown) => error_)
    expect((error as Error & {exitCode: number}).exitCode).to.equal(2)
    expect(membrane.request.callCount + membrane.runAction.callCount).to.equal(0)
  })
})
