import {expect} from 'chai'
import {join} from 'node:path'

import {AuthError, InterruptedError, NotFoundError, RateLimitError, RemoteError} from '../../../src/errors.js'
import {MembraneGateway, redactArgs} from '../../../src/membrane/gateway.js'
import {CLOSE_CONNECTION_ID, FakeMembrane, inProcessFakes, isAlive, rejection, until} from './helpers.js'
import {fails, ok, type Script, scripted, type ScriptedMembrane} from './port.js'

const LIST_LEADS_ID = '846a32c3bb81e3c29b621792'
const CONN = `--connectionId=${CLOSE_CONNECTION_ID}`

describe('membrane/gateway (against the fake membrane)', () => {
  // In-process fakes, a real process where that is the point: argv, environment, timeouts and kills.
  const fakes = inProcessFakes()

  before(fakes.install)

  after(fakes.restore)
  const PROCESS = {FAKE_MEMBRANE_PROCESS: '1'}
  let fake: FakeMembrane

  beforeEach(() => {
    fake = new FakeMembrane()
  })

  afterEach(() => {
    fake.remove()
  })

  describe('json()', () => {
    it('returns the JSON value and passes argv verbatim', async () => {
      const args = ['connection', 'list', '--json']
      const value = await fake.gateway('items', PROCESS).json(args)
      expect(value).to.have.property('items').that.is.an('array').with.length(2)
      expect(fake.calls()).to.deep.equal([args])
    })

    it('keeps each argv element whole: spaces, quotes and JSON are never shell-split', async () => {
      const input = {name: 'Bob\'s "Bistro" & Bar; $(rm -rf /)', tags: ['a b']}
      const args = ['action', 'run', 'nope', CONN, `--input=${JSON.stringify(input)}`, '--json']
      await rejection(fake.gateway('items', PROCESS).json(args))
      expect(fake.calls()).to.deep.equal([args])
    })

    it('parses bare arrays', async () => {
      const value = await fake.gateway('array').json(['connection', 'list', '--json'])
      expect(value).to.be.an('array').with.length(2)
    })

    it('finds the JSON among update notices and warnings', async () => {
      const value = await fake.gateway('noisy').json(['status', '--json'])
      expect(value).to.deep.include({loggedIn: true})
    })

    it('runs with CI=1 NO_COLOR=1 FORCE_COLOR=0 and stdin not a TTY', async () => {
      const value = await fake.gateway('echo-env').json(['status', '--json'])
      expect(value).to.deep.include({env: {CI: '1', FORCE_COLOR: '0', NO_COLOR: '1'}, stdinIsTTY: false})
    })

    it('error JSON on stdout with exit 0 → RemoteError 3 membrane_failed with Membrane’s message', async () => {
      const error = await rejection(fake.gateway('error-exit0').json(['connection', 'list', '--json']))
      expect(error).to.be.instanceOf(RemoteError)
      expect(error).to.include({code: 'membrane_failed', exitCode: 3})
      expect(error.message).to.equal('Membrane failed: Workspace configuration is incomplete: no tenant selected.')
    })

    it('non-zero exit with plain stderr → RemoteError 3 with the first line, no stack', async () => {
      const error = await rejection(fake.gateway('stderr-exit1').json(['connection', 'list', '--json']))
      expect(error).to.be.instanceOf(RemoteError)
      expect(error).to.include({code: 'membrane_failed', exitCode: 3})
      expect(error.message).to.equal('Membrane failed: Error: Request to the Membrane API failed: socket hang up.')
    })

    it('non-JSON output with exit 0 → RemoteError 3 bad_output quoting it', async () => {
      const error = await rejection(fake.gateway('garbage').json(['connection', 'list', '--json']))
      expect(error).to.be.instanceOf(RemoteError)
      expect(error).to.include({code: 'bad_output', exitCode: 3})
      expect(error.message).to.equal(
        'Membrane printed something that is not JSON: "Welcome to Membrane! <html><body><h1>502 Bad Gateway</h1></body></html>"',
      )
    })

    it('missing binary → AuthError 4 membrane_missing naming the path, the install command and --sandbox', async () => {
      const bin = join(fake.dir, 'no-such-membrane')
      const error = (await rejection(fake.gateway('items', {}, {binPath: bin}).json(['status', '--json']))) as AuthError
      expect(error).to.be.instanceOf(AuthError)
      expect(error).to.include({code: 'membrane_missing', exitCode: 4})
      expect(error.message).to.equal(`The Membrane CLI was not found at "${bin}".`)
      expect(error.hint).to.include('npm install -g @membranehq/cli')
      expect(error.hint).to.include('--sandbox')
    })

    it('not logged in → AuthError 4 not_logged_in, hint close login', async () => {
      const error = (await rejection(
        fake.gateway('not-authenticated').json(['connection', 'list', '--json']),
      )) as AuthError
      expect(error).to.be.instanceOf(AuthError)
      expect(error).to.include({code: 'not_logged_in', exitCode: 4, hint: 'Run `close login`.'})
    })

    it('expired connection → AuthError 4 connection_not_ready naming membrane connect --connectionId', async () => {
      const args = ['action', 'list', CONN, '--json']
      const error = (await rejection(fake.gateway('connection-expired').json(args))) as AuthError
      expect(error).to.be.instanceOf(AuthError)
      expect(error).to.include({code: 'connection_not_ready', exitCode: 4})
      expect(error.message).to.include('needs to be re-authenticated: Access token expired and could not be refreshed')
      expect(error.hint).to.include(`membrane connect --connectionId=${CLOSE_CONNECTION_ID}`)
      expect(error.hint).to.include('close connections use')
    })

    it('unknown connection → AuthError 4 connection_not_found', async () => {
      const error = await rejection(
        fake.gateway('items').json(['action', 'list', '--connectionId=ffffffffffffffffffffffff', '--json']),
      )
      expect(error).to.be.instanceOf(AuthError)
      expect(error).to.include({code: 'connection_not_found', exitCode: 4})
    })

    it('Close 404 inside an action run → NotFoundError 5 with Close’s text', async () => {
      const args = ['action', 'run', LIST_LEADS_ID, CONN, '--input={}', '--json']
      const error = await rejection(fake.gateway('close-404').json(args, {retry: true}))
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error).to.include({code: 'not_found', exitCode: 5})
      expect(error.message).to.equal('Empty query: Lead matching query does not exist.')
      expect(fake.calls()).to.have.length(1)
    })

    it('Close 400 field errors → RemoteError 3 close_validation with details', async () => {
      const args = ['action', 'run', LIST_LEADS_ID, CONN, '--input={}', '--json']
      const error = (await rejection(fake.gateway('close-400-field-errors').json(args))) as RemoteError
      expect(error).to.include({code: 'close_validation', exitCode: 3})
      expect(error.message).to.equal(
        'Close rejected the request: name: This field is required; status: Not a valid choice.',
      )
      expect(error.details).to.deep.include({
        errors: [],
        fieldErrors: {name: 'This field is required.', status: 'Not a valid choice.'},
        status: 400,
      })
    })

    it('proxy failure (raw body + HTTP 404 on stderr) → NotFoundError with {status, body}', async () => {
      const args = ['request', CLOSE_CONNECTION_ID, '/lead/lead_000000000000000000000x/', '--method=GET']
      const error = (await rejection(fake.gateway('items').json(args, {proxy: true}))) as NotFoundError
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error.details).to.deep.equal({
        body: {error: 'Empty query: Lead matching query does not exist.'},
        status: 404,
      })
    })

    it('proxy mode: an empty stdout on exit 0 is a null body', async () => {
      const gateway = new MembraneGateway({binPath: 'true', timeoutMs: 5000})
      expect(await gateway.json(['request'], {proxy: true})).to.equal(null)
      const error = await rejection(gateway.json(['status', '--json']))
      expect(error).to.include({code: 'bad_output'})
      expect(error.message).to.equal('Membrane printed no JSON.')
    })
  })

  describe('timeout and cancellation', () => {
    it('times out → RemoteError 3 timeout naming the seconds and CLOSE_MEMBRANE_TIMEOUT_MS', async () => {
      const error = (await rejection(
        fake.gateway('hang', {}, {timeoutMs: 300}).json(['status', '--json']),
      )) as RemoteError
      expect(error).to.be.instanceOf(RemoteError)
      expect(error).to.include({code: 'timeout', exitCode: 3})
      expect(error.message).to.equal('Membrane did not answer within 0.3 s.')
      expect(error.hint).to.include('CLOSE_MEMBRANE_TIMEOUT_MS')
      for (const pid of fake.pids()) expect(isAlive(pid), `pid ${pid}`).to.equal(false)
    })

    it('a per-call timeoutMs overrides the gateway’s', async () => {
      const error = await rejection(fake.gateway('hang').json(['status', '--json'], {timeoutMs: 200}))
      expect(error.message).to.equal('Membrane did not answer within 0.2 s.')
    })

    it('abort → InterruptedError 130 and the child is gone', async () => {
      const controller = new AbortController()
      const call = fake.gateway('hang', {}, {signal: controller.signal}).json(['status', '--json'])
      await until(() => fake.pids().length === 1, 'the fake to start')
      controller.abort()
      const error = await rejection(call)
      expect(error).to.be.instanceOf(InterruptedError)
      expect(error).to.include({exitCode: 130})
      expect(isAlive(fake.pids()[0])).to.equal(false)
    })

    it('a child that ignores SIGTERM is killed after the grace period', async () => {
      const controller = new AbortController()
      const gateway = fake.gateway('hang-stubborn', {}, {killGraceMs: 200, signal: controller.signal})
      const call = gateway.text(['status'])
      await until(() => fake.pids().length === 1, 'the fake to start')
      await until(() => fake.calls().length === 1, 'the fake to log')
      controller.abort()
      expect(await rejection(call)).to.be.instanceOf(InterruptedError)
      expect(isAlive(fake.pids()[0])).to.equal(false)
    })

    it('an already aborted signal spawns nothing', async () => {
      const controller = new AbortController()
      controller.abort()
      const error = await rejection(fake.gateway('items', {}, {signal: controller.signal}).json(['status', '--json']))
      expect(error).to.be.instanceOf(InterruptedError)
      expect(fake.calls()).to.deep.equal([])
    })

    it('abort during a retry wait → InterruptedError', async () => {
      const controller = new AbortController()
      const gateway = fake.gateway(
        '429-then-ok',
        {},
        {
          signal: controller.signal,
          async sleep() {
            controller.abort()
          },
        },
      )
      expect(await rejection(gateway.json(['action', 'list', CONN, '--json'], {retry: true}))).to.be.instanceOf(
        InterruptedError,
      )
      expect(fake.calls()).to.have.length(1)
    })
  })

  describe('text()', () => {
    it('returns stdout, stderr and the exit code without interpreting them', async () => {
      const result = await fake.gateway('stderr-exit1').text(['status'])
      expect(result).to.include({exitCode: 1, stdout: ''})
      expect(result.stderr).to.match(/^Error: Request to the Membrane API failed: socket hang up\n/)
      expect(result.durationMs).to.be.a('number')
    })

    it('still maps a missing binary', async () => {
      const error = await rejection(fake.gateway('items', {}, {binPath: join(fake.dir, 'nope')}).text(['--version']))
      expect(error).to.include({code: 'membrane_missing', exitCode: 4})
    })

    it('with `until`, stops a process that keeps running after printing what we wanted', async () => {
      const result = await fake
        .gateway('login-wait')
        .text(['login', '--tenant'], {until: /https?:\/\/\S+\s/, untilGraceMs: 50})
      expect(result.stdout).to.include('https://ui.getmembrane.com/cli-login?')
      expect(isAlive(fake.pids()[0])).to.equal(false)
    })
  })

  describe('--debug', () => {
    it('logs one line per spawn with input values redacted', async () => {
      const gateway = fake.gateway('items')
      await gateway.json(['action', 'run', LIST_LEADS_ID, CONN, '--input={"secret":"s3cr3t"}', '--json'])
      await gateway.run(['login', 'complete', 'abc-123-code'])
      await gateway.json(
        [
          'request',
          CLOSE_CONNECTION_ID,
          '/lead/',
          '--method=POST',
          '--header=Content-Type: application/json',
          '--data={"name":"Acme"}',
        ],
        {proxy: true},
      )
      expect(fake.debugLines).to.have.length(3)
      expect(fake.debugLines[0]).to.match(
        new RegExp(`^membrane action run ${LIST_LEADS_ID} ${CONN} --input=<redacted> --json → exit 0 in \\d+ ms$`),
      )
      expect(fake.debugLines[1]).to.match(/^membrane login complete <redacted> → exit 0 in \d+ ms$/)
      expect(fake.debugLines[2]).to.match(
        /^membrane request \w+ \/lead\/ --method=POST '--header=Content-Type: application\/json' --data=<redacted> → exit 0 in \d+ ms$/,
      )
      expect(fake.debugLines.join('\n')).not.to.match(/s3cr3t|abc-123-code|Acme/)
    })

    it('logs retries and failures', async () => {
      await fake.gateway('429-then-ok').json(['action', 'list', CONN, '--json'], {retry: true})
      expect(fake.debugLines).to.have.length(5)
      expect(fake.debugLines[0]).to.match(/ → exit 1 in \d+ ms$/)
      expect(fake.debugLines[1]).to.equal('retry 1/4 after 0 ms')
      expect(fake.debugLines[3]).to.equal('retry 2/4 after 0 ms')
      expect(fake.debugLines[4]).to.match(/ → exit 0 in \d+ ms$/)
    })

    it('redactArgs covers --input/--data/-d in both spellings and auth headers', () => {
      expect(
        redactArgs([
          'x',
          '--input',
          '{"a":1}',
          '-d',
          'body',
          '-dbody',
          '--data=1',
          '--header=Authorization: Bearer t',
          '--header=Accept: x',
        ]),
      ).to.deep.equal([
        'x',
        '--input',
        '<redacted>',
        '-d',
        '<redacted>',
        '-d<redacted>',
        '--data=<redacted>',
        '--header=Authorization: <redacted>',
        '--header=Accept: x',
      ])
    })
  })

  /** The retry rules over the scripted spawner (no process, no real wait): the answers the fake gives. */
  describe('membrane/gateway retries (scripted membrane)', () => {
    let membrane: ScriptedMembrane
    const listArgs = ['action', 'list', CONN, '--json']
    const LIST = {items: [{id: LIST_LEADS_ID, key: 'list-leads'}]}
    /** The fake's 429-then-ok: `failures` rate-limited answers (action or proxy form), then success. */
    const rateLimited =
      (failures: number, retryAfter = '0', success: unknown = LIST): Script =>
      (args, call) => {
        if (call > failures) return ok(success)
        if (args[0] === 'request') {
          return fails(
            {message: 'API call count exceeded for this period', rate_limit_type: 'key', rate_reset: '0'},
            `HTTP 429\nretry-after: ${retryAfter}\nRateLimit: limit=100, remaining=0, reset=${retryAfter}\n`,
          )
        }

        return fails({
          data: {headers: {'retry-after': retryAfter}, status: 429},
          key: 'rate_limit_exceeded',
          message: 'Close rate limit exceeded',
          type: 'connection',
        })
      }

    afterEach(() => membrane.restore())

    it('retries 429 with retry-after 0, then succeeds', async () => {
      membrane = scripted(rateLimited(2))
      const value = await membrane.gateway().json(listArgs, {retry: true})
      expect(value).to.have.property('items')
      expect(membrane.calls).to.have.length(3)
      expect(membrane.sleeps).to.deep.equal([0, 0])
    })

    it('gives up after maxRetries with RateLimitError 6', async () => {
      membrane = scripted(rateLimited(99))
      const error = await rejection(membrane.gateway().json(listArgs, {retry: true}))
      expect(error).to.be.instanceOf(RateLimitError)
      expect(error).to.include({code: 'rate_limited', exitCode: 6})
      expect(error.message).to.equal('Rate limited: Close rate limit exceeded (gave up after 4 retries).')
      expect(membrane.calls).to.have.length(5)
      expect(membrane.sleeps).to.have.length(4)
    })

    it('honours maxRetries and retry-after seconds', async () => {
      membrane = scripted(rateLimited(99, '3'))
      await rejection(membrane.gateway({maxRetries: 2}).json(listArgs, {retry: true}))
      expect(membrane.sleeps).to.deep.equal([3000, 3000])
      expect(membrane.calls).to.have.length(3)
    })

    it('never retries when retry is off (creates)', async () => {
      membrane = scripted(rateLimited(2))
      const error = await rejection(membrane.gateway().json(listArgs, {retry: false}))
      expect(error).to.be.instanceOf(RateLimitError)
      expect(error.message).to.equal('Rate limited: Close rate limit exceeded.')
      expect(membrane.calls).to.have.length(1)
      expect(membrane.sleeps).to.deep.equal([])
    })

    it('backs off 0.5 s, 1 s… on 5xx without retry-after', async () => {
      membrane = scripted((_args, call) =>
        call > 2
          ? ok({output: {data: []}})
          : fails({
              data: {body: {error: 'Service temporarily unavailable'}, status: 503},
              message: 'Request failed with status code 503',
              type: 'action_run',
            }),
      )
      const args = ['action', 'run', LIST_LEADS_ID, CONN, '--input={}', '--json']
      const value = await membrane.gateway().json(args, {retry: true})
      expect(value).to.have.property('output')
      expect(membrane.sleeps).to.deep.equal([500, 1000])
    })

    it('retries proxied 429s with retry-after from stderr', async () => {
      membrane = scripted(rateLimited(2, '1', {email: 'dana@northwind-demo.example', id: 'user_1'}))
      const args = ['request', CLOSE_CONNECTION_ID, '/me/', '--method=GET']
      const value = await membrane.gateway().json(args, {proxy: true, retry: true})
      expect(value).to.have.property('email', 'dana@northwind-demo.example')
      expect(membrane.sleeps).to.deep.equal([1000, 1000])
    })

    it('does not sit through a server wait longer than a minute', async () => {
      membrane = scripted(rateLimited(2, '120'))
      const error = await rejection(membrane.gateway().json(listArgs, {retry: true}))
      expect(error).to.be.instanceOf(RateLimitError)
      expect(error.message).to.equal('Rate limited: Close rate limit exceeded (retry in 120 s).')
      expect(membrane.sleeps).to.deep.equal([])
    })
  })
})
