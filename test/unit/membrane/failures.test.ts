/* eslint-disable mocha/max-top-level-suites -- the rule tables are a suite of their own */
import {expect} from 'chai'

import {AuthError, NotFoundError, RateLimitError, RemoteError} from '../../../src/errors.js'
import {
  backoffMs,
  badOutputError,
  classifyOutcome,
  FAILURE_RULES,
  isErrorPayload,
  mapFailure,
  missingBinaryError,
  type Outcome,
  retryAfterMs,
  timeoutError,
} from '../../../src/membrane/failures.js'

const CONN = '6eaac8d82f01b7210760474f'
const RUN_ARGS = ['action', 'run', '0f1e2d3c4b5a697887766554', `--connectionId=${CONN}`, '--input={}', '--json']
const REQUEST_ARGS = ['request', CONN, '/lead/lead_YBEldzFN1XdtXNMPqAXiuF/', '--method=GET']

function outcome(partial: Partial<Outcome>): Outcome {
  return {args: RUN_ARGS, exitCode: 1, stderr: '', stdout: '', ...partial}
}

function fail(partial: Partial<Outcome>) {
  return mapFailure(outcome(partial))
}

const json = (value: unknown) => JSON.stringify(value)

describe('membrane/failures', () => {
  describe('classifyOutcome', () => {
    it('is undefined for a zero exit with ordinary JSON, text or a record carrying an error field', () => {
      expect(classifyOutcome(outcome({exitCode: 0, stdout: '{"items": []}'}))).to.equal(undefined)
      expect(classifyOutcome(outcome({exitCode: 0, stdout: 'Logged out.'}))).to.equal(undefined)
      const connection = {error: {message: 'token expired'}, id: CONN, name: 'Close', state: 'CLIENT_ACTION_REQUIRED'}
      expect(classifyOutcome(outcome({exitCode: 0, stdout: json(connection)}))).to.equal(undefined)
      expect(classifyOutcome(outcome({exitCode: 0, stdout: json({error: null, output: {a: 1}})}))).to.equal(undefined)
    })

    it('fails a zero exit whose JSON has a top-level error, or type and message', () => {
      const nested = classifyOutcome(
        outcome({exitCode: 0, stdout: json({error: {message: 'No tenant', type: 'configuration'}})}),
      )
      expect(nested?.error).to.be.instanceOf(RemoteError)
      expect(nested?.error.code).to.equal('membrane_failed')
      expect(nested?.error.message).to.equal('Membrane failed: No tenant.')
      const flat = classifyOutcome(outcome({exitCode: 0, stdout: json({message: 'Bad input', type: 'bad_request'})}))
      expect(flat?.error.message).to.equal('Membrane failed: Bad input.')
    })

    it('fails a wrapped proxy response with status >= 400, even on a zero exit', () => {
      const wrapped = {data: {error: 'Empty query: Lead matching query does not exist.'}, headers: {}, status: 404}
      const failure = classifyOutcome(outcome({args: REQUEST_ARGS, exitCode: 0, proxy: true, stdout: json(wrapped)}))
      expect(failure?.error).to.be.instanceOf(NotFoundError)
      expect(failure?.error.details).to.deep.equal({body: wrapped.data, status: 404})
      expect(
        classifyOutcome(
          outcome({args: REQUEST_ARGS, exitCode: 0, proxy: true, stdout: json({...wrapped, status: 200})}),
        ),
      ).to.equal(undefined)
    })
  })

  describe('not logged in', () => {
    const cases: Array<[string, Partial<Outcome>]> = [
      [
        'key not_authenticated',
        {stdout: json({key: 'not_authenticated', message: 'Not authenticated', type: 'bad_request'})},
      ],
      [
        'nested error object',
        {stdout: json({error: {key: 'NOT_AUTHENTICATED', message: 'Nope', type: 'bad_request'}})},
      ],
      ['status 401 on a Membrane error', {stdout: json({message: 'Invalid token', status: 401, type: 'bad_request'})}],
      ['stderr text', {stderr: 'Error: You are not logged in. Run `membrane login`.\n'}],
      ['unauthorized text', {stdout: json({error: 'Unauthorized', message: 'Unauthorized'})}],
    ]
    for (const [name, partial] of cases) {
      it(`maps ${name} to AuthError 4 not_logged_in naming close login`, () => {
        const {error, retryable} = fail(partial)
        expect(error).to.be.instanceOf(AuthError)
        expect(error.exitCode).to.equal(4)
        expect(error.code).to.equal('not_logged_in')
        expect(error.message).to.equal('Not logged in to Membrane.')
        expect(error.hint).to.equal('Run `close login`.')
        expect(retryable).to.equal(false)
      })
    }
  })

  describe('connection problems', () => {
    it('maps an expired connection to connection_not_ready with the reconnect command', () => {
      const {error} = fail({
        stdout: json({key: 'access_token_expired', message: 'Access token expired', type: 'connection'}),
      })
      expect(error).to.be.instanceOf(AuthError)
      expect(error.exitCode).to.equal(4)
      expect(error.code).to.equal('connection_not_ready')
      expect(error.message).to.equal(`The Close connection ${CONN} needs to be re-authenticated: Access token expired.`)
      expect(error.hint).to.equal(
        `Re-authenticate with \`membrane connect --connectionId=${CONN}\`, or choose another with \`close connections use\`.`,
      )
      expect(error.details).to.deep.equal({connectionId: CONN})
    })

    it('recognises connection_is_defunct, CONNECTION_DISCONNECTED and CLIENT_ACTION_REQUIRED', () => {
      for (const stdout of [
        json({key: 'connection_is_defunct', message: 'Defunct', type: 'bad_request'}),
        json({code: 'CONNECTION_DISCONNECTED', message: 'Disconnected', status: 401}),
        json({error: {code: 'CLIENT_ACTION_REQUIRED', message: 'User action required'}}),
        json({data: {state: 'CLIENT_ACTION_REQUIRED'}, message: 'Needs input', type: 'connection'}),
      ]) {
        expect(fail({stdout}).error.code, stdout).to.equal('connection_not_ready')
      }
    })

    it('takes the connection ID of a request from its positional', () => {
      const {error} = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stdout: json({key: 'access_token_expired', message: 'Expired', type: 'connection'}),
      })
      expect(error.hint).to.include(`membrane connect --connectionId=${CONN}`)
    })

    it('maps "Connection … not found" to connection_not_found', () => {
      const {error} = fail({
        stdout: json({key: 'not_found', message: `Connection ${CONN} not found`, type: 'bad_request'}),
      })
      expect(error).to.be.instanceOf(AuthError)
      expect(error.code).to.equal('connection_not_found')
      expect(error.message).to.equal(`Membrane has no connection ${CONN}.`)
      expect(error.hint).to.include('close connections use')
    })
  })

  describe('rate limits', () => {
    it('treats rate_limit_exceeded as retryable, with retry-after from the error data headers', () => {
      const failure = fail({
        stdout: json({
          data: {headers: {'Retry-After': '3'}, status: 429},
          key: 'rate_limit_exceeded',
          message: 'Close rate limit exceeded',
          type: 'connection',
        }),
      })
      expect(failure.error).to.be.instanceOf(RateLimitError)
      expect(failure.error.exitCode).to.equal(6)
      expect(failure.error.message).to.equal('Rate limited: Close rate limit exceeded.')
      expect(failure).to.include({retryable: true, retryAfterMs: 3000})
    })

    it('reads HTTP 429 and retry-after / RateLimit reset from stderr on a proxy failure', () => {
      const failure = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stderr: 'HTTP 429\nRateLimit: limit=100, remaining=0, reset=2.5\n',
        stdout: json({message: 'API call count exceeded for this period'}),
      })
      expect(failure.error).to.be.instanceOf(RateLimitError)
      expect(failure.error.message).to.equal('Rate limited: API call count exceeded for this period.')
      expect(failure).to.include({retryable: true, retryAfterMs: 2500})
    })

    it('treats a 429 from an action run (Close status in data) as a rate limit', () => {
      const failure = fail({
        stdout: json({
          data: {response: {data: {}, headers: {'retry-after': '1'}, status: 429}},
          message: 'Request failed with status code 429',
          type: 'action_run',
        }),
      })
      expect(failure.error).to.be.instanceOf(RateLimitError)
      expect(failure.retryAfterMs).to.equal(1000)
    })

    it('reads plain stderr HTTP 429 with no JSON', () => {
      const failure = fail({stderr: 'Error: HTTP 429 Too Many Requests\nretry-after: 7\n'})
      expect(failure.error).to.be.instanceOf(RateLimitError)
      expect(failure.retryAfterMs).to.equal(7000)
    })
  })

  describe('Close errors passed through', () => {
    const notFoundBody = {error: 'Empty query: Lead matching query does not exist.'}

    it('maps an action_run 404 to NotFoundError 5 with Close’s text', () => {
      const {error, retryable} = fail({
        stdout: json({data: {body: notFoundBody, status: 404}, message: 'Request failed', type: 'action_run'}),
      })
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error.exitCode).to.equal(5)
      expect(error.code).to.equal('not_found')
      expect(error.message).to.equal('Empty query: Lead matching query does not exist.')
      expect(error.details).to.deep.equal({body: notFoundBody, status: 404})
      expect(retryable).to.equal(false)
    })

    it('maps a proxy 404 (raw body on stdout, HTTP 404 on stderr) to NotFoundError', () => {
      const {error} = fail({args: REQUEST_ARGS, proxy: true, stderr: 'HTTP 404\n', stdout: json(notFoundBody)})
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error.details).to.deep.equal({body: notFoundBody, status: 404})
    })

    it('maps 400 field errors to close_validation listing field: message', () => {
      const body = {errors: [], 'field-errors': {name: 'This field is required.', status: 'Not a valid choice.'}}
      for (const partial of [
        {stdout: json({data: {data: body, status: 400}, message: 'Request failed', type: 'action_run'})},
        {args: REQUEST_ARGS, proxy: true, stderr: 'HTTP 400', stdout: json(body)},
      ]) {
        const {error} = fail(partial)
        expect(error).to.be.instanceOf(RemoteError)
        expect(error.exitCode).to.equal(3)
        expect(error.code).to.equal('close_validation')
        expect(error.message).to.equal(
          'Close rejected the request: name: This field is required; status: Not a valid choice.',
        )
        expect(error.details).to.deep.include({errors: [], fieldErrors: body['field-errors'], status: 400})
        expect(error.hint).to.be.a('string')
      }
    })

    it('lists plain `errors` too', () => {
      const {error} = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stderr: 'HTTP 400',
        stdout: json({errors: ['Source lead does not exist.'], 'field-errors': {}}),
      })
      expect(error.code).to.equal('close_validation')
      expect(error.message).to.equal('Close rejected the request: Source lead does not exist.')
    })

    it('maps 401 and 403 to AuthError', () => {
      const unauthorized = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stderr: 'HTTP 401',
        stdout: json({error: 'The server could not verify that you are authorized'}),
      })
      expect(unauthorized.error).to.be.instanceOf(AuthError)
      expect(unauthorized.error.code).to.equal('connection_not_ready')
      expect(unauthorized.error.details).to.deep.include({connectionId: CONN, status: 401})
      expect(unauthorized.error.hint).to.include(`membrane connect --connectionId=${CONN}`)
      const forbidden = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stderr: 'HTTP 403',
        stdout: json({error: 'Not allowed'}),
      })
      expect(forbidden.error).to.be.instanceOf(AuthError)
      expect(forbidden.error.code).to.equal('close_forbidden')
      expect(forbidden.error.message).to.equal('Close denied access (HTTP 403): Not allowed.')
    })

    it('marks 5xx retryable and maps it to RemoteError 3', () => {
      const failure = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stderr: 'HTTP 503',
        stdout: '<html>Service Unavailable</html>',
      })
      expect(failure.retryable).to.equal(true)
      expect(failure.error).to.be.instanceOf(RemoteError)
      expect(failure.error.code).to.equal('close_server_error')
      expect(failure.error.message).to.equal('Close failed with HTTP 503: <html>Service Unavailable</html>.')
      expect(failure.error.details).to.deep.equal({body: '<html>Service Unavailable</html>', status: 503})
    })

    it('maps other 4xx to close_error with the status', () => {
      const {error} = fail({
        args: REQUEST_ARGS,
        proxy: true,
        stderr: 'HTTP 402',
        stdout: json({error: 'Plan limit reached'}),
      })
      expect(error.code).to.equal('close_error')
      expect(error.message).to.equal('Close refused the request (HTTP 402): Plan limit reached.')
    })

    it('recognises a Close 404 body from an action with no status', () => {
      const {error} = fail({stdout: json({error: 'Empty query: Opportunity matching query does not exist.'})})
      expect(error).to.be.instanceOf(NotFoundError)
    })
  })

  describe('other Membrane failures', () => {
    it('maps a gone action to NotFoundError action_not_found', () => {
      const {error} = fail({stdout: json({key: 'not_found', message: 'Action 0f1e not found', type: 'bad_request'})})
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error.code).to.equal('action_not_found')
    })

    it('maps unknown commands and options to membrane_unsupported', () => {
      const {error} = fail({args: REQUEST_ARGS, proxy: true, stderr: "error: unknown command 'request'\n"})
      expect(error).to.be.instanceOf(RemoteError)
      expect(error.code).to.equal('membrane_unsupported')
      expect(error.message).to.equal("Membrane failed: error: unknown command 'request'.")
      expect(error.hint).to.include('close status')
    })

    it('uses the first stderr lines without the stack', () => {
      const {error} = fail({stderr: 'Error: socket hang up\n    at ClientRequest.<anonymous> (index.js:1:1)\n'})
      expect(error.code).to.equal('membrane_failed')
      expect(error.message).to.equal('Membrane failed: Error: socket hang up.')
      expect(error.hint).to.include('--debug')
    })

    it('names the exit code when nothing was printed', () => {
      expect(fail({exitCode: 7}).error.message).to.equal(
        'Membrane failed: it exited with code 7 and printed no reason.',
      )
    })

    it('marks Membrane internal errors retryable', () => {
      expect(fail({stdout: json({message: 'Internal', status: 500, type: 'internal'})}).retryable).to.equal(true)
    })
  })

  describe('error factories', () => {
    it('names the binary, the install command and --sandbox when membrane is missing', () => {
      const error = missingBinaryError('/opt/nowhere/membrane')
      expect(error).to.be.instanceOf(AuthError)
      expect(error.exitCode).to.equal(4)
      expect(error.code).to.equal('membrane_missing')
      expect(error.message).to.equal('The Membrane CLI was not found at "/opt/nowhere/membrane".')
      expect(error.hint).to.include('npm install -g @membranehq/cli')
      expect(error.hint).to.include('CLOSE_MEMBRANE_BIN')
      expect(error.hint).to.include('--sandbox')
    })

    it('names the seconds and CLOSE_MEMBRANE_TIMEOUT_MS on a timeout', () => {
      const error = timeoutError(60_000)
      expect(error).to.be.instanceOf(RemoteError)
      expect(error.code).to.equal('timeout')
      expect(error.message).to.equal('Membrane did not answer within 60 s.')
      expect(error.hint).to.include('CLOSE_MEMBRANE_TIMEOUT_MS (now 60000)')
      expect(timeoutError(250).message).to.equal('Membrane did not answer within 0.3 s.')
    })

    it('quotes the first 200 characters of non-JSON output', () => {
      const error = badOutputError(`Hello\n${'x'.repeat(300)}`)
      expect(error.code).to.equal('bad_output')
      expect(error.message).to.equal(`Membrane printed something that is not JSON: "Hello ${'x'.repeat(194)}"`)
      expect(badOutputError('', 'oops').message).to.equal('Membrane printed no JSON (stderr: oops).')
    })
  })

  describe('helpers', () => {
    it('isErrorPayload', () => {
      expect(isErrorPayload({error: 'x'})).to.equal(true)
      expect(isErrorPayload({message: 'm', type: 't'})).to.equal(true)
      expect(isErrorPayload({error: null, items: []})).to.equal(false)
      expect(isErrorPayload({error: 'x', id: 'conn'})).to.equal(false)
      expect(isErrorPayload([{error: 'x'}])).to.equal(false)
    })

    it('retryAfterMs reads seconds, HTTP dates, RateLimit reset and Close’s rate_reset', () => {
      expect(retryAfterMs([{'retry-after': '2'}])).to.equal(2000)
      expect(retryAfterMs([{RateLimit: 'limit=100, remaining=0, reset=0.4'}])).to.equal(400)
      expect(retryAfterMs([], '', {rate_reset: '1.2'})).to.equal(1200)
      const inFive = new Date(Date.now() + 5000).toUTCString()
      expect(retryAfterMs([{'Retry-After': inFive}])).to.be.within(3000, 5000)
      expect(retryAfterMs([], 'nothing')).to.equal(undefined)
    })

    it('backoffMs doubles from 0.5 s up to 10 s unless the server asked', () => {
      expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffMs(attempt))).to.deep.equal([
        500, 1000, 2000, 4000, 8000, 10_000, 10_000,
      ])
      expect(backoffMs(3, 0)).to.equal(0)
    })
  })
})

describe('membrane/failures: one table per named rule', () => {
  const REQ = ['request', CONN, '/lead/', '--method=GET']
  const ACT = ['act', `--connectionId=${CONN}`, '--api={"method":"GET","path":"/me/"}', '--json']
  type Row = [string, Partial<Outcome>, number, string]
  const TABLES: Record<string, Row[]> = {
    'access-denied': [
      [
        'key access_denied',
        {stdout: json({key: 'access_denied', message: 'No', type: 'bad_request'})},
        4,
        'access_denied',
      ],
      [
        'Membrane status 403',
        {stdout: json({message: 'Forbidden', status: 403, type: 'bad_request'})},
        4,
        'access_denied',
      ],
    ],
    'close-body': [
      [
        'field errors with no status',
        {stdout: json({errors: [], 'field-errors': {name: 'Required.'}})},
        3,
        'close_validation',
      ],
      ['does not exist with no status', {stdout: json({error: 'Lead matching query does not exist.'})}, 5, 'not_found'],
    ],
    'close-response': [
      [
        'proxy 404 with HTTP on stderr',
        {args: REQ, proxy: true, stderr: 'HTTP 404\n', stdout: json({error: 'x does not exist'})},
        5,
        'not_found',
      ],
      [
        'axios wording on stderr',
        {args: REQ, proxy: true, stderr: 'Error: Request failed with status code 404\n'},
        5,
        'not_found',
      ],
      [
        'act --api: wording in the message',
        {args: ACT, stdout: json({message: 'Request failed with status code 400', type: 'action_run'})},
        3,
        'close_error',
      ],
      [
        'action_run data.response',
        {stdout: json({data: {response: {data: {}, status: 503}}, message: 'x', type: 'action_run'})},
        3,
        'close_server_error',
      ],
      [
        'wrapped status 422 with field errors',
        {
          args: REQ,
          exitCode: 0,
          proxy: true,
          stdout: json({data: {'field-errors': {a: 'b'}}, headers: {}, status: 422}),
        },
        3,
        'close_validation',
      ],
    ],
    connection: [
      ['type connection', {stdout: json({message: 'Expired', type: 'connection'})}, 4, 'connection_not_ready'],
      [
        'code CONNECTION_DISCONNECTED',
        {stdout: json({code: 'CONNECTION_DISCONNECTED', message: 'x', status: 401})},
        4,
        'connection_not_ready',
      ],
      [
        'state not READY in data',
        {stdout: json({data: {state: 'SETUP_FAILED'}, message: 'x', type: 'bad_request'})},
        4,
        'connection_not_ready',
      ],
      [
        'causedByError two levels down',
        {
          stdout: json({
            causedByError: {causedByError: {key: 'connection_is_defunct', type: 'connection'}, type: 'flow_run'},
            message: 'Run failed',
            type: 'action_run',
          }),
        },
        4,
        'connection_not_ready',
      ],
      [
        'nested, on stderr only',
        {stderr: json({causedByError: {key: 'access_token_expired'}, type: 'action_run'})},
        4,
        'connection_not_ready',
      ],
    ],
    'membrane-5xx': [
      ['type internal', {stdout: json({message: 'Oops', type: 'internal'})}, 3, 'membrane_failed'],
      [
        'Membrane status 502',
        {stdout: json({message: 'Bad gateway', status: 502, type: 'dependency_error'})},
        3,
        'membrane_failed',
      ],
    ],
    'membrane-401': [
      [
        'Membrane status 401',
        {stdout: json({message: 'Invalid token', status: 401, type: 'bad_request'})},
        4,
        'not_logged_in',
      ],
    ],
    'not-authenticated': [
      [
        'key not_authenticated',
        {stdout: json({key: 'not_authenticated', message: 'x', type: 'bad_request'})},
        4,
        'not_logged_in',
      ],
      ['upper case code', {stdout: json({error: {code: 'NOT_AUTHENTICATED', message: 'x'}})}, 4, 'not_logged_in'],
      [
        'on stderr only, stdout empty',
        {stderr: `${json({key: 'not_authenticated', message: 'x', type: 'bad_request'})}\n`},
        4,
        'not_logged_in',
      ],
      [
        'in the cause chain',
        {stdout: json({causedByError: {key: 'not_authenticated'}, message: 'x', type: 'action_run'})},
        4,
        'not_logged_in',
      ],
    ],
    'not-found': [
      [
        'gone action',
        {stdout: json({key: 'not_found', message: 'Action abc not found', type: 'bad_request'})},
        5,
        'action_not_found',
      ],
      [
        'missing connection',
        {
          args: ['connection', 'get', CONN, '--json'],
          stdout: json({key: 'not_found', message: 'Nope', type: 'bad_request'}),
        },
        4,
        'connection_not_found',
      ],
    ],
    'rate-limit': [
      [
        'key rate_limit_exceeded',
        {stdout: json({key: 'rate_limit_exceeded', message: 'Slow', type: 'bad_request'})},
        6,
        'rate_limited',
      ],
      ['Membrane status 429', {stdout: json({message: 'Slow', status: 429, type: 'bad_request'})}, 6, 'rate_limited'],
      [
        'in the cause chain',
        {stdout: json({causedByError: {key: 'rate_limit_exceeded', type: 'connection'}, type: 'action_run'})},
        6,
        'rate_limited',
      ],
    ],
    text: [
      ['not logged in prose', {stderr: 'Error: You are not logged in.\n'}, 4, 'not_logged_in'],
      [
        'connection prose',
        {stderr: 'Error: connection is disconnected, reconnect required\n'},
        4,
        'connection_not_ready',
      ],
    ],
    unsupported: [
      ['unknown command', {stderr: "error: unknown command 'act'\n"}, 3, 'membrane_unsupported'],
      ['unknown option', {stderr: "error: unknown option '--tenant'\n"}, 3, 'membrane_unsupported'],
      [
        'JSON unknown_command',
        {exitCode: 2, stdout: json({error: 'unknown_command', message: 'Unknown command "act"'})},
        3,
        'membrane_unsupported',
      ],
    ],
  }

  it('every rule has a table', () => {
    expect(Object.keys(TABLES).sort()).to.deep.equal(FAILURE_RULES.map((rule) => rule.name).sort())
  })

  for (const {name} of FAILURE_RULES) {
    describe(`rule ${name}`, () => {
      for (const [what, partial, exitCode, code] of TABLES[name] ?? []) {
        it(`${what} → exit ${exitCode} ${code}`, () => {
          const failure = fail(partial)
          expect(failure.rule).to.equal(name)
          expect(failure.error.exitCode).to.equal(exitCode)
          expect(failure.error.code).to.equal(code)
        })
      }
    })
  }

  it('retry timing: data.retryAfter, retryAfter, retry-after header, RateLimit reset', () => {
    const limited = (value: unknown) => fail({stdout: json(value)}).retryAfterMs
    expect(limited({data: {retryAfter: 3}, key: 'rate_limit_exceeded', type: 'connection'})).to.equal(3000)
    expect(limited({key: 'rate_limit_exceeded', retryAfter: 1.5, type: 'connection'})).to.equal(1500)
    expect(limited({causedByError: {data: {retryAfter: 2}, key: 'rate_limit_exceeded'}, type: 'action_run'})).to.equal(
      2000,
    )
    expect(
      limited({data: {headers: {'retry-after': '4'}, status: 429}, key: 'rate_limit_exceeded', type: 'x'}),
    ).to.equal(4000)
    const proxied = fail({
      args: REQ,
      proxy: true,
      stderr: 'HTTP 429\nRateLimit: limit=100, remaining=0, reset=7\n',
      stdout: '{}',
    })
    expect(proxied.retryAfterMs).to.equal(7000)
  })
})
