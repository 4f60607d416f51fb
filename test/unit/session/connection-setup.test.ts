import {expect} from 'chai'
import {restore, stub} from 'sinon'

import {AuthError, CliError, RemoteError} from '../../../src/errors.js'
import {prompts} from '../../../src/prompts/index.js'
import {
  chooseConnection,
  createConnection,
  pickCloseConnector,
  reauthorizeConnection,
} from '../../../src/session/connection-setup.js'
import {CLOSE_A, CLOSE_B, CLOSE_EXPIRED, HUBSPOT, type TestSession, testSession} from './helpers.js'

async function failure(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }

  throw new Error('expected a failure')
}

describe('session/connection-setup', () => {
  let t: TestSession

  beforeEach(() => {
    t = testSession()
  })

  afterEach(() => {
    restore()
    t.remove()
  })

  describe('chooseConnection off a terminal', () => {
    it('one Close connection (among other apps): uses it and caches ID and name', async () => {
      t.membrane.connections = [HUBSPOT, CLOSE_A]
      const chosen = await chooseConnection(t.ctx)
      expect(chosen).to.deep.equal({id: 'conn_close_a', name: 'Close (Acme)'})
      expect(t.settings.read().connection).to.deep.equal({id: 'conn_close_a', name: 'Close (Acme)'})
      expect(t.stderr.join('')).to.equal('Using the Close connection "Close (Acme)" (conn_close_a).\n')
    })

    it('under --sandbox caches into sandboxConnection and suggests --sandbox commands', async () => {
      t.ctx.sandbox = true
      t.membrane.connections = [CLOSE_A, CLOSE_B]
      const error = await failure(chooseConnection(t.ctx))
      expect(error.hint).to.include('`close connections use ID --sandbox`')
      t.membrane.connections = [CLOSE_A]
      await chooseConnection(t.ctx)
      expect(t.settings.read()).to.deep.equal({sandboxConnection: {id: 'conn_close_a', name: 'Close (Acme)'}})
    })

    it('several: exit 4 listing them, naming --connection and `close connections use`', async () => {
      t.membrane.connections = [CLOSE_A, HUBSPOT, CLOSE_EXPIRED]
      const error = await failure(chooseConnection(t.ctx))
      expect(error).to.be.instanceOf(AuthError)
      expect(error.exitCode).to.equal(4)
      expect(error.code).to.equal('several_connections')
      expect(error.message).to.equal(
        'Membrane has 2 Close connections; choose one:\n' +
          '  conn_close_a  Close (Acme)     READY\n' +
          '  conn_close_x  Close (Expired)  CLIENT_ACTION_REQUIRED',
      )
      expect(error.hint).to.equal(
        'Run `close connections use ID` to cache one, or pass --connection ID (or set CLOSE_CONNECTION_ID).',
      )
      expect(error.details?.connections).to.have.length(2)
      expect(t.settings.read()).to.deep.equal({})
    })

    it('none: exit 4 naming `close connections add`; nothing is created', async () => {
      t.membrane.connections = [HUBSPOT]
      const error = await failure(chooseConnection(t.ctx))
      expect(error.code).to.equal('no_close_connection')
      expect(error.exitCode).to.equal(4)
      expect(error.message).to.equal('Membrane has no Close connection yet.')
      expect(error.hint).to.equal('Create one with `close connections add`.')
      expect(t.membrane.calls).to.deep.equal(['connection list'])
    })

    it('the only one needs re-authentication: cached anyway, exit 4 naming the reconnect command', async () => {
      t.membrane.connections = [CLOSE_EXPIRED]
      const error = await failure(chooseConnection(t.ctx))
      expect(error.code).to.equal('connection_not_ready')
      expect(error.message).to.equal(
        'Now using the Close connection "Close (Expired)" (conn_close_x), but it needs re-authentication (state CLIENT_ACTION_REQUIRED).',
      )
      expect(error.hint).to.include('`close connections reconnect conn_close_x`')
      expect(error.hint).to.include('`membrane connect --connectionId=conn_close_x`')
      expect(t.settings.read().connection?.id).to.equal('conn_close_x')
    })

    it('keepCurrent keeps a cached connection that is still listed and READY', async () => {
      await t.settings.update((data) => {
        data.connection = {id: 'conn_close_b', name: 'old name'}
      })
      t.membrane.connections = [CLOSE_A, CLOSE_B]
      const chosen = await chooseConnection(t.ctx, {keepCurrent: true})
      expect(chosen).to.deep.equal({id: 'conn_close_b', name: 'Close (Beta)'})
      expect(t.settings.read().connection).to.deep.equal({id: 'conn_close_b', name: 'Close (Beta)'})
    })

    it('never prompts', async () => {
      const select = stub(prompts, 'select').rejects(new Error('prompted'))
      const confirm = stub(prompts, 'confirm').rejects(new Error('prompted'))
      t.membrane.connections = [CLOSE_A, CLOSE_B]
      await failure(chooseConnection(t.ctx))
      t.membrane.connections = []
      await failure(chooseConnection(t.ctx))
      expect(select.called || confirm.called).to.equal(false)
    })
  })

  describe('chooseConnection on a terminal', () => {
    beforeEach(() => {
      t.ctx.interactive = true
    })

    it('several: a picker over the Close ones (plus "create"), the choice cached', async () => {
      t.membrane.connections = [CLOSE_A, HUBSPOT, CLOSE_B]
      const select = stub(prompts, 'select').callsFake(async (_message, choices) => choices[1].value)
      const chosen = await chooseConnection(t.ctx)
      expect(chosen).to.deep.equal({id: 'conn_close_b', name: 'Close (Beta)'})
      const names = select.firstCall.args[1].map((choice) => choice.name)
      expect(names).to.deep.equal([
        'Close (Acme)  conn_close_a',
        'Close (Beta)  conn_close_b',
        'Create a new Close connection',
      ])
      expect(t.settings.read().connection?.id).to.equal('conn_close_b')
    })

    it('marks the current one and those needing re-authentication', async () => {
      await t.settings.update((data) => {
        data.connection = {id: 'conn_close_a'}
      })
      t.membrane.connections = [CLOSE_A, CLOSE_EXPIRED]
      const select = stub(prompts, 'select').callsFake(async (_message, choices) => choices[0].value)
      await chooseConnection(t.ctx, {alwaysPick: true})
      expect(select.firstCall.args[1].map((choice) => choice.name)).to.deep.equal([
        'Close (Acme)  conn_close_a  (current)',
        'Close (Expired)  conn_close_x  (needs re-authentication)',
        'Create a new Close connection',
      ])
    })

    it('picking one that needs re-authentication offers it, then waits for READY', async () => {
      t.membrane.connections = [CLOSE_A, {...CLOSE_EXPIRED}]
      stub(prompts, 'select').callsFake(async (_message, choices) => choices[1].value)
      const confirm = stub(prompts, 'confirm').resolves(true)
      const chosen = await chooseConnection(t.ctx)
      expect(confirm.firstCall.args[0]).to.equal(
        '"Close (Expired)" (conn_close_x) needs re-authentication (state CLIENT_ACTION_REQUIRED). Re-authenticate it now?',
      )
      expect(chosen).to.deep.equal({id: 'conn_close_x', name: 'Close (Expired)'})
      expect(t.membrane.calls).to.include('connect --connectionId=conn_close_x')
      expect(t.stderr.join('')).to.include('https://membrane.example/connect/conn_close_x')
      expect(t.stderr.join('')).to.include('Connection "Close (Expired)" (conn_close_x) is READY.')
    })

    it('none: offers to create one; yes creates, authorizes and caches it', async () => {
      t.membrane.connections = [HUBSPOT]
      stub(prompts, 'confirm').resolves(true)
      const chosen = await chooseConnection(t.ctx)
      expect(chosen.id).to.equal('conn_new')
      expect(t.settings.read().connection?.id).to.equal('conn_new')
    })

    it('none: declining to create exits 4 naming `close connections add`', async () => {
      t.membrane.connections = []
      stub(prompts, 'confirm').resolves(false)
      const error = await failure(chooseConnection(t.ctx))
      expect(error.code).to.equal('no_close_connection')
      expect(error.hint).to.equal('Create one with `close connections add`.')
    })

    it('one connection is used without a picker', async () => {
      const select = stub(prompts, 'select')
      await chooseConnection(t.ctx)
      expect(select.called).to.equal(false)
    })
  })

  describe('createConnection', () => {
    it('searches the connector, picks Close (not Closeio Forms), connects, shows the URL and waits for READY', async () => {
      t.membrane.connections = [HUBSPOT]
      const chosen = await createConnection(t.ctx)
      expect(chosen).to.deep.equal({id: 'conn_new', name: 'Close'})
      expect(t.membrane.calls.slice(0, 3)).to.deep.equal([
        'connection list',
        'search close --elementType=connector',
        'connect --connectorId=connector_close',
      ])
      const said = t.stderr.join('')
      expect(said).to.include('To authorize access to Close, open this URL in a browser')
      expect(said).to.include('    https://membrane.example/connect/conn_new\n')
      expect(said, said).to.include('Waiting for the authorization in the browser (up to 5 minutes)…')
      expect(said).to.include('Connection "Close" (conn_new) is READY.')
      expect(t.settings.read().connection).to.deep.equal({id: 'conn_new', name: 'Close'})
    })

    it('no Close connector: exit 3 naming the console and `close connections use`', async () => {
      t.membrane.searchItems = [{element: {id: 'x', key: 'closebot', name: 'CloseBot'}, elementType: 'connector'}]
      const error = await failure(createConnection(t.ctx))
      expect(error).to.be.instanceOf(RemoteError)
      expect(error.code).to.equal('no_close_connector')
    })

    it('not READY before the timeout: exit 4 with the URL and the next command', async () => {
      t.membrane.readyAfter = 1000
      t.ctx.connectTimeoutMs = 0
      const error = await failure(createConnection(t.ctx))
      expect(error.code).to.equal('connect_timeout')
      expect(error.exitCode).to.equal(4)
      expect(error.message).to.equal(
        'The Close connection conn_new was not authorized within 0 s (state CLIENT_ACTION_REQUIRED).',
      )
      expect(error.hint).to.equal(
        'Open https://membrane.example/connect/conn_new to authorize it, then run `close connections use conn_new`; or wait longer with `close config set connect-timeout SECONDS`.',
      )
      expect(t.settings.read()).to.deep.equal({})
    })

    it('a connection request without a connection ID: polls the request, then the connection', async () => {
      t.membrane.connections = [HUBSPOT]
      t.membrane.connectResult = {raw: {}, requestId: 'req_1', url: 'https://membrane.example/request/req_1'}
      let polls = 0
      Object.assign(t.membrane, {
        async getConnectionRequest(id: string) {
          t.membrane.calls.push(`connection-request get ${id}`)
          polls++
          if (polls < 2) return {raw: {}, status: 'pending'}
          t.membrane.connections.push({...CLOSE_B})
          return {connectionId: 'conn_close_b', raw: {}, status: 'success'}
        },
      })
      const chosen = await createConnection(t.ctx)
      expect(chosen).to.deep.equal({id: 'conn_close_b', name: 'Close (Beta)'})
      expect(t.membrane.calls).to.include('connection-request get req_1')
    })

    it('on a terminal with a browser: offers to open the URL', async () => {
      t.ctx.interactive = true
      const opened: string[] = []
      t.ctx.openBrowser = async (url) => {
        opened.push(url)
        return true
      }

      const env = {...process.env}
      process.env.BROWSER = 'true'
      try {
        stub(prompts, 'confirm').resolves(true)
        await createConnection(t.ctx)
      } finally {
        process.env = env
      }

      expect(opened).to.deep.equal(['https://membrane.example/connect/conn_new'])
    })
  })

  it('reauthorizeConnection: connect --connectionId, URL, wait, cache', async () => {
    t.membrane.connections = [{...CLOSE_EXPIRED}]
    const chosen = await reauthorizeConnection(t.ctx, {id: 'conn_close_x'})
    expect(chosen).to.deep.equal({id: 'conn_close_x', name: 'Close (Expired)'})
    expect(t.stderr.join('')).to.include('To re-authenticate conn_close_x, open this URL')
  })

  it('pickCloseConnector prefers an exact "Close" and ignores other element types', () => {
    expect(
      pickCloseConnector([
        {element: {id: 'i', key: 'close', name: 'Close'}, elementType: 'integration'},
        {element: {id: 'f', key: 'closeio-forms', name: 'Closeio Forms'}, elementType: 'Connector'},
        {element: {id: 'c', key: 'close-crm', name: 'Close CRM'}, elementType: 'Connector'},
        {element: {id: 'e', key: 'close', name: 'Close'}, elementType: 'connector'},
      ])?.id,
    ).to.equal('e')
    expect(pickCloseConnector([{element: {id: 'c', name: 'Close CRM'}, elementType: 'connector'}])?.id).to.equal('c')
    expect(pickCloseConnector([])).to.equal(undefined)
  })
})
