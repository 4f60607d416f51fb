/**
 * The process contract, command by command, through the built executable exactly as the CLI
 * spawns it. (The other files check the details by calling the same main() in this process.)
 */
import {expect} from 'chai'

import {
  assertBuilt,
  CLOSE_CONNECTOR_ID,
  CONNECTION_ID,
  makeSandbox,
  OLD_CONNECTION_ID,
  type Sandbox,
} from './helpers.js'

const conn = `--connectionId=${CONNECTION_ID}`

describe('sandbox membrane: spawned executable, one command after another', () => {
  let sandbox: Sandbox

  before(async () => {
    assertBuilt()
    sandbox = await makeSandbox({close: 'real', spawn: true})
  })

  after(async () => {
    await sandbox.cleanup()
  })

  it('logout, then a tenant command fails with not_authenticated', async () => {
    expect(await sandbox.run(['logout'])).to.include({exitCode: 0, stderr: '', stdout: 'Logged out.\n'})
    const run = await sandbox.run(['connection', 'list', '--json'])
    expect(run).to.include({exitCode: 1, stderr: 'Error: Not logged in. Run: membrane login --tenant\n'})
    expect(run.json()).to.deep.equal({
      key: 'not_authenticated',
      message: 'Not logged in. Run: membrane login --tenant',
      type: 'bad_request',
    })
  })

  it('login --tenant (headless) → login complete SANDBOX-CODE → status --json', async () => {
    const start = await sandbox.run(['login', '--tenant'])
    expect(start.exitCode).to.equal(0)
    expect(start.stdout).to.equal('')
    expect(start.stderr).to.match(/\n {2}https:\/\/sandbox\.membrane\.local\/oauth\/authorize\?\S*state=[\da-f]{32}\n/)
    expect(start.stderr).to.include('Then run: membrane login complete <code>\n')
    const complete = await sandbox.run(['login', 'complete', 'SANDBOX-CODE', '--json'])
    expect(complete.exitCode).to.equal(0)
    expect(complete.json()).to.deep.include({loggedIn: true, ok: true})
    const status = await sandbox.run(['status', '--json'])
    expect(status).to.include({exitCode: 0, stderr: ''})
    expect(status.json()).to.deep.equal({
      apiUri: 'https://sandbox.membrane.local',
      loggedIn: true,
      tenantKey: 'demo',
      user: {email: 'rep@acme-demo.example'},
      workspaceKey: 'sandbox',
    })
  })

  it('search close --elementType=connector --json', async () => {
    const run = await sandbox.run(['search', 'close', '--elementType=connector', '--json'])
    expect(run).to.include({exitCode: 0, stderr: ''})
    const {items} = run.json() as {items: Array<{element: {id: string; name: string}; elementType: string}>}
    expect(items.map((i) => [i.elementType, i.element.name])).to.deep.equal([
      ['connector', 'Closeio Forms'],
      ['connector', 'Close'],
    ])
    expect(items[1].element.id).to.equal(CLOSE_CONNECTOR_ID)
  })

  it('connection list --json and connection get --json', async () => {
    const list = await sandbox.run(['connection', 'list', '--json'])
    expect(list).to.include({exitCode: 0, stderr: ''})
    expect((list.json() as {items: Array<{id: string}>}).items.map((c) => c.id)).to.have.length(3)
    const get = await sandbox.run(['connection', 'get', OLD_CONNECTION_ID, '--json'])
    expect(get.json()).to.deep.include({id: OLD_CONNECTION_ID, state: 'CLIENT_ACTION_REQUIRED'})
  })

  it('connect --connectorId=ID --non-interactive --json', async () => {
    const run = await sandbox.run(['connect', `--connectorId=${CLOSE_CONNECTOR_ID}`, '--non-interactive', '--json'])
    expect(run.exitCode).to.equal(0)
    const connection = run.json() as {clientAction: {uiUrl: string}; state: string}
    expect(connection.state).to.equal('CLIENT_ACTION_REQUIRED')
    expect(run.stderr).to.include(connection.clientAction.uiUrl)
  })

  it('action list --intent --json', async () => {
    const run = await sandbox.run(['action', 'list', conn, '--intent=list-leads', '--json'])
    expect(run).to.include({exitCode: 0, stderr: ''})
    expect((run.json() as {items: Array<{key: string}>}).items[0].key).to.equal('list-leads')
  })

  it('action run list-leads / get-lead, and a Close 404 as an action_run error', async () => {
    const list = await sandbox.run(['action', 'run', 'list-leads', conn, '--input={"limit":2}', '--json'])
    expect(list).to.include({exitCode: 0, stderr: ''})
    const {output} = list.json() as {output: {cursor: string; records: Array<{id: string}>}}
    expect(output.records).to.have.length(2)
    expect(output.cursor).to.be.a('string')
    const get = await sandbox.run([
      'action',
      'run',
      'get-lead',
      conn,
      `--input={"id":"${output.records[0].id}"}`,
      '--json',
    ])
    expect((get.json() as {output: {record: {id: string}}}).output.record.id).to.equal(output.records[0].id)
    const missing = await sandbox.run(['action', 'run', 'get-lead', conn, '--input={"id":"lead_missing"}', '--json'])
    expect(missing).to.include({exitCode: 1, stderr: 'Error: Close API request failed with status 404\n'})
    expect(missing.json()).to.deep.include({type: 'action_run'})
  })

  it('request: 2xx body with exit 0, 404 body with HTTP 404 on stderr and exit 1', async () => {
    const ok = await sandbox.run(['request', CONNECTION_ID, '/me/'])
    expect(ok).to.include({exitCode: 0, stderr: ''})
    expect(ok.json()).to.deep.include({email: 'jordan.lee@acme-demo.example', first_name: 'Jordan'})
    const missing = await sandbox.run(['request', CONNECTION_ID, '/lead/lead_missing/'])
    expect(missing).to.include({
      exitCode: 1,
      stderr: 'HTTP 404 Not Found\n',
      stdout: '{"error":"Empty query: Lead matching query does not exist."}\n',
    })
  })
})
