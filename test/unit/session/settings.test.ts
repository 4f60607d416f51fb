import {expect} from 'chai'
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../../src/errors.js'
import {Settings} from '../../../src/session/settings.js'

describe('Settings', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'close-settings-'))
  })

  afterEach(() => rmSync(dir, {force: true, recursive: true}))

  it('reads nothing as {} and writes the file with mode 0600', async () => {
    const settings = new Settings(dir)
    expect(settings.read()).to.deep.equal({})
    await settings.update((data) => {
      data.connection = {id: 'abc', name: 'Close'}
    })
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).to.deep.equal({
      connection: {id: 'abc', name: 'Close'},
    })
    expect((statSync(join(dir, 'config.json')).mode % 0o1000).toString(8)).to.equal('600')
    expect(new Settings(dir).read().connection?.id).to.equal('abc')
  })

  it('refuses a corrupt file, names it and leaves it untouched', async () => {
    writeFileSync(join(dir, 'config.json'), '{"connection": ')
    const settings = new Settings(dir)
    expect(() => settings.read()).to.throw(UsageError, join(dir, 'config.json'))
    const error = await settings.update(() => {}).catch((error_: unknown) => error_)
    expect(error).to.be.instanceOf(UsageError)
    expect((error as UsageError).hint).to.contain('close config path')
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).to.equal('{"connection": ')
  })
})
