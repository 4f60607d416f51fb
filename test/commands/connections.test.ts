/**
 * `close connections list / use / show / add / reconnect` off a terminal, against the sandbox (its
 * READY Close connection, an expired one and a HubSpot one; `connect` turns READY 2 s later) and the
 * fake membrane.
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
  SANDBOX_HUBSPOT,
  SANDBOX_OLD,
} from './session-helpers.js'

interface Row {
  current: boolean
  id: string
  name: string
  ready: boolean
  state: string
}

describe('close connections', () => {
  describe('sandbox', () => {
    const home = new CommandHome()
    const close = sandbox(home)

    after(() => home.remove())

    it('list --json: the Close connections with state, the one in use marked current', async () => {
      const result = await close(['connections', 'list', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const rows = JSON.parse(result.stdout) as Row[]
      expect(rows.map(({current, id, name, ready, state}) => ({current, id, name, ready, state}))).to.deep.equal([
        {current: true, id: SANDBOX_CLOSE, name: 'Close (Acme Demo)', ready: true, state: 'READY'},
        {current: false, id: SANDBOX_OLD, name: 'Close (Old workspace)', ready: false, state: 'CLIENT_ACTION_REQUIRED'},
      ])
    })

    it('list piped: tab-separated rows without a header; --all-apps adds the others', async () => {
      const result = await close(['connections', 'list', '--fields', 'current,id,state'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal(`true\t${SANDBOX_CLOSE}\tREADY\nfalse\t${SANDBOX_OLD}\tCLIENT_ACTION_REQUIRED\n`)
      const all = await close(['connections', 'list', '--all-apps', '--fields', 'id'])
      expect(all.stdout).to.equal(`${SANDBOX_CLOSE}\n${SANDBOX_OLD}\n${SANDBOX_HUBSPOT}\n`)
    })

    it('show: the connection in use, with its state', async () => {
      const result = await close(['connections', 'show', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({current: true, id: SANDBOX_CLOSE, ready: true, state: 'READY'})
    })

    it('show ID of one that needs re-authentication includes where to authorize it', async () => {
      const result = await close(['connections', 'show', SANDBOX_OLD, '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const row = JSON.parse(result.stdout) as Row & {clientAction: {uiUrl: string}}
      expect(row).to.include({current: false, ready: false, state: 'CLIENT_ACTION_REQUIRED'})
      expect(row.clientAction.uiUrl).to.match(/^https:\/\/sandbox\.membrane\.local\/connect\//)
    })

    it('show of an unknown ID exits 5', async () => {
      const result = await close(['connections', 'show', 'ffffffffffffffffffffffff'])
      expect(result.exitCode).to.equal(5)
      expect(result.stderr).to.equal(
        'Error: Membrane has no connection ffffffffffffffffffffffff.\n' +
          '  See the ones it has with `close connections list --sandbox`.\n',
      )
    })

    it('use without an ID off a terminal: exit 2 naming the argument, never waits', async () => {
      const result = await close(['connections', 'use'])
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Missing the connection ID (required when not on a terminal).\n' +
          '  Pass it: `close connections use ID --sandbox`; `close connections list --sandbox` shows the IDs.\n',
      )
    })

    it('use ID of another app: exit 2', async () => {
      const result = await close(['connections', 'use', SANDBOX_HUBSPOT])
      expect(result.exitCode).to.equal(2)
      expect(result.stderr).to.include(`Error: HubSpot (${SANDBOX_HUBSPOT}) is not a connection to Close.`)
    })

    it('use of an unknown ID: exit 5, config untouched', async () => {
      const result = await close(['connections', 'use', 'ffffffffffffffffffffffff'])
      expect(result.exitCode).to.equal(5)
      expect(readConfig(home)).to.deep.equal({})
    })

    it('use ID of one that needs re-authentication: cached, exit 4 naming reconnect', async () => {
      const result = await close(['connections', 'use', SANDBOX_OLD])
      expect(result.exitCode).to.equal(4)
      expect(result.stderr).to.equal(
        `Using the Close connection "Close (Old workspace)" (${SANDBOX_OLD}).\n` +
          `Error: Now using the Close connection "Close (Old workspace)" (${SANDBOX_OLD}), but it needs re-authentication (state CLIENT_ACTION_REQUIRED).\n` +
          `  Re-authenticate it with \`close connections reconnect ${SANDBOX_OLD} --sandbox\`, or choose another with \`close connections use --sandbox\`.\n`,
      )
      expect(readConfig(home)).to.deep.equal({sandboxConnection: {id: SANDBOX_OLD, name: 'Close (Old workspace)'}})
    })

    it('a data command on it explains and names the fix (exit 4), without an extra Membrane process', async () => {
      const result = await close(['leads', 'list', '--limit', '1'])
      expect(result.exitCode).to.equal(4)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        `Error: The Close connection "Close (Old workspace)" (${SANDBOX_OLD}), saved in config, needs re-authentication.\n` +
          `  Re-authenticate it with \`close connections reconnect ${SANDBOX_OLD} --sandbox\`, or choose another with \`close connections use --sandbox\`.\n`,
      )
    })

    it('reconnect (the one in use): shows the URL, waits for READY, exit 0', async () => {
      const result = await close(['connections', 'reconnect', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal({id: SANDBOX_OLD, name: 'Close (Old workspace)'})
      expect(result.stderr).to.match(
        /^\nTo re-authenticate "Close \(Old workspace\)" \(6650c105e5a4d0b0c1a55e02\), open this URL in a browser \(on this or any other device\):\n\n {4}https:\/\/sandbox\.membrane\.local\/connect\/6650c105e5a4d0b0c1a55e02\?\S+\n\n/,
      )
      expect(result.stderr).to.include('Waiting for the authorization in the browser (up to 5 minutes)…\n')
      expect(result.stderr).to.include(`Connection "Close (Old workspace)" (${SANDBOX_OLD}) is READY.\n`)
      const leads = await close(['leads', 'list', '--limit', '1', '--json'])
      expect(leads.exitCode, leads.stderr).to.equal(0)
    })

    it('use ID of a READY one: cached with its name', async () => {
      const result = await close(['connections', 'use', SANDBOX_CLOSE, '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal({id: SANDBOX_CLOSE, name: 'Close (Acme Demo)'})
      expect(readConfig(home).sandboxConnection).to.deep.equal({id: SANDBOX_CLOSE, name: 'Close (Acme Demo)'})
    })

    it('add: finds the Close connector, connects, waits for READY and uses the new connection', async () => {
      const result = await close(['connections', 'add', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const created = JSON.parse(result.stdout) as {id: string; name: string}
      expect(created.id).to.match(/^[\da-f]{24}$/)
      expect(created.id).not.to.be.oneOf([SANDBOX_CLOSE, SANDBOX_OLD, SANDBOX_HUBSPOT])
      expect(result.stderr).to.include('To authorize access to Close, open this URL in a browser')
      expect(result.stderr).to.include(`Using the Close connection "${created.name}" (${created.id}).\n`)
      expect((readConfig(home).sandboxConnection as {id: string}).id).to.equal(created.id)
      const list = await close(['connections', 'list', '--json'])
      const rows = JSON.parse(list.stdout) as Row[]
      expect(rows.find((row) => row.id === created.id)).to.include({current: true, state: 'READY'})
    })

    it('add --no-wait: the URL and the next command, exit 0, nothing cached', async () => {
      const before = readConfig(home)
      const result = await close(['connections', 'add', '--no-wait', '--json'])
      expect(result.exitCode, result.stderr).to.equal(0)
      const body = JSON.parse(result.stdout) as {id: string; next: string; url: string}
      expect(body.url).to.match(/^https:\/\/sandbox\.membrane\.local\/connect\//)
      expect(body.next).to.equal(`close connections use ${body.id} --sandbox`)
      expect(readConfig(home)).to.deep.equal(before)
    })
  })

  describe('fake membrane', () => {
    it('list of a bare array and of {items} give the same rows; none current without a choice', async () => {
      for (const scenario of ['items', 'array']) {
        const fake = fakeHome({FAKE_MEMBRANE_CLOSE_CONNECTIONS: '2', FAKE_MEMBRANE_SCENARIO: scenario})
        try {
          const result = await fake.run(['connections', 'list', '--fields', 'id,name,current'])
          expect(result.exitCode, result.stderr).to.equal(0)
          expect(result.stdout, scenario).to.equal(
            `${FAKE_CLOSE}\tClose\tfalse\n${FAKE_CLOSE_EU}\tClose (EU team)\tfalse\n`,
          )
        } finally {
          fake.home.remove()
        }
      }
    })

    it('CLOSE_CONNECTION_ID marks the current one; one not listed gets a note', async () => {
      const fake = fakeHome()
      try {
        const marked = await fake.run(['connections', 'list', '--fields', 'id,current'], {
          CLOSE_CONNECTION_ID: FAKE_CLOSE,
        })
        expect(marked.stdout).to.equal(`${FAKE_CLOSE}\ttrue\n`)
        const gone = await fake.run(['connections', 'list', '--fields', 'id'], {
          CLOSE_CONNECTION_ID: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        })
        expect(gone.exitCode).to.equal(0)
        expect(gone.stderr).to.equal(
          'The connection in use, aaaaaaaaaaaaaaaaaaaaaaaa, is not among them: choose another with `close connections use`.\n',
        )
      } finally {
        fake.home.remove()
      }
    })

    it('show without any connection chosen: exit 4 naming close login, --connection and CLOSE_CONNECTION_ID', async () => {
      const fake = fakeHome()
      try {
        const result = await fake.run(['connections', 'show', '--json'])
        expect(result.exitCode).to.equal(4)
        expect(jsonError(result.stderr)).to.deep.equal({
          code: 'no_connection',
          exitCode: 4,
          hint: 'Run `close login` to log in and choose one, or pass --connection ID (or set CLOSE_CONNECTION_ID).',
          message: 'No Close connection is chosen.',
        })
        expect(fake.spawned()).to.deep.equal([])
      } finally {
        fake.home.remove()
      }
    })

    it('add through a connection request (requestId + url): polls the request, then caches the connection', async () => {
      const fake = fakeHome({FAKE_MEMBRANE_CONNECT_SHAPE: 'request'})
      try {
        const result = await fake.run(['connections', 'add'])
        expect(result.exitCode, result.stderr).to.equal(0)
        expect(result.stderr).to.include(
          '\n    https://ui.getmembrane.com/connect/a1b2c3d4e5f6a7b8c9d0e1f2?token=fake-connect-token\n',
        )
        expect(result.stderr).to.include(`Using the Close connection "Close" (${FAKE_CLOSE}).\n`)
        const spawned = fake.spawned()
        expect(spawned.slice(0, 3)).to.deep.equal([
          ['connection', 'list', '--json'],
          ['search', 'close', '--elementType=connector', '--json'],
          ['connect', '--connectorId=36e8b5359309cc6273931bdb', '--non-interactive', '--json'],
        ])
        expect(spawned).to.deep.include(['connection-request', 'get', 'req_7f3e9c1a', '--json'])
        expect(fake.config()).to.deep.equal({connection: {id: FAKE_CLOSE, name: 'Close'}})
      } finally {
        fake.home.remove()
      }
    })

    it('add that never becomes READY: exit 4 after the timeout with the URL and the next command', async () => {
      const fake = fakeHome({CLOSE_CONNECT_TIMEOUT_MS: '1000'})
      try {
        const result = await fake.run(['connections', 'add'])
        expect(result.exitCode).to.equal(4)
        expect(result.stdout).to.equal('')
        expect(result.stderr).to.include('Waiting for the authorization in the browser (up to 1 s)…\n')
        expect(result.stderr).to.include(
          'Error: The Close connection a1b2c3d4e5f6a7b8c9d0e1f2 was not authorized within 1 s.\n',
        )
        expect(result.stderr).to.include(
          '  Open https://ui.getmembrane.com/connect/a1b2c3d4e5f6a7b8c9d0e1f2?token=fake-connect-token to authorize it, then run `close connections use a1b2c3d4e5f6a7b8c9d0e1f2`',
        )
        expect(fake.config()).to.deep.equal({})
      } finally {
        fake.home.remove()
      }
    })
  })
})
