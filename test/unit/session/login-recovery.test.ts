import {expect} from 'chai'
import {restore, stub} from 'sinon'

import {AuthError, CliError, RemoteError} from '../../../src/errors.js'
import {prompts} from '../../../src/prompts/index.js'
import {resolveConnection} from '../../../src/session/connection.js'
import {completeLogin, ensureLoggedIn, interactiveLogin, startLogin} from '../../../src/session/login.js'
import {explain, isRecoverable, recover} from '../../../src/session/recovery.js'
import {CLOSE_A, CLOSE_B, CLOSE_EXPIRED, type TestSession, testSession} from './helpers.js'

async function failure(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }

  throw new Error('expected a failure')
}

const notFound = new AuthError('Membrane has no connection conn_gone.', {code: 'connection_not_found'})
const notReady = new AuthError('The Close connection conn_close_x needs to be re-authenticated.', {
  code: 'connection_not_ready',
})

function base(session: TestSession) {
  return {interactive: false, membrane: session.ctx.membrane, sandbox: false, settings: session.settings}
}

describe('session/login and session/recovery', () => {
  let t: TestSession

  beforeEach(() => {
    t = testSession()
  })

  afterEach(() => {
    restore()
    t.remove()
  })

  describe('login', () => {
    it('startLogin returns the URL; a failure becomes "Login failed: why" with exit 4', async () => {
      expect(await startLogin(t.ctx)).to.equal('https://membrane.example/login?state=1')
      t.membrane.loginStart = async () => {
        throw new RemoteError('Membrane did not answer within 60 s.', {code: 'timeout'})
      }

      const error = await failure(startLogin(t.ctx))
      expect(error.exitCode).to.equal(4)
      expect(error.code).to.equal('login_failed')
      expect(error.message).to.equal('Login failed: Membrane did not answer within 60 s.')
      expect(error.hint).to.equal('Try `close login` again; `close status` shows which Membrane CLI is used.')
    })

    it('a missing membrane binary keeps its own message and install hint', async () => {
      t.membrane.loginStart = async () => {
        throw new AuthError('The Membrane CLI was not found at "membrane".', {code: 'membrane_missing', hint: 'npm i'})
      }

      expect((await failure(startLogin(t.ctx))).code).to.equal('membrane_missing')
    })

    it('completeLogin: a refused code exits 4 saying Membrane did not accept it', async () => {
      t.membrane.loggedIn = false
      const error = await failure(completeLogin(t.ctx, 'BAD'))
      expect(error.message).to.equal('Login failed: Membrane did not accept the code.')
      expect(error.hint).to.equal('The code may be mistyped or expired: start again with `close login`.')
      expect(error.exitCode).to.equal(4)
    })

    it('completeLogin: an empty code is a usage error (exit 2); a good one is confirmed with status', async () => {
      expect((await failure(completeLogin(t.ctx, '  '))).exitCode).to.equal(2)
      await completeLogin(t.ctx, ' GOOD ')
      expect(t.membrane.calls).to.deep.equal(['login complete GOOD', 'status'])
      expect(t.stderr.join('')).to.equal('Logged in to Membrane.\n')
    })

    it('completeLogin: status still logged out after complete → exit 4', async () => {
      t.membrane.loginComplete = async () => {}
      t.membrane.loggedIn = false
      const error = await failure(completeLogin(t.ctx, 'GOOD'))
      expect(error.message).to.equal('Login failed: Membrane still reports that you are not logged in.')
    })

    it('interactiveLogin: URL on stderr, code prompt, completion (no browser offered without one)', async function () {
      if (process.platform !== 'linux') this.skip()
      const env = {...process.env}
      delete process.env.BROWSER
      delete process.env.DISPLAY
      delete process.env.WAYLAND_DISPLAY
      const confirm = stub(prompts, 'confirm')
      const input = stub(prompts, 'input').resolves('GOOD')
      try {
        await interactiveLogin(t.ctx)
      } finally {
        process.env = env
      }

      expect(confirm.called).to.equal(false)
      expect(input.firstCall.args[0]).to.equal('Paste the code shown after you approve:')
      expect(t.stderr.join('')).to.include('\n    https://membrane.example/login?state=1\n')
      expect(t.membrane.calls).to.deep.equal(['login --tenant', 'login complete GOOD', 'status'])
    })

    it('interactiveLogin: with BROWSER set, offers to open it (and config browser=never turns that off)', async () => {
      const env = {...process.env}
      process.env.BROWSER = 'true'
      const opened: string[] = []
      t.ctx.openBrowser = async (url) => {
        opened.push(url)
        return false
      }

      const confirm = stub(prompts, 'confirm').resolves(true)
      stub(prompts, 'input').resolves('GOOD')
      try {
        await interactiveLogin(t.ctx)
        expect(confirm.firstCall.args[0]).to.equal('Open it in your browser now?')
        expect(opened).to.deep.equal(['https://membrane.example/login?state=1'])
        expect(t.stderr.join('')).to.include('Could not start a browser; open the URL above yourself.')
        confirm.resetHistory()
        await t.settings.update((data) => {
          data.prefs = {browser: 'never'}
        })
        await interactiveLogin(t.ctx)
        expect(confirm.called).to.equal(false)
      } finally {
        process.env = env
      }
    })

    it('ensureLoggedIn: logged in → nothing; logged out off a terminal → exit 4 naming close login', async () => {
      await ensureLoggedIn(t.ctx)
      expect(t.membrane.calls).to.deep.equal(['status'])
      t.membrane.loggedIn = false
      const error = await failure(ensureLoggedIn(t.ctx))
      expect(error.code).to.equal('not_logged_in')
      expect(error.hint).to.equal('Run `close login`.')
    })
  })

  describe('resolveConnection', () => {
    it('flag > config > sandbox default, without asking Membrane anything', async () => {
      await t.settings.update((data) => {
        data.connection = {id: 'conn_saved', name: 'Saved'}
      })
      expect(await resolveConnection({...base(t), flag: 'conn_flag'})).to.deep.equal({id: 'conn_flag', source: 'flag'})
      expect(await resolveConnection(base(t))).to.deep.equal({id: 'conn_saved', name: 'Saved', source: 'config'})
      expect((await resolveConnection({...base(t), sandbox: true})).source).to.equal('sandbox')
      expect(t.membrane.calls).to.deep.equal([])
    })

    it('nothing chosen off a terminal: exit 4 naming close login, --connection and CLOSE_CONNECTION_ID', async () => {
      const error = await failure(resolveConnection(base(t)))
      expect(error.exitCode).to.equal(4)
      expect(error.message).to.equal('No Close connection is chosen.')
      expect(error.hint).to.equal(
        'Run `close login` to log in and choose one, or pass --connection ID (or set CLOSE_CONNECTION_ID).',
      )
      expect(t.membrane.calls).to.deep.equal([])
    })

    it('nothing chosen on a terminal: the first-run set-up (login if needed, choose) and the choice is cached', async () => {
      t.membrane.loggedIn = false
      t.membrane.connections = [CLOSE_A, CLOSE_B]
      stub(prompts, 'input').resolves('GOOD')
      stub(prompts, 'select').callsFake(async (_message, choices) => choices[1].value)
      const env = {...process.env}
      delete process.env.BROWSER
      delete process.env.DISPLAY
      try {
        const resolved = await resolveConnection({...base(t), interactive: true, stderr: t.ctx.stderr})
        expect(resolved).to.deep.equal({id: 'conn_close_b', name: 'Close (Beta)', source: 'setup'})
      } finally {
        process.env = env
      }

      expect(t.settings.read().connection).to.deep.equal({id: 'conn_close_b', name: 'Close (Beta)'})
      expect(t.stderr[0]).to.equal('No Close connection is chosen yet; setting one up (this happens once).\n')
    })
  })

  describe('recovery', () => {
    it('isRecoverable: only connection_not_found, connection_not_ready and not_logged_in', () => {
      expect(isRecoverable(notFound)).to.equal(true)
      expect(isRecoverable(notReady)).to.equal(true)
      expect(isRecoverable(new AuthError('x', {code: 'not_logged_in'}))).to.equal(true)
      expect(isRecoverable(new AuthError('x', {code: 'membrane_missing'}))).to.equal(false)
      expect(isRecoverable(new RemoteError('x', {code: 'connection_not_found'}))).to.equal(false)
      expect(isRecoverable(new Error('x'))).to.equal(false)
    })

    it('explain: the cached connection by name and ID, with the fix of design §5', () => {
      const cached = {id: 'conn_gone', name: 'Close (Old)', source: 'config' as const}
      const gone = explain(t.ctx, cached, notFound)
      expect(gone.message).to.equal(
        'The Close connection "Close (Old)" (conn_gone), saved in config, no longer exists in Membrane.',
      )
      expect(gone.hint).to.equal(
        'Choose another with `close connections use` (or run `close login`), or pass --connection ID.',
      )
      expect(gone.exitCode).to.equal(4)
      const expired = explain(t.ctx, {...cached, id: 'conn_close_x'}, notReady)
      expect(expired.message).to.equal(
        'The Close connection "Close (Old)" (conn_close_x), saved in config, needs re-authentication.',
      )
      expect(expired.hint).to.equal(
        'Re-authenticate it with `close connections reconnect conn_close_x` (or `membrane connect --connectionId=conn_close_x`), or choose another with `close connections use`.',
      )
    })

    it('explain: a connection the user named (--connection) keeps the gateway message', () => {
      expect(explain(t.ctx, {id: 'conn_gone', source: 'flag'}, notFound)).to.equal(notFound)
    })

    it('recover off a terminal throws the explanation and changes nothing', async () => {
      const error = await failure(recover(t.ctx, {id: 'conn_gone', source: 'config'}, notFound))
      expect(error.message).to.include('no longer exists in Membrane')
      expect(t.membrane.calls).to.deep.equal([])
    })

    it('recover on a terminal, gone: choose another (excluding the gone one) and cache it', async () => {
      t.ctx.interactive = true
      t.membrane.connections = [CLOSE_A, CLOSE_B]
      stub(prompts, 'confirm').resolves(true)
      const select = stub(prompts, 'select').callsFake(async (_message, choices) => choices[0].value)
      const fixed = await recover(t.ctx, {id: 'conn_close_b', source: 'config'}, notFound)
      expect(fixed).to.deep.equal({id: 'conn_close_a', name: 'Close (Acme)'})
      expect(select.called).to.equal(false) // only one other: used directly
      expect(t.settings.read().connection?.id).to.equal('conn_close_a')
    })

    it('recover on a terminal, not ready: re-authenticate it', async () => {
      t.ctx.interactive = true
      t.membrane.connections = [{...CLOSE_EXPIRED}]
      stub(prompts, 'select').resolves('reauth')
      const fixed = await recover(t.ctx, {id: 'conn_close_x', name: 'Close (Expired)', source: 'config'}, notReady)
      expect(fixed).to.deep.equal({id: 'conn_close_x', name: 'Close (Expired)'})
      expect(t.membrane.calls).to.include('connect --connectionId=conn_close_x')
    })

    it('recover on a terminal, cancelled: throws the explanation', async () => {
      t.ctx.interactive = true
      stub(prompts, 'select').resolves('cancel')
      const error = await failure(recover(t.ctx, {id: 'conn_close_x', source: 'config'}, notReady))
      expect(error.code).to.equal('connection_not_ready')
    })

    it('recover on a terminal, logged out: offers to log in', async () => {
      t.ctx.interactive = true
      stub(prompts, 'confirm').resolves(true)
      stub(prompts, 'input').resolves('GOOD')
      const env = {...process.env}
      delete process.env.BROWSER
      delete process.env.DISPLAY
      try {
        const same = {id: 'conn_close_a', source: 'config' as const}
        expect(await recover(t.ctx, same, new AuthError('Not logged in', {code: 'not_logged_in'}))).to.equal(same)
      } finally {
        process.env = env
      }

      expect(t.membrane.calls).to.include('login complete GOOD')
    })
  })
})
