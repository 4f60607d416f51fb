import {expect} from 'chai'

import {CLOSE_CONNECTOR_ID, CONNECTION_ID, makeSandbox, type Sandbox} from './helpers.js'

const LOGGED_IN = {
  apiUri: 'https://sandbox.membrane.local',
  loggedIn: true,
  tenantKey: 'demo',
  user: {email: 'rep@acme-demo.example'},
  workspaceKey: 'sandbox',
}

const NOT_AUTHENTICATED = {
  key: 'not_authenticated',
  message: 'Not logged in. Run: membrane login --tenant',
  type: 'bad_request',
}

const state = (text: string) => /state=([\da-f]+)/.exec(text)?.[1]

describe('sandbox membrane: login, logout, status', () => {
  let sandbox: Sandbox

  beforeEach(async () => {
    sandbox = await makeSandbox()
  })

  afterEach(async () => {
    await sandbox.cleanup()
  })

  it('starts logged in', async () => {
    const run = await sandbox.run(['status', '--json'])
    expect(run.exitCode).to.equal(0)
    expect(run.json()).to.deep.equal(LOGGED_IN)
    expect(run.stderr).to.equal('')
  })

  it('status without --json is a short text', async () => {
    const run = await sandbox.run(['status'])
    expect(run.stdout).to.equal(
      'Logged in as rep@acme-demo.example\nAPI: https://sandbox.membrane.local\nWorkspace: sandbox  Tenant: demo\n',
    )
  })

  it('logout logs out; every tenant command then fails with not_authenticated', async () => {
    const out = await sandbox.run(['logout'])
    expect(out).to.include({exitCode: 0, stdout: 'Logged out.\n'})
    const status = await sandbox.run(['status', '--json'])
    expect(status.exitCode).to.equal(0)
    expect(status.json()).to.deep.equal({loggedIn: false})
    expect((await sandbox.run(['status'])).stdout).to.equal('Not logged in. Run: membrane login --tenant\n')

    const commands = [
      ['search', 'close', '--elementType=connector', '--json'],
      ['connect', `--connectorId=${CLOSE_CONNECTOR_ID}`, '--non-interactive', '--json'],
      ['connection', 'list', '--json'],
      ['connection', 'get', CONNECTION_ID, '--json'],
      ['action', 'list', `--connectionId=${CONNECTION_ID}`, '--json'],
      ['action', 'run', 'list-leads', `--connectionId=${CONNECTION_ID}`, '--input={}', '--json'],
      ['request', CONNECTION_ID, '/me/', '--json'],
    ]
    const runs = await Promise.all(commands.map((args) => sandbox.run(args)))
    for (const [i, run] of runs.entries()) {
      expect(run.exitCode, commands[i].join(' ')).to.equal(1)
      expect(run.json(), commands[i].join(' ')).to.deep.equal(NOT_AUTHENTICATED)
      expect(run.stderr).to.equal('Error: Not logged in. Run: membrane login --tenant\n')
    }
  })

  it('login → login complete → status round trip', async () => {
    await sandbox.run(['logout'])
    const start = await sandbox.run(['login', '--tenant', '--non-interactive'])
    expect(start.exitCode).to.equal(0)
    expect(start.stdout).to.equal('')
    const url = /https:\/\/sandbox\.membrane\.local\/oauth\/authorize\?\S+/.exec(start.stderr)?.[0]
    expect(url).to.be.a('string')
    expect(new URL(url!).searchParams.get('state')).to.match(/^[\da-f]{32}$/)
    expect(start.stderr).to.include('Then run: membrane login complete <code>\n')
    expect(start.stderr).to.include('(Sandbox: the code shown after approval is SANDBOX-CODE)\n')
    expect((await sandbox.run(['status', '--json'])).json()).to.deep.equal({loggedIn: false})

    const complete = await sandbox.run(['login', 'complete', 'SANDBOX-CODE'])
    expect(complete).to.include({
      exitCode: 0,
      stderr: '',
      stdout: 'Logged in as rep@acme-demo.example (workspace sandbox, tenant demo).\n',
    })
    expect((await sandbox.run(['status', '--json'])).json()).to.deep.equal(LOGGED_IN)
    expect((await sandbox.run(['connection', 'list', '--json'])).exitCode).to.equal(0)
  })

  it('login complete --json prints {ok: true, …}', async () => {
    await sandbox.run(['login'])
    const run = await sandbox.run(['login', 'complete', 'SANDBOX-CODE', '--json'])
    expect(run.exitCode).to.equal(0)
    expect(run.json()).to.deep.equal({ok: true, ...LOGGED_IN})
  })

  it('each login start has a new state and the pending login survives a wrong code', async () => {
    await sandbox.run(['logout'])
    const a = await sandbox.run(['login', '--tenant'])
    const b = await sandbox.run(['login', '--tenant'])
    expect(state(a.stderr)).to.not.equal(state(b.stderr))

    const wrong = await sandbox.run(['login', 'complete', 'NOPE', '--json'])
    expect(wrong.exitCode).to.equal(1)
    expect(wrong.json()).to.deep.include({key: 'not_authenticated', type: 'bad_request'})
    expect(wrong.stderr).to.match(/^Error: Invalid authorization code\./)
    expect((await sandbox.run(['login', 'complete', 'SANDBOX-CODE'])).exitCode).to.equal(0)
  })

  it('login complete without a pending login is an error', async () => {
    const run = await sandbox.run(['login', 'complete', 'SANDBOX-CODE', '--json'])
    expect(run.exitCode).to.equal(1)
    expect(run.json()).to.deep.equal({
      key: 'not_authenticated',
      message: 'No login in progress. Start one with: membrane login --tenant',
      type: 'bad_request',
    })
    expect(run.stderr).to.equal('Error: No login in progress. Start one with: membrane login --tenant\n')
  })

  it('login complete without a code is a usage error', async () => {
    const run = await sandbox.run(['login', 'complete'])
    expect(run).to.include({exitCode: 1, stdout: ''})
    expect(run.stderr).to.equal('Error: Missing argument. Usage: membrane login complete <authorization-code>\n')
  })
})
