/**
 * `close status`: the report (CLI and Node versions, Membrane path and version, login, connection
 * and its state, config path) and its exit code — 0 only when healthy, 4 when the Membrane CLI, the
 * login or the connection is the problem, 3 when Membrane fails.
 */
import {expect} from 'chai'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'
import {FAKE_CLOSE, fakeHome, jsonError, sandbox, SANDBOX_CLOSE} from './session-helpers.js'

interface Report {
  cli: {node: string; version: string}
  configPath: string
  connection: null | Record<string, unknown>
  healthy: boolean
  login: {loggedIn: boolean | null; user?: string}
  membrane: {
    found: boolean
    generation: null | string
    isMembraneCli: boolean | null
    path: string
    sandbox: boolean
    version: null | string
  }
  problems: Array<{code: string; exitCode: number; fix: string; message: string}>
  read: null | {ok: boolean; user?: string}
}

const FAKE = join(FAKE_BIN_DIR, 'membrane-fake')

async function status(fake: ReturnType<typeof fakeHome>, env: Record<string, string> = {}) {
  const result = await fake.run(['status', '--json'], env)
  return {...result, report: JSON.parse(result.stdout) as Report}
}

describe('close status', () => {
  it('sandbox: healthy, exit 0, the human report on stdout', async () => {
    const home = new CommandHome()
    try {
      const result = await sandbox(home)(['status'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      expect(result.stdout).to.match(/^close \d+\.\d+\.\d+ · Node v\d+\.\d+\.\d+\n\n/)
      expect(result.stdout).to.include('  ✓ Membrane CLI  1.18.3 (sandbox) at ')
      expect(result.stdout).to.include('  ✓ Login         logged in as rep@acme-demo.example\n')
      expect(result.stdout).to.include(
        `  ✓ Connection    Close (Acme Demo) (${SANDBOX_CLOSE}) · READY · the sandbox default\n`,
      )
      expect(result.stdout).to.include(`  · Config file   ${join(home.configDir, 'config.json')}\n`)
      expect(result.stdout).to.match(/All good: close is ready to use\.\n$/)
    } finally {
      home.remove()
    }
  })

  it('fake membrane with a chosen READY connection: the JSON report, exit 0', async () => {
    const fake = fakeHome()
    try {
      const {exitCode, report, stderr} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode, stderr).to.equal(0)
      expect(stderr).to.equal('')
      expect(report.cli.node).to.equal(process.version)
      expect(report).to.deep.include({
        configPath: join(fake.home.configDir, 'config.json'),
        connection: {close: true, id: FAKE_CLOSE, name: 'Close', ready: true, source: 'flag', state: 'READY'},
        healthy: true,
        login: {loggedIn: true, user: 'dana@northwind-demo.example'},
        membrane: {found: true, generation: 'A', isMembraneCli: true, path: FAKE, sandbox: false, version: '1.18.3'},
        problems: [],
        read: {ok: true, user: 'dana@northwind-demo.example'},
      })
      expect(fake.spawned()).to.deep.equal([
        ['--version'],
        ['--help'],
        ['status', '--json'],
        ['connection', 'get', FAKE_CLOSE, '--json'],
        ['request', FAKE_CLOSE, '/me/', '--method=GET'],
      ])
    } finally {
      fake.home.remove()
    }
  })

  it('no connection chosen: exit 4 naming close login, --connection and CLOSE_CONNECTION_ID', async () => {
    const fake = fakeHome()
    try {
      const {exitCode, report, stderr} = await status(fake)
      expect(exitCode).to.equal(4)
      expect(report.healthy).to.equal(false)
      expect(report.connection).to.equal(null)
      expect(report.problems.map((p) => p.code)).to.deep.equal(['no_connection'])
      expect(stderr.split('\n').slice(0, 2)).to.deep.equal([
        'Error: No Close connection is chosen.',
        '  Run `close login` (or `close connections use`), or pass --connection ID (or set CLOSE_CONNECTION_ID).',
      ])
      expect(jsonError(stderr)).to.include({code: 'no_connection', exitCode: 4})
    } finally {
      fake.home.remove()
    }
  })

  it('the connection needs re-authentication: exit 4 with the reconnect command', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'connection-expired'})
    try {
      const result = await fake.run(['status'], {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.include(
        `  ✗ Connection    Close (${FAKE_CLOSE}) · CLIENT_ACTION_REQUIRED · from --connection or CLOSE_CONNECTION_ID\n`,
      )
      expect(result.stderr).to.equal(
        `Error: The connection Close (${FAKE_CLOSE}) needs re-authentication (state CLIENT_ACTION_REQUIRED).\n` +
          `  Re-authenticate it with \`close connections reconnect ${FAKE_CLOSE}\` (or \`membrane connect --connectionId=${FAKE_CLOSE}\`), or choose another with \`close connections use\`.\n`,
      )
    } finally {
      fake.home.remove()
    }
  })

  it('a connection Membrane does not know: exit 4', async () => {
    const fake = fakeHome()
    try {
      const {exitCode, report} = await status(fake, {CLOSE_CONNECTION_ID: 'aaaaaaaaaaaaaaaaaaaaaaaa'})
      expect(exitCode).to.equal(4)
      expect(report.problems.map((p) => p.code)).to.deep.equal(['connection_not_found'])
    } finally {
      fake.home.remove()
    }
  })

  it('not logged in: exit 4 naming close login; the connection is not checked', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'not-authenticated'})
    try {
      const {exitCode, report, stderr} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode).to.equal(4)
      expect(report.login.loggedIn).to.equal(false)
      expect(report.connection).to.deep.equal({id: FAKE_CLOSE, source: 'flag'})
      expect(report.problems.map((p) => p.code)).to.deep.equal(['not_logged_in'])
      expect(stderr.split('\n')[1]).to.equal('  Run `close login`.')
      expect(fake.spawned().map((argv) => argv[0])).to.deep.equal(['--version', '--help', 'status'])
    } finally {
      fake.home.remove()
    }
  })

  it('a `membrane` that is not @membranehq/cli (the agent-skills plugin) is flagged: exit 4', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'agent-plugin'})
    try {
      const {exitCode, report, stderr} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode).to.equal(4)
      expect(report.membrane).to.include({found: true, isMembraneCli: false, version: '0.1.13289'})
      expect(report.problems[0].code).to.equal('membrane_unexpected')
      expect(stderr).to.include(`Error: ${FAKE} is not the Membrane CLI (@membranehq/cli): it says "0.1.13289".`)
      expect(stderr).to.include('npm install -g @membranehq/cli')
    } finally {
      fake.home.remove()
    }
  })

  it('no membrane binary: exit 4 with the install hint', async () => {
    const home = new CommandHome()
    try {
      const result = await home.run(['status', '--json'], {CLOSE_MEMBRANE_BIN: '/nonexistent/membrane'})
      expect(result.exitCode).to.equal(4)
      const report = JSON.parse(result.stdout) as Report
      expect(report.membrane).to.include({found: false, path: '/nonexistent/membrane'})
      expect(report.problems.map((p) => p.code)).to.deep.equal(['membrane_missing', 'no_connection'])
      expect(result.stderr).to.include('npm install -g @membranehq/cli')
    } finally {
      home.remove()
    }
  })

  it('Membrane failing (not a login or connection problem): exit 3', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'stderr-exit1'})
    try {
      const {exitCode, report} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode).to.equal(3)
      expect(report.login.loggedIn).to.equal(null)
      expect(report.problems.every((p) => p.exitCode === 3)).to.equal(true)
    } finally {
      fake.home.remove()
    }
  })

  it('generation B (act, no request): healthy, the generation shown, the read made with act --api', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'gen-b'})
    try {
      const {exitCode, report, stderr} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode, stderr).to.equal(0)
      expect(report.membrane.generation).to.equal('B')
      expect(report.read).to.deep.equal({ok: true, user: 'dana@northwind-demo.example'})
      const read = fake.spawned().at(-1)!
      expect(read.slice(0, 2)).to.deep.equal(['act', `--connectionId=${FAKE_CLOSE}`])
      expect(
        read.some((arg) => arg.startsWith('--api')),
        JSON.stringify(read),
      ).to.equal(true)
    } finally {
      fake.home.remove()
    }
  })

  it('the proxy is missing (data calls would fail): not healthy, exit 3 as `close raw /me/` gets', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'actions-only'})
    try {
      const {exitCode, report, stderr} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      const raw = await fake.run(['raw', '/me/'], {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode).to.equal(3)
      expect(raw.exitCode).to.equal(3)
      expect(report.healthy).to.equal(false)
      expect(report.read).to.deep.equal({ok: false})
      expect(report.problems.map((p) => p.code)).to.deep.equal(['membrane_unsupported'])
      expect(stderr).to.match(/^Error: Reading Close \(GET \/me\/\) failed: /)
      expect(stderr).to.not.include('All good')
    } finally {
      fake.home.remove()
    }
  })

  it('a connector that needs /api/v1: healthy, and the base path is cached beside the action IDs', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'api-v1'})
    try {
      const {exitCode, report, stderr} = await status(fake, {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(exitCode, stderr).to.equal(0)
      expect(report.read?.ok).to.equal(true)
      expect(fake.config().basePaths).to.deep.equal({[FAKE_CLOSE]: '/api/v1'})
      fake.spawned()
      const again = await fake.run(['raw', '/me/', '--json'], {CLOSE_CONNECTION_ID: FAKE_CLOSE})
      expect(again.exitCode, again.stderr).to.equal(0)
      expect(fake.spawned()).to.deep.equal([['request', FAKE_CLOSE, '/api/v1/me/', '--method=GET']])
    } finally {
      fake.home.remove()
    }
  })
})
