/**
 * The client against scripted Membrane binaries (through the spawner port, no process started):
 * both CLI generations, every answer shape, every error channel, the /api/v1 base path, retry
 * timing, large inputs, redaction, and what a user sees (records, exit code, hint, processes).
 */
/* eslint-disable unicorn/consistent-function-scoping -- the helpers share the suite's scripted membrane */
import {expect} from 'chai'

import {AuthError, NotFoundError, RateLimitError, RemoteError, UsageError} from '../../../src/errors.js'
import {
  type Capabilities,
  helpCapabilities,
  MembraneClient,
  memoryStore,
  proxyArgv,
  runArgv,
} from '../../../src/membrane/client.js'
import {parseTimeoutMs} from '../../../src/membrane/gateway.js'
import {rejection} from './helpers.js'
import {type Answer, fails, ok, scripted, type ScriptedMembrane} from './port.js'

const CONN = '6eaac8d82f01b7210760474f'
const ACTION = '846a32c3bb81e3c29b621792'
const ME = {email: 'dana@northwind-demo.example', id: 'user_FmErxTM1cHho4PAAANvkYf'}
const LEADS = {data: [{display_name: 'Acme', id: 'lead_1'}], has_more: false}
const unknownCommand = (name: string): Answer => ({exitCode: 1, stderr: `error: unknown command '${name}'\n`})

/** A generation-B-only binary: `act` works, `action run` and `request` are unknown commands. */
function generationB(args: string[]): Answer {
  if (args[0] === 'request') return unknownCommand('request')
  if (args[0] === 'action' && args[1] === 'run') return unknownCommand('action run')
  if (args[0] === '--help') return {stdout: 'Commands:\n  login\n  connection\n  action\n  act\n  action-run-log\n'}
  if (args[0] === 'act' && args.some((arg) => arg.startsWith('--api='))) {
    return ok({actionRunId: 'r1', output: {data: ME, headers: {}, status: 200}})
  }

  if (args[0] === 'act') return ok({actionRunId: 'r1', output: LEADS})
  return unknownCommand(args[0])
}

describe('membrane/client: dialects, shapes and channels (spawner port)', () => {
  let membrane: ScriptedMembrane
  const client = (options = {}, gateway = {}) => new MembraneClient(membrane.gateway(gateway), options)

  afterEach(() => membrane?.restore())

  describe('generation detection', () => {
    it('generation A: `action run` and `request`, one process each, nothing probed', async () => {
      membrane = scripted((args) => (args[0] === 'request' ? ok(ME) : ok({output: LEADS})))
      const membraneClient = client()
      expect(await membraneClient.runAction(ACTION, CONN, {limit: 1})).to.deep.equal(LEADS)
      expect((await membraneClient.request(CONN, {method: 'GET', path: '/me/'})).body).to.deep.equal(ME)
      expect(membrane.calls).to.deep.equal([
        ['action', 'run', ACTION, `--connectionId=${CONN}`, '--input={"limit":1}', '--json'],
        ['request', CONN, '/me/', '--method=GET'],
      ])
    })

    it('generation B only: the unknown-command answer switches to `act` once; then one process per call', async () => {
      membrane = scripted(generationB)
      const store = memoryStore<Capabilities>()
      const first = client({capabilities: store})
      expect(await first.runAction(ACTION, CONN, {})).to.deep.equal(LEADS)
      expect(membrane.calls).to.deep.equal([
        ['action', 'run', ACTION, `--connectionId=${CONN}`, '--input={}', '--json'],
        ['act', `--id=${ACTION}`, `--connectionId=${CONN}`, '--input={}', '--json'],
      ])
      membrane.calls.length = 0
      // A later run with the warm cache: one process per page, straight in dialect B.
      const warm = client({capabilities: store})
      expect(await warm.runAction(ACTION, CONN, {limit: 2})).to.deep.equal(LEADS)
      expect(await warm.runAction(ACTION, CONN, {limit: 3})).to.deep.equal(LEADS)
      expect(membrane.calls.map((args) => args[0])).to.deep.equal(['act', 'act'])
    })

    it('generation B only: the proxy goes through `act --api` with method, path, query, headers, body', async () => {
      membrane = scripted(generationB)
      const response = await client().request(CONN, {
        body: {name: 'Acme'},
        method: 'post',
        path: '/lead/',
        query: [
          ['_fields', 'id'],
          ['x', '1'],
          ['x', '2'],
        ],
      })
      expect(response).to.deep.equal({body: ME, headers: {}, status: 200})
      expect(membrane.calls[1]).to.deep.equal([
        'act',
        `--connectionId=${CONN}`,
        '--api={"method":"POST","path":"/lead/","query":{"_fields":"id","x":["1","2"]},"headers":{"Content-Type":"application/json"},"body":{"name":"Acme"}}',
        '--json',
      ])
    })

    it('a binary that knows neither dialect: exit 3 saying so, with the install command', async () => {
      membrane = scripted((args) => unknownCommand(args[0]))
      const error = (await rejection(client().runAction(ACTION, CONN, {}))) as RemoteError
      expect(error).to.include({code: 'membrane_unsupported', exitCode: 3})
      expect(error.message).to.equal(
        'This Membrane CLI knows neither `action run` (generation A) nor `act --id` (generation B).',
      )
      expect(error.hint).to.include('npm install -g @membranehq/cli@latest')
      expect(membrane.calls).to.have.length(2)
    })

    it('capabilities(): `--help` once, then cached; status can show the generation', async () => {
      membrane = scripted(generationB)
      const store = memoryStore<Capabilities>()
      expect(await client({capabilities: store}).capabilities()).to.deep.include({
        generation: 'B',
        proxy: 'B',
        run: 'B',
      })
      expect(await client({capabilities: store}).capabilities()).to.deep.include({generation: 'B', source: 'cache'})
      expect(membrane.calls).to.deep.equal([['--help']])
    })

    it('helpCapabilities reads command lists (connection-request is not request)', () => {
      expect(helpCapabilities('Commands: login, connection-request, action, act').generation).to.equal('B')
      expect(helpCapabilities('Commands: login, action, request').generation).to.equal('A')
      expect(helpCapabilities('  request   Send\n  act   Run').generation).to.equal('A+B')
      expect(helpCapabilities('membrane 0.1 plugin: connect, catalog').generation).to.equal('unknown')
    })

    it('healthRead: one real read (GET /me/); a login failure there is exit 4', async () => {
      membrane = scripted(() => ok(ME))
      expect(await client().healthRead(CONN)).to.deep.equal(ME)
      membrane.restore()
      membrane = scripted(() => fails({key: 'not_authenticated', message: 'No', type: 'bad_request'}))
      const error = await rejection(client().healthRead(CONN))
      expect(error).to.be.instanceOf(AuthError).and.include({code: 'not_logged_in', exitCode: 4})
    })
  })

  describe('argv builders (what raw --dry-run prints)', () => {
    const request = {
      body: {a: 1},
      headers: {Accept: 'application/json'},
      method: 'PUT',
      path: '/lead/x/',
      query: [['q', '1']] as Array<[string, string]>,
    }

    it('proxyArgv A and B', () => {
      expect(proxyArgv('A', CONN, request)).to.deep.equal([
        'request',
        CONN,
        '/lead/x/',
        '--method=PUT',
        '--query=q=1',
        '--header=Accept: application/json',
        '--header=Content-Type: application/json',
        '--data={"a":1}',
      ])
      expect(proxyArgv('B', CONN, request)).to.deep.equal([
        'act',
        `--connectionId=${CONN}`,
        '--api={"method":"PUT","path":"/lead/x/","query":{"q":"1"},"headers":{"Accept":"application/json","Content-Type":"application/json"},"body":{"a":1}}',
        '--json',
      ])
    })

    it('runArgv A and B; a value that would read as a flag is refused', () => {
      expect(runArgv('B', ACTION, CONN, {x: 1})).to.deep.equal([
        'act',
        `--id=${ACTION}`,
        `--connectionId=${CONN}`,
        '--input={"x":1}',
        '--json',
      ])
      expect(() => runArgv('A', '--evil', CONN, {})).to.throw(UsageError)
    })
  })

  describe('answer shapes', () => {
    const proxied = async (answer: Answer) => {
      membrane = scripted(() => answer)
      return client().request(CONN, {method: 'GET', path: '/lead/'})
    }

    it('wrapped {status, headers, body} with the body a JSON string', async () => {
      const response = await proxied(ok({body: JSON.stringify(LEADS), headers: {'X-A': '1'}, status: 200}))
      expect(response).to.deep.equal({body: LEADS, headers: {'x-a': '1'}, status: 200})
    })

    it('wrapped {status, headers, data} and a non-JSON string body (text for raw)', async () => {
      expect((await proxied(ok({data: LEADS, headers: {}, status: 200}))).body).to.deep.equal(LEADS)
      membrane.restore()
      expect((await proxied(ok({body: 'plain text', headers: {}, status: 200}))).body).to.equal('plain text')
    })

    it('a cut-off document is exit 3 bad_output, never the inner object', async () => {
      const text = JSON.stringify({data: [{contacts: [{emails: [{email: 'a@b.example'}]}], id: 'lead_1'}]}, null, 2)
      const error = await rejection(proxied({stdout: text.slice(0, text.indexOf('a@b'))}))
      expect(error).to.be.instanceOf(RemoteError).and.include({code: 'bad_output', exitCode: 3})
      expect(error.message).to.match(/cut off/)
    })

    it('JSON nested 100,000 deep is exit 3 bad_output, not a stack overflow', async () => {
      const error = await rejection(proxied({stdout: `${'['.repeat(100_000)}${']'.repeat(100_000)}`}))
      expect(error).to.include({code: 'bad_output', exitCode: 3})
    })
  })

  describe('error channels', () => {
    const run = async (answer: Answer) => {
      membrane = scripted(() => answer)
      return rejection(client().runAction(ACTION, CONN, {}))
    }

    it('error JSON on stderr only (exit 1, stdout empty) → exit 4 naming close login', async () => {
      const stderr = `${JSON.stringify({key: 'not_authenticated', message: 'Session expired', type: 'bad_request'})}\n`
      const error = (await run({exitCode: 1, stderr})) as AuthError
      expect(error).to.include({code: 'not_logged_in', exitCode: 4, hint: 'Run `close login`.'})
    })

    it('a connection error as causedByError of an action_run error → exit 4 naming the reconnect', async () => {
      const error = (await run(
        fails({
          causedByError: {key: 'access_token_expired', message: 'Token expired', type: 'connection'},
          message: 'Action run failed',
          type: 'action_run',
        }),
      )) as AuthError
      expect(error).to.include({code: 'connection_not_ready', exitCode: 4})
      expect(error.message).to.equal(`The Close connection ${CONN} needs to be re-authenticated: Token expired.`)
      expect(error.hint).to.include(`membrane connect --connectionId=${CONN}`)
    })

    it('"Request failed with status code 404" is a 404 (exit 5)', async () => {
      const error = await run(fails({message: 'Request failed with status code 404', type: 'action_run'}))
      expect(error).to.be.instanceOf(NotFoundError).and.include({exitCode: 5})
    })

    it('secrets in Membrane errors are scrubbed from the message and the details', async () => {
      const error = (await run(
        fails({
          data: {body: {access_token: 'sk_live_1234567890', error: 'bad'}, status: 400},
          message: 'Request failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
          type: 'action_run',
        }),
      )) as RemoteError
      const text = JSON.stringify(error.toJSON())
      expect(text).not.to.include('eyJhbGci')
      expect(text).not.to.include('sk_live')
      expect(text).to.include('<redacted>')
    })
  })

  describe('the /api/v1 base path', () => {
    const needsApiV1 = (args: string[]): Answer => {
      const path = args[0] === 'request' ? args[2] : ''
      if (!path.startsWith('/api/v1/'))
        return {exitCode: 1, stderr: 'Error: Request failed with status code 404\n', stdout: 'Not Found'}
      if (path === '/api/v1/lead/lead_gone00000/')
        return fails({error: 'Lead matching query does not exist.'}, 'HTTP 404\n')
      return ok(ME)
    }

    it('the first routing 404 is sent again under /api/v1, then remembered per connection', async () => {
      membrane = scripted(needsApiV1)
      const basePaths = memoryStore<string>()
      const first = client({basePaths})
      expect((await first.request(CONN, {method: 'GET', path: '/me/'})).body).to.deep.equal(ME)
      expect(membrane.calls.map((args) => args[2])).to.deep.equal(['/me/', '/api/v1/me/'])
      expect(basePaths.get(CONN)).to.equal('/api/v1')
      membrane.calls.length = 0
      await client({basePaths}).request(CONN, {method: 'GET', path: '/lead/'})
      expect(membrane.calls.map((args) => args[2])).to.deep.equal(['/api/v1/lead/'])
      expect(client({basePaths}).proxyArgs(CONN, {method: 'GET', path: '/me/'})[2]).to.equal('/api/v1/me/')
    })

    it('a routing 404 of a write on a connector whose /me/ answers: probed once, never sent twice', async () => {
      membrane = scripted((args) => (args[2] === '/me/' ? ok(ME) : fails({error: 'Unknown endpoint'}, 'HTTP 404\n')))
      const basePaths = memoryStore<string>()
      const error = await rejection(
        client({basePaths}).request(CONN, {body: {is_complete: true}, method: 'PUT', path: '/task/'}),
      )
      expect(error).to.be.instanceOf(NotFoundError)
      expect(membrane.calls.map((args) => `${args[3]} ${args[2]}`)).to.deep.equal([
        '--method=PUT /task/',
        '--method=GET /me/',
      ])
      expect(basePaths.get(CONN)).to.equal('')
    })

    it('a routing 404 of a write on a connector that needs /api/v1: probed, then sent once under /api/v1', async () => {
      membrane = scripted(needsApiV1)
      const basePaths = memoryStore<string>()
      await client({basePaths}).request(CONN, {body: {name: 'A'}, method: 'POST', path: '/lead/'})
      expect(membrane.calls.map((args) => `${args[3]} ${args[2]}`)).to.deep.equal([
        '--method=POST /lead/',
        '--method=GET /me/',
        '--method=GET /api/v1/me/',
        '--method=POST /api/v1/lead/',
      ])
      expect(basePaths.get(CONN)).to.equal('/api/v1')
    })

    it("Close's own 404 (does not exist) is a not-found, not a base-path problem", async () => {
      membrane = scripted(needsApiV1)
      const basePaths = memoryStore<string>()
      basePaths.set(CONN, '/api/v1')
      const error = await rejection(client({basePaths}).request(CONN, {method: 'GET', path: '/lead/lead_gone00000/'}))
      expect(error).to.be.instanceOf(NotFoundError)
      expect(membrane.calls).to.have.length(1)
    })
  })

  describe('retries and writes', () => {
    it("Membrane's data.retryAfter is honoured: 2 attempts, the wait told to onWait", async () => {
      const waits: Array<[number, string]> = []
      membrane = scripted((_args, call) =>
        call === 1
          ? fails({data: {retryAfter: 2}, key: 'rate_limit_exceeded', message: 'Slow down', type: 'connection'})
          : ok({output: LEADS}),
      )
      const membraneClient = client({}, {onWait: (ms: number, reason: string) => waits.push([ms, reason])})
      expect(await membraneClient.runAction(ACTION, CONN, {}, {retry: true})).to.deep.equal(LEADS)
      expect(membrane.calls).to.have.length(2)
      expect(membrane.sleeps).to.deep.equal([2000])
      expect(waits).to.deep.equal([[2000, 'Rate limited: Slow down.']])
    })

    it('a wait longer than the cap fails at once with the wait named (exit 6)', async () => {
      membrane = scripted(() =>
        fails({data: {retryAfter: 600}, key: 'rate_limit_exceeded', message: 'Slow', type: 'connection'}),
      )
      const error = await rejection(client().runAction(ACTION, CONN, {}, {retry: true}))
      expect(error).to.be.instanceOf(RateLimitError)
      expect(error.message).to.include('retry in 600 s')
      expect(membrane.sleeps).to.deep.equal([])
    })

    it('a retried delete answered 404 succeeded', async () => {
      membrane = scripted((_args, call) =>
        call === 1
          ? fails({error: 'Service unavailable'}, 'HTTP 503\n')
          : fails({error: 'Lead matching query does not exist.'}, 'HTTP 404\n'),
      )
      const response = await client().request(
        CONN,
        {method: 'DELETE', path: '/lead/lead_1/'},
        {goneIsDone: true, retry: true},
      )
      expect(response.body).to.equal(null)
      expect(membrane.calls).to.have.length(2)
    })

    it('a create that failed with a 5xx says the record may exist and how to check', async () => {
      membrane = scripted(() => fails({error: 'Internal error'}, 'HTTP 500\n'))
      const write = {check: 'close leads list', effect: 'the lead may have been created'}
      const error = await rejection(
        client().request(CONN, {body: {name: 'A'}, method: 'POST', path: '/lead/'}, {write}),
      )
      expect(error.message).to.equal('Close failed with HTTP 500: Internal error; the lead may have been created.')
      expect((error as RemoteError).hint).to.equal('Check with `close leads list` before trying again.')
      expect(membrane.calls).to.have.length(1)
    })
  })

  describe('large inputs and settings', () => {
    it('an argument over 128 KiB is exit 2 naming the limit and the flag, before anything is spawned', async () => {
      membrane = scripted(() => ok({output: {}}))
      const error = (await rejection(client().runAction(ACTION, CONN, {note: 'x'.repeat(140_000)}))) as UsageError
      expect(error).to.be.instanceOf(UsageError).and.include({code: 'input_too_large', exitCode: 2})
      expect(error.message).to.include('--input')
      expect(error.message).to.include('128 KiB')
      expect(membrane.calls).to.deep.equal([])
    })

    it('CLOSE_MEMBRANE_TIMEOUT_MS: 1 ms … 24 h, else exit 2 naming it', () => {
      expect(parseTimeoutMs()).to.equal(60_000)
      expect(parseTimeoutMs('')).to.equal(60_000)
      expect(parseTimeoutMs('1')).to.equal(1)
      expect(parseTimeoutMs('86400000')).to.equal(86_400_000)
      for (const bad of ['abc', '0', '-5', '1.5', '3000000000', '86400001']) {
        expect(() => parseTimeoutMs(bad), bad).to.throw(UsageError, /CLOSE_MEMBRANE_TIMEOUT_MS/)
      }
    })

    it('--debug lines never show secrets: headers, tokens, query parameters', async () => {
      membrane = scripted(() => ok(ME))
      await client().request(CONN, {
        headers: {
          Authorization: 'Bearer abc.def.ghi',
          'Proxy-Authorization': 'Basic dXNlcjpwYXNz',
          'X-Auth-Token': 't0ken',
        },
        method: 'GET',
        path: '/me/',
        query: [['api_key', 'sekrit123']],
      })
      const line = membrane.debug.join('\n')
      for (const secret of ['abc.def.ghi', 'dXNlcjpwYXNz', 't0ken', 'sekrit123']) expect(line).not.to.include(secret)
      expect(line).to.include('--query=api_key=<redacted>')
    })
  })
})
