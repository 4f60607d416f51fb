/**
 * First run and recovery off a terminal, through a data command (`close leads list`) against the
 * fake membrane: no connection → exit 4 naming `close login`, `--connection` and
 * `CLOSE_CONNECTION_ID` before anything is spawned; a cached connection Membrane no longer knows, or
 * that needs re-authentication → exit 4 with the fix of design §5; and the steady state stays one
 * Membrane process per page.
 */
import {expect} from 'chai'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {FAKE_CLOSE, fakeHome, jsonError} from './session-helpers.js'

function cache(fake: ReturnType<typeof fakeHome>, id: string, name: string): void {
  mkdirSync(fake.home.configDir, {recursive: true})
  writeFileSync(join(fake.home.configDir, 'config.json'), JSON.stringify({connection: {id, name}}))
}

describe('first run and recovery off a terminal (fake membrane)', () => {
  it('no connection chosen: exit 4 naming close login, --connection and CLOSE_CONNECTION_ID; nothing spawned', async () => {
    const fake = fakeHome()
    try {
      const result = await fake.run(['leads', 'list'])
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: No Close connection is chosen.\n' +
          '  Run `close login` to log in and choose one, or pass --connection ID (or set CLOSE_CONNECTION_ID).\n',
      )
      expect(fake.spawned()).to.deep.equal([])
      const json = await fake.run(['leads', 'list', '--json'])
      expect(jsonError(json.stderr)).to.include({code: 'no_connection', exitCode: 4})
    } finally {
      fake.home.remove()
    }
  })

  it('a warm cached connection costs nothing extra: one membrane process for one page', async () => {
    const fake = fakeHome()
    try {
      cache(fake, FAKE_CLOSE, 'Close')
      const cold = await fake.run(['leads', 'list', '--limit', '2', '--json'])
      expect(cold.exitCode, cold.stderr).to.equal(0)
      fake.spawned()
      const warm = await fake.run(['leads', 'list', '--limit', '2', '--json'])
      expect(warm.exitCode, warm.stderr).to.equal(0)
      const spawned = fake.spawned()
      expect(spawned).to.have.length(1)
      expect(spawned[0].slice(0, 2)).to.deep.equal(['action', 'run'])
      expect(spawned[0]).to.include(`--connectionId=${FAKE_CLOSE}`)
    } finally {
      fake.home.remove()
    }
  })

  it('a cached connection Membrane no longer knows: exit 4, which one, and how to choose another', async () => {
    const fake = fakeHome()
    try {
      cache(fake, 'aaaaaaaaaaaaaaaaaaaaaaaa', 'Close (gone)')
      const result = await fake.run(['leads', 'list'])
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: The Close connection "Close (gone)" (aaaaaaaaaaaaaaaaaaaaaaaa), saved in config, no longer exists in Membrane.\n' +
          '  Choose another with `close connections use` (or run `close login`), or pass --connection ID.\n',
      )
      expect(fake.spawned()).to.have.length(1)
    } finally {
      fake.home.remove()
    }
  })

  it('a cached connection that needs re-authentication: exit 4 naming reconnect and membrane connect', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'connection-expired'})
    try {
      cache(fake, FAKE_CLOSE, 'Close')
      const result = await fake.run(['leads', 'list', '--json'])
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.equal('')
      expect(jsonError(result.stderr)).to.deep.equal({
        code: 'connection_not_ready',
        connectionId: FAKE_CLOSE,
        exitCode: 4,
        hint: `Re-authenticate it with \`close connections reconnect ${FAKE_CLOSE}\` (or \`membrane connect --connectionId=${FAKE_CLOSE}\`), or choose another with \`close connections use\`.`,
        message: `The Close connection "Close" (${FAKE_CLOSE}), saved in config, needs re-authentication.`,
      })
    } finally {
      fake.home.remove()
    }
  })

  it('a connection named with --connection that Membrane does not know: the gateway message, exit 4', async () => {
    const fake = fakeHome()
    try {
      const result = await fake.run(['leads', 'list', '--connection', 'bbbbbbbbbbbbbbbbbbbbbbbb'])
      expect(result.exitCode).to.equal(4)
      expect(result.stderr).to.equal(
        'Error: Membrane has no connection bbbbbbbbbbbbbbbbbbbbbbbb.\n' +
          '  Choose an existing connection with `close connections use`, or run `close login`.\n',
      )
    } finally {
      fake.home.remove()
    }
  })

  it('logged out with a cached connection: exit 4 naming close login', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'not-authenticated'})
    try {
      cache(fake, FAKE_CLOSE, 'Close')
      const result = await fake.run(['leads', 'list'])
      expect(result.exitCode).to.equal(4)
      expect(result.stderr).to.match(/^Error: Not logged in to Membrane/)
      expect(result.stderr).to.include('`close login`')
    } finally {
      fake.home.remove()
    }
  })
})
