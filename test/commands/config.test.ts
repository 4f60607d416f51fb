/**
 * `close config list / get / set / unset / path`: keys validated (unknown → exit 2 listing the valid
 * ones), values checked, the file written with mode 0600, a corrupt file reported with its path.
 * No Membrane process is involved.
 */
import {expect} from 'chai'
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome} from '../helpers/run-command.js'
import {jsonError, readConfig} from './session-helpers.js'

const NO_MEMBRANE = {CLOSE_MEMBRANE_BIN: '/nonexistent/membrane'}

describe('close config', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run(args, NO_MEMBRANE)
  const file = join(home.configDir, 'config.json')

  after(() => home.remove())

  it('path prints where the file is (also under --json), even before it exists', async () => {
    const result = await close('config', 'path')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.equal(`${file}\n`)
    expect(JSON.parse((await close('config', 'path', '--json')).stdout)).to.deep.equal({path: file})
  })

  it('list shows every key with its value or default, key=value when piped', async () => {
    const result = await close('config', 'list')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.equal('connection=\nsandbox-connection=\nbrowser=ask\nconnect-timeout=300\n')
    expect(JSON.parse((await close('config', 'list', '--json')).stdout)).to.deep.equal({
      browser: 'ask',
      'connect-timeout': '300',
      connection: null,
      'sandbox-connection': null,
    })
  })

  it('set writes the value (mode 0600) and get reads it back', async () => {
    const set = await close('config', 'set', 'browser', 'never')
    expect(set.exitCode, set.stderr).to.equal(0)
    expect(set.stdout).to.equal('')
    expect(set.stderr).to.equal('Set browser to never.\n')
    expect((statSync(file).mode % 0o1000).toString(8)).to.equal('600')
    expect((await close('config', 'get', 'browser')).stdout).to.equal('never\n')
    expect(JSON.parse((await close('config', 'get', 'browser', '--json')).stdout)).to.deep.equal({
      key: 'browser',
      source: 'config',
      value: 'never',
    })
  })

  it('set connection caches an ID the data commands then use', async () => {
    const result = await close('config', 'set', 'connection', '6eaac8d82f01b7210760474f')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(readConfig(home)).to.deep.equal({connection: {id: '6eaac8d82f01b7210760474f'}, prefs: {browser: 'never'}})
    expect((await close('config', 'get', 'connection')).stdout).to.equal('6eaac8d82f01b7210760474f\n')
  })

  it('get of an unset key without default prints nothing, exit 0', async () => {
    const result = await close('config', 'get', 'sandbox-connection')
    expect(result.exitCode).to.equal(0)
    expect(result.stdout).to.equal('')
    expect(JSON.parse((await close('config', 'get', 'sandbox-connection', '--json')).stdout)).to.deep.equal({
      key: 'sandbox-connection',
      source: null,
      value: null,
    })
  })

  it('an unknown key exits 2 and lists the valid keys (get, set and unset alike)', async () => {
    for (const args of [
      ['get', 'token'],
      ['set', 'token', 'x'],
      ['unset', 'token'],
    ]) {
      const result = await close('config', ...args)
      expect(result.exitCode, args.join(' ')).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Unknown config key "token".\n  Valid keys: connection, sandbox-connection, browser, connect-timeout.\n',
      )
    }

    const json = await close('config', 'get', 'token', '--json')
    expect(jsonError(json.stderr)).to.deep.include({code: 'unknown_key', exitCode: 2})
  })

  it('an invalid value exits 2 saying what is accepted, and changes nothing', async () => {
    const before = readFileSync(file, 'utf8')
    const bad = await close('config', 'set', 'connect-timeout', 'forever')
    expect(bad.exitCode).to.equal(2)
    expect(bad.stderr).to.equal(
      'Error: "forever" is not a valid value for connect-timeout.\n  Use a whole number of seconds from 10 to 3600.\n',
    )
    const badChoice = await close('config', 'set', 'browser', 'sometimes')
    expect(badChoice.stderr).to.equal(
      'Error: "sometimes" is not a valid value for browser.\n  Use one of: ask, never.\n',
    )
    expect(readFileSync(file, 'utf8')).to.equal(before)
  })

  it('a missing argument is exit 2 too', async () => {
    expect((await close('config', 'set', 'browser')).exitCode).to.equal(2)
  })

  it('unset goes back to the default and says so; unsetting again is fine', async () => {
    const result = await close('config', 'unset', 'browser')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.equal('Unset browser (now the default: ask).\n')
    expect((await close('config', 'get', 'browser')).stdout).to.equal('ask\n')
    const again = await close('config', 'unset', 'browser')
    expect(again.exitCode).to.equal(0)
    expect(again.stderr).to.equal('browser was not set.\n')
    await close('config', 'unset', 'connection')
    expect(readConfig(home)).to.deep.equal({})
  })

  it('a corrupt config file: exit 2 naming the file and `close config path`; the file is kept', async () => {
    mkdirSync(home.configDir, {recursive: true})
    writeFileSync(file, '{"connection": ')
    const result = await close('config', 'list')
    expect(result.exitCode).to.equal(2)
    expect(result.stderr).to.include(`Error: The config file ${file} is not valid JSON`)
    expect(result.stderr).to.include('`close config path`')
    expect(readFileSync(file, 'utf8')).to.equal('{"connection": ')
    expect((await close('config', 'path')).stdout).to.equal(`${file}\n`)
  })
})
