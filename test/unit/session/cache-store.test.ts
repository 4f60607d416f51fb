import {expect} from 'chai'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {settingsCache} from '../../../src/session/cache-store.js'
import {currentConnection, forgetConnection, saveConnection} from '../../../src/session/connection-store.js'
import {Settings} from '../../../src/session/settings.js'

describe('session/cache-store and connection-store', () => {
  let dir: string
  let settings: Settings

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'close-cache-'))
    settings = new Settings(dir)
  })

  afterEach(() => rmSync(dir, {force: true, recursive: true}))

  it("keeps close/'s action and lookup caches per connection in the config file", async () => {
    const cache = settingsCache(settings)
    expect(cache.action('c1', 'get-lead')).to.equal(undefined)
    await cache.setAction('c1', 'get-lead', {id: 'a1'})
    await cache.setAction('c1', 'list-notes', null)
    await cache.setLookup('c1', 'me', {at: '2026-01-01T00:00:00.000Z', value: {id: 'user_1'}})
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
    expect(file.actions).to.deep.equal({c1: {'get-lead': {id: 'a1'}, 'list-notes': null}})
    expect(new Settings(dir).read().lookups?.c1?.me?.value).to.deep.equal({id: 'user_1'})
    await cache.setAction('c1', 'get-lead', undefined)
    expect(cache.action('c1', 'get-lead')).to.equal(undefined)
    expect(cache.action('c1', 'list-notes')).to.equal(null)
    await cache.forgetLookups('c1')
    expect(cache.lookup('c1', 'me')).to.equal(undefined)
  })

  it('saves, reads and forgets the chosen connection (flag > config > sandbox default)', async () => {
    expect(currentConnection(settings, {sandbox: false})).to.equal(undefined)
    expect(currentConnection(settings, {sandbox: true})?.source).to.equal('sandbox')
    await saveConnection(settings, false, {id: 'conn_1', name: 'Close'})
    expect(currentConnection(settings, {sandbox: false})).to.deep.equal({id: 'conn_1', name: 'Close', source: 'config'})
    expect(currentConnection(settings, {flag: 'conn_2', sandbox: false})).to.deep.equal({id: 'conn_2', source: 'flag'})
    expect(await forgetConnection(settings, false)).to.deep.equal({id: 'conn_1', name: 'Close'})
    expect(currentConnection(settings, {sandbox: false})).to.equal(undefined)
  })
})
