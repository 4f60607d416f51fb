/**
 * Issue 14 items 4 and 6 through the CLI: bad connection IDs (flag, env, config), `raw` paths that
 * decode to something else, prototype keys in -f/-F all exit 2 with nothing sent; secrets Membrane
 * or Close print are scrubbed from the error message, the JSON error, --debug lines and
 * `raw --dry-run`; an unreadable config exits 2 naming it.
 */
import {expect} from 'chai'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, type MembraneStub} from '../helpers/run-command.js'

const CONNECTION = '6eaac8d82f01b7210760474f'
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'
const SECRETS = [JWT, 'sk_live_abcdef123456', 'hunter2-password-9', 'tok_9f8e7d6c5b4a']

/** A membrane that answers every call; for tests where nothing may be sent. */
const answerAll: MembraneStub = () => ({stdout: '{"id":"user_1","email":"a@b.example"}'})

const leaky: MembraneStub = () => ({
  exitCode: 1,
  stderr:
    `Error: Request failed: Authorization: Bearer ${JWT}\nProxy-Authorization: Basic ${SECRETS[1]}\n` +
    `X-Auth-Token: ${SECRETS[3]}\n` +
    JSON.stringify({access_token: SECRETS[2], message: 'upstream refused', status: 502}),
})

/** Membrane failing with a Close error body that carries tokens. */
const closeErrorWithTokens: MembraneStub = () => ({
  exitCode: 1,
  stderr: 'HTTP 400\n',
  stdout: JSON.stringify({access_token: SECRETS[2], error: 'Bad request', refresh_token: SECRETS[3]}),
})

function expectClean(text: string): void {
  for (const secret of SECRETS) expect(text).to.not.include(secret)
}

describe('safety through the CLI', () => {
  describe('strict input (exit 2, nothing sent)', () => {
    const home = new CommandHome({membrane: answerAll})

    after(() => home.remove())

    for (const [label, id] of [
      ['a path', '../../x'],
      ['a newline', 'abc\ndef'],
      ['a leading dash', '-rf'],
      ['a space', 'abc def'],
    ]) {
      it(`--connection with ${label} is exit 2 and sends nothing`, async () => {
        const r = await home.run(['raw', '/me/', `--connection=${id}`])
        expect(r.exitCode, r.stderr).to.equal(2)
        expect(r.calls).to.deep.equal([])
        expect(r.stderr).to.include('Invalid connection ID')
      })
    }

    it('CLOSE_CONNECTION_ID with a path is exit 2 naming it', async () => {
      const r = await home.run(['raw', '/me/'], {CLOSE_CONNECTION_ID: '../../etc'})
      expect(r.exitCode, r.stderr).to.equal(2)
      expect(r.calls).to.deep.equal([])
      expect(r.stderr.split('\n')[0]).to.equal(
        'Error: Invalid connection ID "../../etc" in --connection (or CLOSE_CONNECTION_ID).',
      )
    })

    it('a config file whose connection ID is a path is exit 2 naming the file', async () => {
      const configHome = new CommandHome({membrane: answerAll})
      try {
        mkdirSync(configHome.configDir, {recursive: true})
        writeFileSync(join(configHome.configDir, 'config.json'), JSON.stringify({connection: {id: '../../x'}}))
        const r = await configHome.run(['raw', '/me/'])
        expect(r.exitCode, r.stderr).to.equal(2)
        expect(r.calls).to.deep.equal([])
        expect(r.stderr).to.include(`in the config file ${join(configHome.configDir, 'config.json')}`)
      } finally {
        configHome.remove()
      }
    })

    for (const path of [
      '/%2F%2Fevil.host/',
      '/lead/%0d%0aX-Injected:%201/',
      '/lead/%00/',
      '/%252e%252e/%252e%252e/',
      '/lead/%5C../',
      '/lead/%23frag/',
      '/lead/?q=%0d%0a',
    ]) {
      it(`raw ${path} is exit 2 and sends nothing`, async () => {
        const r = await home.run(['raw', path, '--connection', CONNECTION])
        expect(r.exitCode, r.stderr).to.equal(2)
        expect(r.calls).to.deep.equal([])
        expect(r.stderr).to.match(/^Error: PATH "/)
      })
    }

    for (const field of ['__proto__[x]=1', 'constructor[prototype][x]=1', 'a.__proto__.b=1', 'prototype=1']) {
      it(`raw -F '${field}' is exit 2 and sends nothing`, async () => {
        const r = await home.run(['raw', 'POST', '/lead/', '-F', field, '--connection', CONNECTION])
        expect(r.exitCode, r.stderr).to.equal(2)
        expect(r.calls).to.deep.equal([])
        expect(r.stderr).to.include('cannot be a field name')
      })
    }

    it('a plain path still goes through', async () => {
      const r = await home.run(['raw', '/lead/lead_1/', '--connection', CONNECTION])
      expect(r.exitCode, r.stderr).to.equal(0)
      expect(r.calls).to.have.length(1)
    })

    it('an unreadable config file is exit 2 naming it and `close config path`', async () => {
      const configHome = new CommandHome({membrane: answerAll})
      try {
        mkdirSync(configHome.configDir, {recursive: true})
        const file = join(configHome.configDir, 'config.json')
        mkdirSync(file) // unreadable as a file (EISDIR), also when the tests run as root
        const r = await configHome.run(['config', 'get', 'browser'])
        expect(r.exitCode, r.stderr).to.equal(2)
        expect(r.stderr).to.include(file)
        expect(r.stderr).to.include('close config path')
        expect(r.stderr).to.not.include('This is a bug')
      } finally {
        configHome.remove()
      }
    })
  })

  describe('secrets never printed', () => {
    const home = new CommandHome({membrane: leaky})

    after(() => home.remove())

    it('in the error message and the JSON error', async () => {
      const r = await home.run(['raw', '/me/', '--connection', CONNECTION, '--json'])
      expect(r.exitCode).to.not.equal(0)
      expect(r.calls).to.have.length.greaterThan(0)
      expect(r.stderr.split('\n')[0]).to.equal(
        'Error: Membrane failed: Error: Request failed: Authorization: <redacted>',
      )
      expectClean(r.stdout + r.stderr)
    })

    it('in the Close body copied into the JSON error details', async () => {
      const r = await home.runWith(['raw', '/me/', '--connection', CONNECTION, '--json'], {
        membrane: closeErrorWithTokens,
      })
      expect(r.exitCode, r.stderr).to.equal(3)
      const error = JSON.parse(r.stderr.trim().split('\n').at(-1)!) as {error: {body?: Record<string, unknown>}}
      expect(error.error.body).to.deep.equal({
        access_token: '<redacted>',
        error: 'Bad request',
        refresh_token: '<redacted>',
      })
      expectClean(r.stdout + r.stderr)
    })

    it('in --debug lines (Proxy-Authorization, X-Auth-Token, --query api_key=…)', async () => {
      const r = await home.run([
        'raw',
        '/me/',
        '--connection',
        CONNECTION,
        '--debug',
        '-H',
        `Proxy-Authorization: Basic ${SECRETS[1]}`,
        '-H',
        `X-Auth-Token: ${SECRETS[3]}`,
        '-q',
        `api_key=${SECRETS[2]}`,
      ])
      expect(r.stderr).to.include('[debug]')
      expectClean(r.stdout + r.stderr)
    })

    it('in raw --dry-run (human and JSON), Authorization and other secret headers scrubbed', async () => {
      const args = [
        'raw',
        'POST',
        '/lead/',
        '--connection',
        CONNECTION,
        '--dry-run',
        '-H',
        `Authorization: Bearer ${JWT}`,
        '-H',
        `X-Auth-Token: ${SECRETS[3]}`,
        '-q',
        `api_key=${SECRETS[2]}`,
        '-f',
        'name=Acme',
      ]
      const human = await home.run(args)
      const json = await home.run([...args, '--json'])
      for (const r of [human, json]) {
        expect(r.exitCode, r.stderr).to.equal(0)
        expect(r.calls).to.deep.equal([])
        expectClean(r.stdout + r.stderr)
        expect(r.stdout).to.include('<redacted>')
        expect(r.stdout).to.include('Acme')
      }

      expect(human.stdout).to.include('  header  Authorization: <redacted>\n')
    })
  })
})
