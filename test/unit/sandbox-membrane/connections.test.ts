import {expect} from 'chai'

import {
  CLOSE_CONNECTOR_ID,
  CONNECTION_ID,
  HUBSPOT_CONNECTION_ID,
  makeSandbox,
  OLD_CONNECTION_ID,
  type Sandbox,
  sleep,
} from './helpers.js'

interface Connection {
  [key: string]: unknown
  clientAction?: {description: string; type: string; uiUrl: string}
  id: string
  state: string
}

/** Poll `connection get` until READY (no timing assertion: only that it gets there). */
async function pollReady(sandbox: Sandbox, id: string): Promise<Connection> {
  for (let i = 0; i < 100; i++) {
    const connection = (await sandbox.run(['connection', 'get', id, '--json'])).json() as Connection
    if (connection.state === 'READY') return connection

    await sleep(250)
  }

  throw new Error(`connection ${id} never became READY`)
}

describe('sandbox membrane: search, connect, connections', () => {
  let sandbox: Sandbox

  beforeEach(async () => {
    sandbox = await makeSandbox()
  })

  afterEach(async () => {
    await sandbox.cleanup()
  })

  it('connection list --json: the three initial connections in order', async () => {
    const run = await sandbox.run(['connection', 'list', '--json'])
    expect(run.exitCode).to.equal(0)
    const {items} = run.json() as {items: Connection[]}
    expect(Object.keys(run.json() as object)).to.deep.equal(['items'])
    expect(items.map((c) => [c.id, c.name, c.state])).to.deep.equal([
      [CONNECTION_ID, 'Close (Acme Demo)', 'READY'],
      [OLD_CONNECTION_ID, 'Close (Old workspace)', 'CLIENT_ACTION_REQUIRED'],
      [HUBSPOT_CONNECTION_ID, 'HubSpot', 'READY'],
    ])
    const [close, old, hubspot] = items
    expect(close).to.deep.include({
      connectorId: CLOSE_CONNECTOR_ID,
      disconnected: false,
      key: 'close',
      userId: '6650c105e5a4d0b0c1a5a001',
    })
    expect(close.integration).to.deep.include({key: 'close', name: 'Close'})
    expect(close.createdAt).to.match(/^\d{4}-\d\d-\d\dT/)
    expect(close.updatedAt).to.match(/^\d{4}-\d\d-\d\dT/)
    expect(close).to.not.have.property('clientAction')
    expect(old.clientAction).to.include({type: 'connect'})
    expect(old.clientAction!.uiUrl).to.match(/^https:\/\/sandbox\.membrane\.local\/connect\//)
    expect(old.clientAction!.description).to.be.a('string')
    expect(hubspot.integration).to.deep.include({key: 'hubspot', name: 'HubSpot'})
    expect(hubspot.connectorId).to.not.equal(CLOSE_CONNECTOR_ID)
  })

  it('connection list filters by --integrationKey', async () => {
    const run = await sandbox.run(['connection', 'list', '--integrationKey=hubspot', '--json'])
    expect((run.json() as {items: Connection[]}).items.map((c) => c.id)).to.deep.equal([HUBSPOT_CONNECTION_ID])
  })

  it('connection list without --json is one line per connection', async () => {
    const run = await sandbox.run(['connection', 'list'])
    expect(run.stdout).to.equal(
      `${CONNECTION_ID}\tREADY\tClose (Acme Demo)\n` +
        `${OLD_CONNECTION_ID}\tCLIENT_ACTION_REQUIRED\tClose (Old workspace)\n` +
        `${HUBSPOT_CONNECTION_ID}\tREADY\tHubSpot\n`,
    )
  })

  it('connection get ID --json, and by key; an unknown id is not_found', async () => {
    const [byId, byKey, missing] = await Promise.all([
      sandbox.run(['connection', 'get', CONNECTION_ID, '--json']),
      sandbox.run(['connection', 'get', 'close', '--json']),
      sandbox.run(['connection', 'get', 'ffffffffffffffffffffffff', '--json']),
    ])
    expect(byId.exitCode).to.equal(0)
    expect(byId.json()).to.deep.include({id: CONNECTION_ID, name: 'Close (Acme Demo)', state: 'READY'})
    expect(byKey.json()).to.deep.equal(byId.json())
    expect(missing.exitCode).to.equal(1)
    expect(missing.json()).to.deep.equal({
      key: 'not_found',
      message: 'Connection ffffffffffffffffffffffff not found',
      type: 'bad_request',
    })
    expect(missing.stderr).to.equal('Error: Connection ffffffffffffffffffffffff not found\n')
  })

  it('search: connectors matching the query case-insensitively, Close not first', async () => {
    const run = await sandbox.run(['search', 'CLOSE', '--elementType=connector', '--json'])
    expect(run.exitCode).to.equal(0)
    const {items} = run.json() as {items: Array<{element: Record<string, string>; elementType: string}>}
    expect(items.map((i) => i.element.name)).to.deep.equal(['Closeio Forms', 'Close'])
    expect(items[1]).to.deep.equal({
      element: {
        id: CLOSE_CONNECTOR_ID,
        key: 'close',
        logoUri: 'https://sandbox.membrane.local/logos/close.png',
        name: 'Close',
      },
      elementType: 'connector',
    })
    const all = (await sandbox.run(['search', '', '--json'])).json() as {items: Array<{element: {name: string}}>}
    expect(all.items.map((i) => i.element.name)).to.deep.equal(['HubSpot', 'Closeio Forms', 'Close'])
    const other = await sandbox.run(['search', 'close', '--elementType=action', '--json'])
    expect(other.json()).to.deep.equal({items: []})
  })

  it('connect --connectorId creates a connection that is CLIENT_ACTION_REQUIRED, then READY', async () => {
    const run = await sandbox.run(['connect', `--connectorId=${CLOSE_CONNECTOR_ID}`, '--non-interactive', '--json'])
    expect(run.exitCode).to.equal(0)
    const created = run.json() as Connection
    expect(created.id).to.match(/^[\da-f]{24}$/)
    expect(created).to.deep.include({
      connectorId: CLOSE_CONNECTOR_ID,
      disconnected: false,
      key: 'close-2',
      name: 'Close',
      state: 'CLIENT_ACTION_REQUIRED',
    })
    expect(created.clientAction!.uiUrl).to.match(
      new RegExp(`^https://sandbox\\.membrane\\.local/connect/${created.id}\\?`),
    )
    expect(run.stderr).to.include(created.clientAction!.uiUrl)

    const list = (await sandbox.run(['connection', 'list', '--json'])).json() as {items: Connection[]}
    expect(list.items.map((c) => c.id)).to.deep.equal([
      CONNECTION_ID,
      OLD_CONNECTION_ID,
      HUBSPOT_CONNECTION_ID,
      created.id,
    ])

    const ready = await pollReady(sandbox, created.id)
    expect(ready).to.not.have.property('clientAction')
    const actions = await sandbox.run(['action', 'list', `--connectionId=${created.id}`, '--limit=1', '--json'])
    expect(actions.exitCode).to.equal(0)
  })

  it('connect --connectionId re-authenticates the expired Close connection', async () => {
    const before = await sandbox.run(['action', 'list', `--connectionId=${OLD_CONNECTION_ID}`, '--json'])
    expect(before.exitCode).to.equal(1)
    expect(before.json()).to.deep.include({key: 'access_token_expired', type: 'connection'})
    expect(before.stderr).to.include(`membrane connect --connectionId=${OLD_CONNECTION_ID}`)

    const run = await sandbox.run(['connect', `--connectionId=${OLD_CONNECTION_ID}`, '--non-interactive', '--json'])
    expect(run.exitCode).to.equal(0)
    expect(run.json()).to.deep.include({disconnected: false, id: OLD_CONNECTION_ID, state: 'CLIENT_ACTION_REQUIRED'})
    await pollReady(sandbox, OLD_CONNECTION_ID)
    const after = await sandbox.run(['action', 'list', `--connectionId=${OLD_CONNECTION_ID}`, '--limit=1', '--json'])
    expect(after.exitCode).to.equal(0)
  })

  it('connect with an unknown connector or connection is not_found; with nothing is a usage error', async () => {
    const [connector, connection, nothing] = await Promise.all([
      sandbox.run(['connect', '--connectorId=000000000000000000000000', '--json']),
      sandbox.run(['connect', '--connectionId=000000000000000000000000', '--json']),
      sandbox.run(['connect', '--json']),
    ])
    expect(connector.exitCode).to.equal(1)
    expect(connector.json()).to.deep.equal({
      key: 'not_found',
      message: 'Connector 000000000000000000000000 not found',
      type: 'bad_request',
    })
    expect(connection.json()).to.deep.include({
      key: 'not_found',
      message: 'Connection 000000000000000000000000 not found',
    })
    expect(nothing.exitCode).to.equal(1)
    expect(nothing.json()).to.deep.include({type: 'bad_request'})
  })
})
