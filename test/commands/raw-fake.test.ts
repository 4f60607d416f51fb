/**
 * `close raw` end to end against the fake membrane (test/fixtures/bin/membrane-fake): the exact argv
 * sent, what --dry-run spawns (nothing), status lines from a wrapped answer, retries and errors.
 *
 */
import {expect} from 'chai'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

const CONNECTION = '6eaac8d82f01b7210760474f'

describe('raw (fake membrane)', () => {
  const home = new CommandHome()
  const log = join(home.dir, 'membrane.log')
  const state = join(home.dir, 'membrane-state.json')
  const close = (args: string[], scenario = 'items', input?: string) =>
    home.run(
      ['raw', ...args, '--connection', CONNECTION],
      {
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
        FAKE_MEMBRANE_SCENARIO: scenario,
        FAKE_MEMBRANE_STATE: state,
      },
      input,
    )
  const calls = (): string[][] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as string[])
      : []

  beforeEach(() => {
    rmSync(log, {force: true})
    rmSync(state, {force: true})
  })

  after(() => home.remove())

  it('sends one `membrane request` with the method, query, headers and JSON body as argv', async () => {
    const result = await close([
      'PUT',
      '/lead/lead_YBEldzFN1XdtXNMPqAXiuF/?_fields=id',
      '-q',
      'x=a b',
      '-H',
      'X-Trace: 7',
      '-f',
      'description=Big; "quoted" $(not a shell)',
      '-F',
      'custom.cf_tier=2',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(calls()).to.deep.equal([
      [
        'request',
        CONNECTION,
        '/lead/lead_YBEldzFN1XdtXNMPqAXiuF/',
        '--method=PUT',
        '--query=_fields=id',
        '--query=x=a b',
        '--header=X-Trace: 7',
        '--header=Content-Type: application/json',
        String.raw`--data={"description":"Big; \"quoted\" $(not a shell)","custom.cf_tier":2}`,
      ],
    ])
  })

  it('--dry-run spawns nothing and shows exactly the argv a real run sends', async () => {
    const args = ['POST', '/lead/', '-f', 'name=Acme', '-F', 'contacts[][name]=Jo', '-H', 'Accept: application/json']
    const dry = await close([...args, '--dry-run', '--json'])
    expect(dry.exitCode, dry.stderr).to.equal(0)
    expect(dry.stderr).to.equal('')
    expect(existsSync(log)).to.equal(false)
    const plan = JSON.parse(dry.stdout) as {argv: string[]; body: unknown; method: string; retry: boolean}
    expect(plan).to.deep.include({body: {contacts: [{name: 'Jo'}], name: 'Acme'}, method: 'POST', retry: false})
    expect(plan.argv[0]).to.equal(join(FAKE_BIN_DIR, 'membrane-fake'))

    const real = await close(args)
    expect(real.exitCode, real.stderr).to.equal(0)
    expect(calls()).to.deep.equal([plan.argv.slice(1)])
  })

  it('--dry-run without a chosen connection shows a placeholder and still spawns nothing', async () => {
    const result = await home.run(['raw', 'DELETE', '/task/task_1/', '--dry-run'], {
      CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
      FAKE_MEMBRANE_LOG: log,
    })
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(existsSync(log)).to.equal(false)
    expect(result.stderr).to.equal(
      'No connection is chosen yet; <CONNECTION_ID> stands for the one `close login` picks.\n',
    )
    expect(result.stdout).to.contain("request '<CONNECTION_ID>' /task/task_1/ --method=DELETE\n")
    expect(result.stdout).to.contain('  retry   on 429 and 5xx\n')
  })

  it('-i shows the status line and headers of a wrapped answer before the body', async () => {
    const result = await close(['/me/', '-i'], 'wrapped-request')
    expect(result.exitCode, result.stderr).to.equal(0)
    const [head, body] = result.stdout.split('\n\n')
    expect(head).to.equal('HTTP 200 OK\ncontent-type: application/json\nratelimit: limit=100, remaining=99, reset=8')
    expect(JSON.parse(body)).to.have.property('id')
  })

  it('--paginate asks page after page with _skip until has_more is false', async () => {
    const result = await close(['/lead/', '--paginate', '-q', '_limit=2'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const leads = JSON.parse(result.stdout) as Array<{id: string}>
    expect(leads).to.have.length(5)
    expect(calls().map((argv) => argv.filter((arg) => arg.startsWith('--query=')))).to.deep.equal([
      ['--query=_limit=2'],
      ['--query=_limit=2', '--query=_skip=2'],
      ['--query=_limit=2', '--query=_skip=4'],
    ])
  })

  it('a 400 exits 3 with the body on stderr; stdout stays empty', async () => {
    const result = await close(['POST', '/lead/', '-f', 'status=Nope'], 'close-400-field-errors')
    expect(result.exitCode).to.equal(3)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.equal(
      '{"errors":[],"field-errors":{"name":"This field is required.","status":"Not a valid choice."}}\n' +
        'Error: Close rejected the request: name: This field is required; status: Not a valid choice.\n' +
        '  Correct the values named above and try again.\n',
    )
  })

  it('a 404 exits 5', async () => {
    const result = await close(['/lead/lead_0000000000000000000000/'], 'close-404')
    expect(result.exitCode).to.equal(5)
    expect(result.stderr.split('\n')[0]).to.equal('{"error":"Empty query: Lead matching query does not exist."}')
  })

  it('GET retries a 503 and succeeds; POST gives up at once with exit 3', async () => {
    const get = await close(['/me/'], '5xx-then-ok')
    expect(get.exitCode, get.stderr).to.equal(0)
    expect(calls()).to.have.length(3)
    expect(JSON.parse(get.stdout)).to.have.property('id')

    rmSync(log, {force: true})
    rmSync(state, {force: true})
    const post = await close(['POST', '/lead/', '-f', 'name=Once'], '5xx-then-ok')
    expect(post.exitCode).to.equal(3)
    expect(calls()).to.have.length(1)
    expect(post.stderr.split('\n')[0]).to.equal('{"error":"Service temporarily unavailable"}')
  })

  it('stdin feeds --input as the body', async () => {
    const result = await close(['/lead/', '--input', '-'], 'items', '{"name": "Piped Inc"}')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(calls()[0].at(-1)).to.equal('--data={"name":"Piped Inc"}')
    expect(JSON.parse(result.stdout)).to.include({name: 'Piped Inc'})
  })
})
