import {expect} from 'chai'

import {AuthError, NotFoundError, RemoteError, UsageError} from '../../../src/errors.js'
import {listEnvelope, MembraneClient} from '../../../src/membrane/client.js'
import {
  CLOSE_CONNECTION_ID,
  CLOSE_CONNECTOR_ID,
  FakeMembrane,
  fixture,
  inProcessFakes,
  isAlive,
  rejection,
} from './helpers.js'

type Lead = {display_name: string; id: string}
const LEADS = fixture<Lead[]>('leads.json')
const ACTIONS = fixture<Array<{id: string; key: string}>>('actions.json')
const actionId = (key: string) => ACTIONS.find((action) => action.key === key)!.id
const CONN = `--connectionId=${CLOSE_CONNECTION_ID}`

describe('membrane/client (against the fake membrane)', () => {
  const fakes = inProcessFakes()

  before(fakes.install)

  after(fakes.restore)
  let fake: FakeMembrane
  const client = (scenario: string, env: Record<string, string> = {}) => new MembraneClient(fake.gateway(scenario, env))

  beforeEach(() => {
    fake = new FakeMembrane()
  })

  afterEach(() => {
    fake.remove()
  })

  describe('listConnections', () => {
    it('follows cursor through {items} pages', async () => {
      const connections = await client('items', {FAKE_MEMBRANE_PAGE_SIZE: '1'}).listConnections()
      expect(connections.map((connection) => connection.name)).to.deep.equal(['Close', 'HubSpot'])
      const calls = fake.calls()
      expect(calls).to.have.length(2)
      expect(calls[0]).to.deep.equal(['connection', 'list', '--json'])
      expect(calls[1][0]).to.equal('connection')
      expect(calls[1][2]).to.match(/^--cursor=\S+$/)
      expect(calls[1][3]).to.equal('--json')
    })

    it('accepts a bare array', async () => {
      const connections = await client('array', {FAKE_MEMBRANE_CLOSE_CONNECTIONS: '2'}).listConnections()
      expect(connections.map((connection) => connection.id)).to.include(CLOSE_CONNECTION_ID)
      expect(connections).to.have.length(3)
    })

    it('retries reads on 429', async () => {
      const connections = await client('429-then-ok').listConnections()
      expect(connections).to.have.length(2)
      expect(fake.calls()).to.have.length(3)
    })
  })

  describe('listActions', () => {
    it('sends --connectionId, --intent and --limit, and returns the items', async () => {
      const actions = await client('items').listActions(CLOSE_CONNECTION_ID, 'list-leads', 5)
      expect(fake.calls()).to.deep.equal([['action', 'list', CONN, '--intent=list-leads', '--limit=5', '--json']])
      expect(actions).to.have.length(5)
      expect(actions[0]).to.include({id: actionId('list-leads'), key: 'list-leads'})
      expect(actions[0].inputSchema).to.have.nested.property('properties.limit')
    })

    it('follows cursor when no limit is given', async () => {
      const actions = await client('items').listActions(CLOSE_CONNECTION_ID)
      expect(actions).to.have.length(20)
      expect(fake.calls()).to.have.length(2)
    })

    it('accepts a bare array, and an empty list when the connection has no actions', async () => {
      expect(await client('array').listActions(CLOSE_CONNECTION_ID, 'get-lead')).to.have.length(20)
      expect(await client('proxy-only').listActions(CLOSE_CONNECTION_ID, 'get-lead')).to.deep.equal([])
    })
  })

  describe('search / connect / connections', () => {
    it('search returns {elementType, element} items', async () => {
      const items = await client('items').search('close', 'connector')
      expect(fake.calls()).to.deep.equal([['search', 'close', '--elementType=connector', '--json']])
      expect(items[0]).to.deep.include({elementType: 'connector'})
      expect(items[0].element).to.include({id: CLOSE_CONNECTOR_ID, name: 'Close'})
      expect(await client('array').search('close', 'connector')).to.have.length(2)
    })

    it('connect reads a connection object: id, state and clientAction.uiUrl', async () => {
      const result = await client('items').connect({connectorId: CLOSE_CONNECTOR_ID})
      expect(fake.calls()).to.deep.equal([
        ['connect', `--connectorId=${CLOSE_CONNECTOR_ID}`, '--non-interactive', '--json'],
      ])
      expect(result).to.deep.include({
        connectionId: 'a1b2c3d4e5f6a7b8c9d0e1f2',
        state: 'CLIENT_ACTION_REQUIRED',
        url: 'https://ui.getmembrane.com/connect/a1b2c3d4e5f6a7b8c9d0e1f2?token=fake-connect-token',
      })
    })

    it('connect reads {connectionId}, {resultConnectionId}, {requestId, url} and plain text', async () => {
      const target = {connectorId: CLOSE_CONNECTOR_ID}
      const byShape = async (shape: string) => client('items', {FAKE_MEMBRANE_CONNECT_SHAPE: shape}).connect(target)
      expect(await byShape('connectionId')).to.deep.include({connectionId: 'a1b2c3d4e5f6a7b8c9d0e1f2'})
      expect(await byShape('resultConnectionId')).to.deep.include({
        connectionId: 'a1b2c3d4e5f6a7b8c9d0e1f2',
        requestId: 'req_7f3e9c1a',
      })
      const request = await byShape('request')
      expect(request.connectionId).to.equal(undefined)
      expect(request).to.deep.include({requestId: 'req_7f3e9c1a'})
      expect(request.url).to.match(/^https:\/\/ui\.getmembrane\.com\/connect\//)
      const text = await byShape('text')
      expect(text.url).to.match(/^https:\/\/ui\.getmembrane\.com\/connect\//)
    })

    it('connect with a connectionId re-authenticates that connection', async () => {
      const result = await client('items').connect({connectionId: CLOSE_CONNECTION_ID})
      expect(fake.calls()[0]).to.deep.equal(['connect', CONN, '--non-interactive', '--json'])
      expect(result.connectionId).to.equal(CLOSE_CONNECTION_ID)
    })

    it('getConnection and getConnectionRequest', async () => {
      const connection = await client('items').getConnection(CLOSE_CONNECTION_ID)
      expect(connection).to.include({id: CLOSE_CONNECTION_ID, name: 'Close', state: 'READY'})
      expect(fake.calls()[0]).to.deep.equal(['connection', 'get', CLOSE_CONNECTION_ID, '--json'])
      const request = await client('items').getConnectionRequest('req_7f3e9c1a')
      expect(request).to.deep.include({connectionId: CLOSE_CONNECTION_ID, status: 'success'})
      expect(fake.calls()[1]).to.deep.equal(['connection-request', 'get', 'req_7f3e9c1a', '--json'])
    })

    it('getConnection of an unknown ID → connection_not_found', async () => {
      const error = await rejection(client('items').getConnection('ffffffffffffffffffffffff'))
      expect(error).to.be.instanceOf(AuthError)
      expect(error).to.include({code: 'connection_not_found'})
    })

    it('refuses positionals that would read as flags', async () => {
      const error = await rejection(client('items').getConnection('--help'))
      expect(error).to.be.instanceOf(UsageError)
      expect(fake.calls()).to.deep.equal([])
    })
  })

  describe('login / logout / status / version', () => {
    it('loginStart finds the URL on stdout', async () => {
      const login = await client('login-url-stdout').loginStart()
      expect(fake.calls()).to.deep.equal([['login', '--tenant']])
      expect(login.url).to.equal(
        'https://ui.getmembrane.com/cli-login?client=membrane-cli&code_challenge=Q2xvc2VDTElGYWtlQ2hhbGxlbmdl&state=fake-state-1',
      )
      expect(login.output).to.include('membrane login complete <code>')
    })

    it('loginStart finds the URL on stderr', async () => {
      const login = await client('login-url-stderr').loginStart()
      expect(login.url).to.match(/^https:\/\/ui\.getmembrane\.com\/cli-login\?/)
    })

    it('loginStart retries without --tenant when the option is unknown', async () => {
      const login = await client('login-no-tenant').loginStart()
      expect(fake.calls()).to.deep.equal([['login', '--tenant'], ['login']])
      expect(login.url).to.match(/^https:\/\/ui\.getmembrane\.com\/cli-login\?/)
    })

    it('loginStart does not wait for a login that keeps running', async () => {
      const login = await client('login-wait').loginStart()
      expect(login.url).to.match(/^https:\/\/ui\.getmembrane\.com\/cli-login\?/)
      expect(isAlive(fake.pids()[0])).to.equal(false)
    })

    it('loginStart without a URL → login_no_url, or the mapped failure', async () => {
      const garbage = await rejection(client('garbage').loginStart())
      expect(garbage).to.be.instanceOf(RemoteError)
      expect(garbage).to.include({code: 'login_no_url'})
      expect(garbage.message).to.include('Welcome to Membrane!')
      const broken = await rejection(client('stderr-exit1').loginStart())
      expect(broken).to.include({code: 'membrane_failed'})
    })

    it('loginComplete sends the code; a bad code is an error', async () => {
      await client('items').loginComplete('c0de-123')
      expect(fake.calls()).to.deep.equal([['login', 'complete', 'c0de-123']])
      const error = await rejection(client('items').loginComplete('bad-code'))
      expect(error).to.be.instanceOf(RemoteError)
      expect(error.message).to.equal('Membrane failed: Error: Invalid or expired authorization code.')
    })

    it('logout', async () => {
      await client('items').logout()
      expect(fake.calls()).to.deep.equal([['logout']])
    })

    it('status: logged in with the user’s email', async () => {
      const status = await client('items').status()
      expect(fake.calls()).to.deep.equal([['status', '--json']])
      expect(status).to.deep.include({loggedIn: true, user: 'dana@northwind-demo.example'})
    })

    it('status: a not-authenticated error means logged out', async () => {
      const status = await client('not-authenticated').status()
      expect(status.loggedIn).to.equal(false)
    })

    it('status: other failures and unreadable output still throw', async () => {
      expect(await rejection(client('garbage').status())).to.have.property('code', 'bad_output')
      expect(await rejection(client('stderr-exit1').status())).to.have.property('code', 'membrane_failed')
    })

    it('version: @membranehq/cli vs the agent-skills plugin', async () => {
      expect(await client('items').version()).to.deep.equal({isMembraneCli: true, raw: '1.18.3', version: '1.18.3'})
      expect(fake.calls()[0]).to.deep.equal(['--version'])
      expect(await client('agent-plugin').version()).to.deep.equal({
        isMembraneCli: false,
        raw: '0.1.13289',
        version: '0.1.13289',
      })
    })
  })

  describe('runAction', () => {
    it('sends the input as one JSON argv element and returns `output`', async () => {
      const input = {limit: 2, query: 'name:"Bluestem"'}
      const output = (await client('items').runAction(actionId('list-leads'), CLOSE_CONNECTION_ID, input, {
        retry: true,
      })) as {cursor: string; records: Array<{rawFields: Lead}>}
      expect(fake.calls()).to.deep.equal([
        ['action', 'run', actionId('list-leads'), CONN, `--input=${JSON.stringify(input)}`, '--json'],
      ])
      expect(output.records.map((record) => record.rawFields.id)).to.deep.equal([LEADS[0].id, LEADS[1].id])
      expect(output.cursor).to.be.a('string')
    })

    it('a missing lead → NotFoundError 5; a gone action → action_not_found', async () => {
      const missing = await rejection(
        client('items').runAction(actionId('get-lead'), CLOSE_CONNECTION_ID, {id: 'lead_000000000000000000000x'}),
      )
      expect(missing).to.be.instanceOf(NotFoundError)
      expect(missing).to.include({code: 'not_found', exitCode: 5})
      const gone = await rejection(client('proxy-only').runAction(actionId('get-lead'), CLOSE_CONNECTION_ID, {}))
      expect(gone).to.be.instanceOf(NotFoundError)
      expect(gone).to.include({code: 'action_not_found'})
    })

    it('creates are not retried', async () => {
      const error = await rejection(
        client('429-then-ok').runAction(actionId('create-lead'), CLOSE_CONNECTION_ID, {name: 'Acme'}, {retry: false}),
      )
      expect(error).to.include({code: 'rate_limited', exitCode: 6})
      expect(fake.calls()).to.have.length(1)
    })
  })

  describe('request (the proxy)', () => {
    it('builds --method, --query, --header, Content-Type and --data; never --json', async () => {
      const response = await client('items').request(CLOSE_CONNECTION_ID, {
        body: {name: 'Acme & Co'},
        headers: {'X-Request-Id': 'r1'},
        method: 'post',
        path: '/lead/',
        query: [['_fields', 'id,display_name']],
      })
      expect(fake.calls()).to.deep.equal([
        [
          'request',
          CLOSE_CONNECTION_ID,
          '/lead/',
          '--method=POST',
          '--query=_fields=id,display_name',
          '--header=X-Request-Id: r1',
          '--header=Content-Type: application/json',
          '--data={"name":"Acme & Co"}',
        ],
      ])
      expect(response.status).to.equal(200)
      expect(response.body).to.deep.include({display_name: 'Acme & Co'})
    })

    it('a bare body is status 200 with no headers', async () => {
      const response = await client('items').request(CLOSE_CONNECTION_ID, {
        method: 'GET',
        path: '/lead/',
        query: [['_limit', '2']],
      })
      expect(response.status).to.equal(200)
      expect(response.headers).to.deep.equal({})
      expect((response.body as {data: Lead[]; has_more: boolean}).data).to.have.length(2)
      expect(response.body).to.have.property('has_more', true)
    })

    it('unwraps {status, headers, data}', async () => {
      const response = await client('wrapped-request').request(CLOSE_CONNECTION_ID, {
        method: 'GET',
        path: `/lead/${LEADS[2].id}/`,
      })
      expect(response.status).to.equal(200)
      expect(response.headers).to.include({'content-type': 'application/json'})
      expect(response.body).to.deep.include({display_name: LEADS[2].display_name})
    })

    it('a wrapped 404 and a proxied 404 both throw NotFoundError with {status, body}', async () => {
      for (const scenario of ['wrapped-request', 'items']) {
        const error = (await rejection(
          client(scenario).request(CLOSE_CONNECTION_ID, {method: 'GET', path: '/lead/lead_000000000000000000000x/'}),
        )) as NotFoundError
        expect(error, scenario).to.be.instanceOf(NotFoundError)
        expect(error.details).to.deep.equal({
          body: {error: 'Empty query: Lead matching query does not exist.'},
          status: 404,
        })
      }
    })

    it('field errors → close_validation with status and body', async () => {
      const error = (await rejection(
        client('items').request(CLOSE_CONNECTION_ID, {body: {url: 'x'}, method: 'POST', path: '/lead/'}),
      )) as RemoteError
      expect(error).to.include({code: 'close_validation', exitCode: 3})
      expect(error.message).to.equal('Close rejected the request: name: This field is required.')
      expect(error.details).to.deep.include({fieldErrors: {name: 'This field is required.'}, status: 400})
    })

    it('works when the connection has no actions (proxy-only)', async () => {
      const response = await client('proxy-only').request(CLOSE_CONNECTION_ID, {method: 'GET', path: '/me/'})
      expect(response.body).to.have.property('email', 'dana@northwind-demo.example')
    })

    it('an old CLI without `request` → membrane_unsupported', async () => {
      const error = await rejection(client('actions-only').request(CLOSE_CONNECTION_ID, {method: 'GET', path: '/me/'}))
      expect(error).to.be.instanceOf(RemoteError)
      expect(error).to.include({code: 'membrane_unsupported'})
    })

    it('retries proxied reads on 429 when asked', async () => {
      const response = await client('429-then-ok').request(
        CLOSE_CONNECTION_ID,
        {method: 'GET', path: '/me/'},
        {retry: true},
      )
      expect(response.status).to.equal(200)
      expect(fake.calls()).to.have.length(3)
    })

    it('refuses a path that does not start with /', async () => {
      const error = await rejection(client('items').request(CLOSE_CONNECTION_ID, {method: 'GET', path: 'lead/'}))
      expect(error).to.be.instanceOf(UsageError)
      expect(fake.calls()).to.deep.equal([])
    })
  })

  describe('listEnvelope', () => {
    it('reads bare arrays, {items}, {data} and cursors', () => {
      expect(listEnvelope([1])).to.deep.equal({items: [1]})
      expect(listEnvelope({cursor: 'c2', items: [1]})).to.deep.equal({cursor: 'c2', items: [1]})
      expect(listEnvelope({data: [2]})).to.deep.equal({cursor: undefined, items: [2]})
      expect(listEnvelope('nope')).to.deep.equal({items: []})
    })
  })
})
