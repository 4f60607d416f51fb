/**
 * The interactive paths of login and the connection, driven in a real terminal (tmux): the code
 * prompt of `close login`, the connection picker, the first-run set-up inside a data command and
 * the inline recovery of a connection that needs re-authentication. Each test asserts what the
 * user sees and the config that results. Needs a build (`npm run build`) and tmux.
 */
import {expect} from 'chai'
import {join} from 'node:path'

import {FAKE_CLOSE, FAKE_CLOSE_EU, readConfig, SANDBOX_CLOSE, SANDBOX_OLD} from '../commands/session-helpers.js'
import {FAKE_BIN_DIR, TestHome} from '../helpers/cli.js'
import {requireTmux, Terminal} from '../helpers/tmux.js'

/** No browser can exist in these terminals, so none is offered. */
const NO_BROWSER = {BROWSER: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined}

describe('tmux: interactive login and connection choice', function () {
  this.timeout(120_000)

  before(function () {
    requireTmux(this)
  })

  let home: TestHome
  let term: Terminal

  beforeEach(() => {
    home = new TestHome()
    term = new Terminal(home)
  })

  afterEach(() => {
    term.kill()
    home.remove()
  })

  it('close login: URL, code prompt, then the picker; the choice is cached', async () => {
    const logout = await home.runHere(['logout', '--sandbox'])
    expect(logout.exitCode, logout.stderr).to.equal(0)

    term.start(['login', '--sandbox'], {env: NO_BROWSER})
    let screen = await term.waitFor('Paste the code shown after you approve:')
    expect(screen).to.include('To log in to Membrane, open this URL in a browser (on this or any other device):')
    expect(screen).to.match(/\n {4}https:\/\/sandbox\.membrane\.local\/oauth\/authorize\?/)
    expect(screen).to.include('(Sandbox: there is no real page; the code is SANDBOX-CODE.)')
    expect(screen).not.to.include('Open it in your browser now?')

    term.type('SANDBOX-CODE')
    term.send('Enter')
    screen = await term.waitFor('Which Close connection should close use?')
    expect(screen).to.include('Logged in to Membrane.')
    expect(screen).to.include(`Close (Acme Demo)  ${SANDBOX_CLOSE}`)
    expect(screen).to.include(`Close (Old workspace)  ${SANDBOX_OLD}  (needs re-authentication)`)
    expect(screen).to.include('Create a new Close connection')
    expect(screen).not.to.include('HubSpot')

    term.send('Enter')
    screen = await term.waitFor('Ready. Try:')
    expect(screen).to.include(`Using the Close connection "Close (Acme Demo)" (${SANDBOX_CLOSE}).`)
    expect(screen).to.include('Ready. Try: `close leads list --sandbox`')
    expect(await term.waitForExit()).to.equal(0)
    expect(readConfig(home)).to.deep.equal({sandboxConnection: {id: SANDBOX_CLOSE, name: 'Close (Acme Demo)'}})
  })

  it('close login: a wrong code says so and exits 4; nothing is cached', async () => {
    await home.runHere(['logout', '--sandbox'])
    term.start(['login', '--sandbox'], {env: NO_BROWSER})
    await term.waitFor('Paste the code shown after you approve:')
    term.type('NOPE')
    term.send('Enter')
    const screen = await term.waitFor('Login failed')
    expect(screen).to.include('Error: Login failed: Membrane did not accept the code.')
    expect(screen).to.include('The code may be mistyped or expired: start again with `close login --sandbox`.')
    expect(await term.waitForExit()).to.equal(4)
    expect(readConfig(home)).to.deep.equal({})
  })

  it('Ctrl-C at the code prompt exits 130 without a stack trace', async () => {
    await home.runHere(['logout', '--sandbox'])
    term.start(['login', '--sandbox'], {env: NO_BROWSER})
    await term.waitFor('Paste the code shown after you approve:')
    term.send('C-c')
    expect(await term.waitForExit()).to.equal(130)
    expect(term.screen()).not.to.match(/\n\s+at /)
  })

  it('close connections use: the picker; a connection needing re-authentication is re-authorized, then cached', async () => {
    term.start(['connections', 'use', '--sandbox'], {env: NO_BROWSER, width: 160})
    let screen = await term.waitFor('Which Close connection should close use?')
    expect(screen).to.include(`Close (Acme Demo)  ${SANDBOX_CLOSE}`)

    term.send('Down')
    term.send('Enter')
    screen = await term.waitFor('Re-authenticate it now?')
    expect(screen).to.include(
      `"Close (Old workspace)" (${SANDBOX_OLD}) needs re-authentication (state CLIENT_ACTION_REQUIRED). Re-authenticate it now?`,
    )

    term.send('Enter')
    screen = await term.waitFor(`Using the Close connection "Close (Old workspace)" (${SANDBOX_OLD}).`)
    expect(screen).to.include(`To re-authenticate "Close (Old workspace)" (${SANDBOX_OLD}), open this URL`)
    expect(screen).to.match(/\n {4}https:\/\/sandbox\.membrane\.local\/connect\/6650c105e5a4d0b0c1a55e02\?/)
    expect(screen).to.include(`Connection "Close (Old workspace)" (${SANDBOX_OLD}) is READY.`)
    expect(await term.waitForExit()).to.equal(0)
    expect(readConfig(home)).to.deep.equal({sandboxConnection: {id: SANDBOX_OLD, name: 'Close (Old workspace)'}})
  })

  it('first run: a data command with no connection sets one up inline, then runs', async () => {
    const fake = {home: new TestHome()}
    try {
      const fakeTerm = new Terminal(fake.home)
      try {
        fakeTerm.start(['leads', 'list', '--limit', '2'], {
          env: {
            ...NO_BROWSER,
            CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
            FAKE_MEMBRANE_CLOSE_CONNECTIONS: '2',
          },
        })
        let screen = await fakeTerm.waitFor('Which Close connection should close use?')
        expect(screen).to.include('No Close connection is chosen yet; setting one up (this happens once).')
        expect(screen).to.include(`Close  ${FAKE_CLOSE}`)
        expect(screen).to.include(`Close (EU team)  ${FAKE_CLOSE_EU}`)

        fakeTerm.send('Down')
        fakeTerm.send('Enter')
        screen = await fakeTerm.waitFor('Bluestem Logistics')
        expect(screen).to.include(`Using the Close connection "Close (EU team)" (${FAKE_CLOSE_EU}).`)
        expect(screen).to.match(/NAME\s+STATUS/)
        expect(screen).to.include('Harbor & Pine Dental')
        expect(await fakeTerm.waitForExit()).to.equal(0)
        expect(readConfig(fake.home).connection).to.deep.equal({id: FAKE_CLOSE_EU, name: 'Close (EU team)'})
      } finally {
        fakeTerm.kill()
      }
    } finally {
      fake.home.remove()
    }
  })

  it('recovery: a cached connection needing re-authentication; choosing another retries the command once', async () => {
    const use = await home.runHere(['connections', 'use', SANDBOX_OLD, '--sandbox'])
    expect(use.exitCode).to.equal(4)
    term.start(['leads', 'list', '--limit', '3', '--sandbox'], {env: NO_BROWSER, width: 160})
    let screen = await term.waitFor('What now?')
    expect(screen).to.include(
      `The Close connection "Close (Old workspace)" (${SANDBOX_OLD}), saved in config, needs re-authentication.`,
    )
    expect(screen).to.include(`Re-authenticate "Close (Old workspace)" (${SANDBOX_OLD})`)
    expect(screen).to.include('Choose another Close connection')

    term.send('Down')
    term.send('Enter')
    screen = await term.waitFor(/(3 of [\d,]+ leads|3 leads; more with --limit or --all)/)
    expect(screen).to.include(`Using the Close connection "Close (Acme Demo)" (${SANDBOX_CLOSE}).`)
    expect(screen).to.match(/ID\s+NAME\s+STATUS/)
    expect(await term.waitForExit()).to.equal(0)
    expect((readConfig(home).sandboxConnection as {id: string}).id).to.equal(SANDBOX_CLOSE)
  })
})
