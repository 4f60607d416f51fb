import {expect} from 'chai'
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../../src/errors.js'
import {checkSettings, Settings} from '../../../src/session/settings.js'

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

  it('reads fresh: what another process wrote wins over anything this one read before', async () => {
    const settings = new Settings(dir)
    await settings.update((data) => {
      data.connection = {id: 'conn_a'}
    })
    expect(settings.read().connection?.id).to.equal('conn_a')
    writeFileSync(join(dir, 'config.json'), JSON.stringify({connection: {id: 'conn_b'}, prefs: {browser: 'never'}}))
    expect(settings.read().connection?.id).to.equal('conn_b')
    await settings.update((data) => {
      data.actions = {conn_b: {'list-leads': {id: 'act_1'}}}
    })
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).to.deep.equal({
      actions: {conn_b: {'list-leads': {id: 'act_1'}}},
      connection: {id: 'conn_b'},
      prefs: {browser: 'never'},
    })
  })

  it('a config directory removed mid-run does not bring the old connection back', async () => {
    const settings = new Settings(join(dir, 'close'))
    await settings.update((data) => {
      data.connection = {id: 'conn_old'}
    })
    rmSync(join(dir, 'close'), {force: true, recursive: true})
    await settings.update((data) => {
      data.prefs = {browser: 'never'}
    })
    expect(new Settings(join(dir, 'close')).read()).to.deep.equal({prefs: {browser: 'never'}})
  })

  it('transact returns what the change returns, decided on the locked current file', async () => {
    const settings = new Settings(dir)
    writeFileSync(join(dir, 'config.json'), '{"connection":{"id":"conn_x"}}')
    const previous = await settings.transact((data) => {
      const was = data.connection?.id
      delete data.connection
      return was
    })
    expect(previous).to.equal('conn_x')
    expect(settings.read()).to.deep.equal({})
    expect(settings.lockPath).to.equal(join(dir, 'config.json.lock'))
  })

  it('keeps keys it does not know', async () => {
    writeFileSync(join(dir, 'config.json'), '{"future":{"x":1}}')
    const settings = new Settings(dir)
    await settings.update((data) => {
      data.prefs = {browser: 'ask'}
    })
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).to.deep.equal({
      future: {x: 1},
      prefs: {browser: 'ask'},
    })
  })

  for (const [text, problem] of [
    ['{"actions":"x"}', '"actions" must be an object'],
    ['{"actions":{"conn":[]}}', '"actions.conn" must be an object'],
    [
      '{"actions":{"conn":{"list-leads":"act_1"}}}',
      '"actions.conn.list-leads" must be null or an object with a string "id"',
    ],
    ['{"connection":"conn_a"}', '"connection" must be an object with a string "id"'],
    ['{"connection":{"id":7}}', '"connection" must be an object with a string "id"'],
    ['{"sandboxConnection":{"id":"a","name":1}}', '"sandboxConnection.name" must be a string'],
    ['{"lookups":{"conn":{"me":{"value":1}}}}', '"lookups.conn.me" must be an object with a string "at"'],
    ['{"prefs":{"browser":false}}', '"prefs.browser" must be a string'],
    ['[1]', 'it is not a JSON object'],
  ] as const) {
    it(`a wrongly typed file is exit 2 naming it and left untouched: ${text}`, async () => {
      writeFileSync(join(dir, 'config.json'), text)
      const settings = new Settings(dir)
      const error = await settings
        .update((data) => {
          data.prefs = {browser: 'never'}
        })
        .catch((error_: unknown) => error_)
      expect(error).to.be.instanceOf(UsageError)
      expect((error as UsageError).exitCode).to.equal(2)
      expect((error as UsageError).message).to.equal(
        `The config file ${join(dir, 'config.json')} is not a valid close config: ${problem}.`,
      )
      expect((error as UsageError).hint).to.contain('close config path')
      expect(() => settings.read()).to.throw(UsageError)
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).to.equal(text)
    })
  }

  it('accepts every shape the CLI writes', () => {
    expect(
      checkSettings({
        actions: {conn: {'get-lead': {id: 'act_1', inputSchema: {type: 'object'}}, 'no-such': null}},
        connection: {id: 'conn', name: 'Close'},
        lookups: {conn: {me: {at: '2026-01-01T00:00:00.000Z', value: {id: 'user_1'}}}},
        prefs: {browser: 'never'},
        sandboxConnection: {id: 'sb'},
      }),
    ).to.equal(undefined)
  })

  it('an unreadable file is exit 2 naming it (injected EACCES)', () => {
    const settings = new Settings(dir, {
      fs: {
        readFileSync() {
          throw Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES', syscall: 'open'})
        },
      },
    })
    expect(() => settings.read())
      .to.throw(UsageError)
      .with.property('message', `Cannot read the config file ${join(dir, 'config.json')} (EACCES).`)
  })

  it('XDG_CONFIG_HOME set to a file is exit 2 naming it', () => {
    writeFileSync(join(dir, 'xdg'), '')
    const settings = new Settings(join(dir, 'xdg', 'close'))
    expect(() => settings.read())
      .to.throw(UsageError)
      .with.property(
        'message',
        `Cannot use the config file ${join(dir, 'xdg', 'close', 'config.json')}: ${join(dir, 'xdg')} is not a directory.`,
      )
  })
})
