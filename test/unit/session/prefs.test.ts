import {expect} from 'chai'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {SettingsData} from '../../../src/session/settings.js'

import {UsageError} from '../../../src/errors.js'
import {canOpenBrowser} from '../../../src/session/browser.js'
import {CONFIG_KEY_NAMES, configKey, getPref, setConfigValue, unsetConfigValue} from '../../../src/session/prefs.js'
import {Settings} from '../../../src/session/settings.js'

function thrown(fn: () => unknown): UsageError {
  try {
    fn()
  } catch (error) {
    if (error instanceof UsageError) return error
    throw error
  }

  throw new Error('expected a UsageError')
}

describe('session/prefs', () => {
  it('knows the connection keys and the preferences', () => {
    expect(CONFIG_KEY_NAMES).to.deep.equal(['connection', 'sandbox-connection', 'browser', 'connect-timeout'])
  })

  it('an unknown key is exit 2 listing the valid keys', () => {
    const error = thrown(() => configKey('colour'))
    expect(error.exitCode).to.equal(2)
    expect(error.message).to.equal('Unknown config key "colour".')
    expect(error.hint).to.equal('Valid keys: connection, sandbox-connection, browser, connect-timeout.')
    expect(error.details).to.deep.equal({validKeys: CONFIG_KEY_NAMES})
  })

  it('validates values and says what is accepted', () => {
    expect(configKey('browser').validate(' Never ')).to.equal('never')
    expect(thrown(() => configKey('browser').validate('sometimes')).hint).to.equal('Use one of: ask, never.')
    expect(configKey('connect-timeout').validate('600')).to.equal('600')
    expect(thrown(() => configKey('connect-timeout').validate('5')).hint).to.equal(
      'Use a whole number of seconds from 10 to 3600.',
    )
    expect(thrown(() => configKey('connect-timeout').validate('1.5')).exitCode).to.equal(2)
    expect(configKey('connection').validate(' 6650c105e5a4d0b0c1a55e01 ')).to.equal('6650c105e5a4d0b0c1a55e01')
    expect(thrown(() => configKey('connection').validate('a b')).message).to.equal(
      '"a b" is not a Membrane connection ID.',
    )
  })

  it('set/get/unset touch only their own place in the settings', () => {
    const data: SettingsData = {actions: {c: {}}, connection: {id: 'old', name: 'Old'}}
    configKey('connection').set(data, 'new')
    configKey('browser').set(data, 'never')
    configKey('sandbox-connection').set(data, 'sb')
    expect(data).to.deep.equal({
      actions: {c: {}},
      connection: {id: 'new'},
      prefs: {browser: 'never'},
      sandboxConnection: {id: 'sb'},
    })
    expect(configKey('browser').get(data)).to.equal('never')
    configKey('browser').unset(data)
    configKey('connection').unset(data)
    expect(data).to.deep.equal({actions: {c: {}}, sandboxConnection: {id: 'sb'}})
  })

  it('getPref falls back to the default', () => {
    expect(getPref({read: () => ({})}, 'connect-timeout')).to.equal('300')
    expect(getPref({read: () => ({prefs: {'connect-timeout': '60'}})}, 'connect-timeout')).to.equal('60')
    expect(getPref({read: () => ({})}, 'connection')).to.equal(undefined)
  })

  it('a browser is offered only where one can exist', () => {
    expect(canOpenBrowser({}, 'linux')).to.equal(false)
    expect(canOpenBrowser({SSH_CONNECTION: '1 2 3 4'}, 'linux')).to.equal(false)
    expect(canOpenBrowser({DISPLAY: ':0'}, 'linux')).to.equal(true)
    expect(canOpenBrowser({WAYLAND_DISPLAY: 'wayland-0'}, 'linux')).to.equal(true)
    expect(canOpenBrowser({BROWSER: 'w3m'}, 'linux')).to.equal(true)
    expect(canOpenBrowser({}, 'darwin')).to.equal(true)
  })

  describe('setConfigValue / unsetConfigValue', () => {
    let dir: string

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'close-prefs-'))
    })

    afterEach(() => rmSync(dir, {force: true, recursive: true}))

    it('change only their key of the current file and return the value replaced', async () => {
      const settings = new Settings(dir)
      expect(await setConfigValue(settings, 'browser', 'never')).to.equal(undefined)
      // Another process caches an action and picks a connection meanwhile.
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({actions: {c: {k: {id: 'a'}}}, connection: {id: 'c'}, prefs: {browser: 'never'}}),
      )
      expect(await setConfigValue(settings, 'browser', 'ask')).to.equal('never')
      expect(await setConfigValue(settings, 'connect-timeout', '60')).to.equal(undefined)
      expect(await unsetConfigValue(settings, 'browser')).to.equal('ask')
      expect(await unsetConfigValue(settings, 'browser')).to.equal(undefined)
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).to.deep.equal({
        actions: {c: {k: {id: 'a'}}},
        connection: {id: 'c'},
        prefs: {'connect-timeout': '60'},
      })
    })

    it('an unknown key is exit 2 and writes nothing', async () => {
      const error = await setConfigValue(new Settings(dir), 'colour', 'red').catch((error_: unknown) => error_)
      expect(error).to.be.instanceOf(UsageError)
      expect(() => readFileSync(join(dir, 'config.json'))).to.throw(/ENOENT/)
    })
  })
})
