/**
 * `close login`, `close login complete CODE` and `close logout` off a terminal (stdin closed), against
 * the sandbox and the fake membrane: every branch ends with an exit code and a message naming what
 * to run next, and nothing waits for input.
 */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'
import {
  FAKE_CLOSE,
  FAKE_CLOSE_EU,
  fakeHome,
  jsonError,
  readConfig,
  sandbox,
  SANDBOX_CLOSE,
  SANDBOX_OLD,
} from './session-helpers.js'

const FAKE_LOGIN_URL =
  'https://ui.getmembrane.com/cli-login?client=membrane-cli&code_challenge=Q2xvc2VDTElGYWtlQ2hhbGxlbmdl&state=fake-state-1'

describe('close login (headless)', () => {
  describe('sandbox', () => {
    const home = new CommandHome()
    const close = sandbox(home)

    after(() => home.remove())

    it('prints the URL and the exact next command on stderr, stdout empty, exit 0', async () => {
      const result = await close(['login'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('')
      const url = /\n {4}(https:\/\/sandbox\.membrane\.local\/oauth\/authorize\?\S+)\n/.exec(result.stderr)?.[1]
      expect(url, result.stderr).to.be.a('string')
      expect(result.stderr).to.equal(
        '\nTo log in to Membrane, open this URL in a browser (on this or any other device):\n\n' +
          `    ${url}\n\n` +
          'After you approve, the page shows a code. Finish with:\n\n' +
          '    close login complete <code> --sandbox\n\n' +
          '(Sandbox: there is no real page; the code is SANDBOX-CODE.)\n\n',
      )
    })

    it('--json prints {"url", "next"} on stdout and nothing on stderr', async () => {
      const result = await close(['login', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      const body = JSON.parse(result.stdout) as {next: string; url: string}
      expect(Object.keys(body).sort()).to.deep.equal(['next', 'url'])
      expect(body.url).to.match(/^https:\/\/sandbox\.membrane\.local\/oauth\/authorize\?/)
      expect(body.next).to.equal('close login complete <code> --sandbox')
    })

    it('login complete with a wrong code exits 4 saying so and how to start over', async () => {
      const result = await close(['login', 'complete', 'WRONG'])
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Login failed: Membrane did not accept the code.\n' +
          '  The code may be mistyped or expired: start again with `close login --sandbox`.\n',
      )
    })

    it('login complete with the code, several Close connections: exit 4 with the list and the flag to use', async () => {
      await close(['login'])
      const result = await close(['login', 'complete', 'SANDBOX-CODE'])
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Logged in to Membrane.\n' +
          'Error: Membrane has 2 Close connections; choose one:\n' +
          `  ${SANDBOX_CLOSE}  Close (Acme Demo)      READY\n` +
          `  ${SANDBOX_OLD}  Close (Old workspace)  CLIENT_ACTION_REQUIRED\n` +
          '  Run `close connections use ID --sandbox` to cache one, or pass --connection ID (or set CLOSE_CONNECTION_ID).\n',
      )
      expect(readConfig(home)).to.deep.equal({})
    })

    it('…then `connections use ID` (as the hint says) caches it, and data commands work', async () => {
      const use = await close(['connections', 'use', SANDBOX_CLOSE])
      expect(use.exitCode, use.stderr).to.equal(0)
      expect(use.stderr).to.equal(`Using the Close connection "Close (Acme Demo)" (${SANDBOX_CLOSE}).\n`)
      expect(readConfig(home)).to.deep.equal({sandboxConnection: {id: SANDBOX_CLOSE, name: 'Close (Acme Demo)'}})
      const leads = await close(['leads', 'list', '--limit', '1', '--json'])
      expect(leads.exitCode, leads.stderr).to.equal(0)
      expect(JSON.parse(leads.stdout)).to.have.length(1)
    })

    it('logging in again keeps the cached connection when it is still READY', async () => {
      await close(['login'])
      const result = await close(['login', 'complete', 'SANDBOX-CODE', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal({
        connection: {id: SANDBOX_CLOSE, name: 'Close (Acme Demo)'},
        loggedIn: true,
      })
    })

    it('logout logs out of Membrane, forgets the cached connection and says so', async () => {
      const result = await close(['logout'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Logged out of Membrane.\n' +
          `Forgot the cached connection "Close (Acme Demo)" (${SANDBOX_CLOSE}) (in ${home.configDir}/config.json).\n` +
          'Log in again with `close login --sandbox`.\n',
      )
      expect(readConfig(home)).to.deep.equal({})
      const status = await close(['status', '--json'])
      expect(status.exitCode).to.equal(4)
      expect((JSON.parse(status.stdout) as {login: unknown}).login).to.deep.equal({loggedIn: false})
    })

    it('logout --json, when nothing is cached', async () => {
      const result = await close(['logout', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal({forgotConnection: null, loggedOut: true, wasLoggedIn: true})
    })
  })

  it('a headless newcomer gets from nothing to `leads list` by following only what close prints', async () => {
    const fake = fakeHome({FAKE_MEMBRANE_CONNECT_SHAPE: 'request'})
    /** Run a command line the CLI suggested (`close a b` → run(['a', 'b'])). */
    const follow = (line: string, env: Record<string, string> = {}) => {
      const [bin, ...args] = line.trim().split(/\s+/)
      expect(bin).to.equal('close')
      return fake.run(args, env)
    }

    try {
      const first = await fake.run(['leads', 'list'])
      expect(first.exitCode).to.equal(4)
      const login = /`(close login)`/.exec(first.stderr)?.[1]
      expect(login, first.stderr).to.equal('close login')

      const started = await follow(login!)
      expect(started.exitCode).to.equal(0)
      const next = /Finish with:\n\n {4}(close login complete <code>)\n/.exec(started.stderr)?.[1]
      expect(next, started.stderr).to.be.a('string')

      // Membrane has no Close connection yet.
      const completed = await follow(next!.replace('<code>', 'code-from-the-browser'), {
        FAKE_MEMBRANE_CLOSE_CONNECTIONS: '0',
      })
      expect(completed.exitCode).to.equal(4)
      const add = /Create one with `(close connections add)`/.exec(completed.stderr)?.[1]
      expect(add, completed.stderr).to.equal('close connections add')

      const added = await follow(add!)
      expect(added.exitCode, added.stderr).to.equal(0)
      expect(added.stderr).to.include('open this URL in a browser')
      expect(added.stderr).to.include(`Using the Close connection "Close" (${FAKE_CLOSE}).`)

      const leads = await fake.run(['leads', 'list', '--limit', '2', '--json'])
      expect(leads.exitCode, leads.stderr).to.equal(0)
      expect(JSON.parse(leads.stdout)).to.have.length(2)
    } finally {
      fake.home.remove()
    }
  })

  describe('fake membrane (reference/membrane-cli.md variants)', () => {
    it('captures the URL from stdout, from stderr, and from a login that keeps running', async () => {
      for (const scenario of ['login-url-stdout', 'login-url-stderr', 'login-wait']) {
        const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: scenario})
        try {
          const result = await fake.run(['login', '--json'])
          expect(result.exitCode, `${scenario}: ${result.stderr}`).to.equal(0)
          expect(JSON.parse(result.stdout), scenario).to.deep.equal({
            next: 'close login complete <code>',
            url: FAKE_LOGIN_URL,
          })
          expect(fake.spawned(), scenario).to.deep.equal([['login', '--tenant']])
        } finally {
          fake.home.remove()
        }
      }
    })

    it('retries without --tenant when the CLI does not know it', async () => {
      const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'login-no-tenant'})
      try {
        const result = await fake.run(['login'])
        expect(result.exitCode, result.stderr).to.equal(0)
        expect(result.stderr).to.include(`\n    ${FAKE_LOGIN_URL}\n`)
        expect(result.stderr).to.include('    close login complete <code>\n')
        expect(fake.spawned()).to.deep.equal([['login', '--tenant'], ['login']])
      } finally {
        fake.home.remove()
      }
    })

    it('a login that prints no URL exits 4 saying why', async () => {
      const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'garbage'})
      try {
        const result = await fake.run(['login'])
        expect(result.exitCode).to.equal(4)
        expect(result.stdout).to.equal('')
        expect(result.stderr).to.match(
          /^Error: Login failed: membrane login printed no authorization URL: "Welcome to Membrane!/,
        )
        expect(result.stderr).to.include(
          '  Try `close login` again; `close status` shows which Membrane CLI is used.\n',
        )
      } finally {
        fake.home.remove()
      }
    })

    it('a login that hangs without a URL times out with exit 4', async () => {
      const fake = fakeHome({CLOSE_MEMBRANE_TIMEOUT_MS: '1500', FAKE_MEMBRANE_SCENARIO: 'hang'})
      try {
        const result = await fake.run(['login', '--json'])
        expect(result.exitCode).to.equal(4)
        expect(result.stdout).to.equal('')
        expect(jsonError(result.stderr)).to.include({code: 'login_failed', exitCode: 4})
        expect(result.stderr).to.include('Error: Login failed: Membrane did not answer within 1.5 s.\n')
      } finally {
        fake.home.remove()
      }
    })

    it('no membrane binary: exit 4 naming the install command and --sandbox', async () => {
      const home = new CommandHome()
      try {
        const result = await home.run(['login'], {CLOSE_MEMBRANE_BIN: '/nonexistent/membrane'})
        expect(result.exitCode).to.equal(4)
        expect(result.stderr).to.include('npm install -g @membranehq/cli')
        expect(result.stderr).to.include('--sandbox')
      } finally {
        home.remove()
      }
    })

    describe('login complete', () => {
      it('one Close connection (listed {items} among other apps): used and cached with its name', async () => {
        const fake = fakeHome()
        try {
          const result = await fake.run(['login', 'complete', 'the-code'])
          expect(result.exitCode, result.stderr).to.equal(0)
          expect(result.stdout).to.equal('')
          expect(result.stderr).to.equal(
            'Logged in to Membrane.\n' +
              `Using the Close connection "Close" (${FAKE_CLOSE}).\n` +
              'Ready. Try: `close leads list`\n',
          )
          expect(fake.spawned()).to.deep.equal([
            ['login', 'complete', 'the-code'],
            ['status', '--json'],
            ['connection', 'list', '--json'],
          ])
          expect(fake.config()).to.deep.equal({connection: {id: FAKE_CLOSE, name: 'Close'}})
        } finally {
          fake.home.remove()
        }
      })

      it('a bare-array connection list works the same', async () => {
        const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'array'})
        try {
          const result = await fake.run(['login', 'complete', 'the-code', '--json'])
          expect(result.exitCode, result.stderr).to.equal(0)
          expect(JSON.parse(result.stdout)).to.deep.equal({connection: {id: FAKE_CLOSE, name: 'Close'}, loggedIn: true})
        } finally {
          fake.home.remove()
        }
      })

      it('a refused code: exit 4, nothing cached', async () => {
        const fake = fakeHome()
        try {
          const result = await fake.run(['login', 'complete', 'bad-code', '--json'])
          expect(result.exitCode).to.equal(4)
          expect(result.stdout).to.equal('')
          expect(jsonError(result.stderr)).to.include({code: 'login_failed', exitCode: 4})
          expect(result.stderr).to.include('Error: Login failed: Invalid or expired authorization code.\n')
          expect(fake.config()).to.deep.equal({})
        } finally {
          fake.home.remove()
        }
      })

      it('several Close connections: exit 4, the list in the message and in the JSON error', async () => {
        const fake = fakeHome({FAKE_MEMBRANE_CLOSE_CONNECTIONS: '2'})
        try {
          const result = await fake.run(['login', 'complete', 'the-code', '--json'])
          expect(result.exitCode).to.equal(4)
          expect(result.stdout).to.equal('')
          const error = jsonError(result.stderr)
          expect(error.code).to.equal('several_connections')
          expect(error.connections).to.deep.equal([
            {id: FAKE_CLOSE, name: 'Close', state: 'READY'},
            {id: FAKE_CLOSE_EU, name: 'Close (EU team)', state: 'READY'},
          ])
          expect(error.hint).to.include('--connection ID')
        } finally {
          fake.home.remove()
        }
      })

      it('no Close connection: exit 4 naming `close connections add`', async () => {
        const fake = fakeHome({FAKE_MEMBRANE_CLOSE_CONNECTIONS: '0'})
        try {
          const result = await fake.run(['login', 'complete', 'the-code'])
          expect(result.exitCode).to.equal(4)
          expect(result.stderr).to.equal(
            'Logged in to Membrane.\n' +
              'Error: Membrane has no Close connection yet.\n' +
              '  Create one with `close connections add`.\n',
          )
        } finally {
          fake.home.remove()
        }
      })

      it('the only Close connection needs re-authentication: cached, exit 4 naming the fix', async () => {
        const fake = fakeHome({FAKE_MEMBRANE_SCENARIO: 'connection-expired'})
        try {
          const result = await fake.run(['login', 'complete', 'the-code'])
          expect(result.exitCode).to.equal(4)
          expect(result.stderr).to.equal(
            'Logged in to Membrane.\n' +
              `Using the Close connection "Close" (${FAKE_CLOSE}).\n` +
              `Error: Now using the Close connection "Close" (${FAKE_CLOSE}), but it needs re-authentication (state CLIENT_ACTION_REQUIRED).\n` +
              `  Re-authenticate it with \`close connections reconnect ${FAKE_CLOSE}\` (or \`membrane connect --connectionId=${FAKE_CLOSE}\`), or choose another with \`close connections use\`.\n`,
          )
          expect(fake.config()).to.deep.equal({connection: {id: FAKE_CLOSE, name: 'Close'}})
        } finally {
          fake.home.remove()
        }
      })
    })
  })
})
