/**
 * The built CLI against the fault fixtures of test/fixtures/bin (one real-spawn test per fake
 * class; the rules themselves are unit-tested through the spawner port in test/unit/membrane/):
 * what a user sees — records, exit code, hint, clean stdout, Membrane processes per page.
 * Needs a build: `npm run build`.
 */
import {expect} from 'chai'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {FAKE_BIN_DIR, TestHome} from '../helpers/cli.js'

const CONNECTION = '6eaac8d82f01b7210760474f'
const ME = 'user_FmErxTM1cHho4PAAANvkYf'

describe('e2e: Membrane fault fixtures (fake membranes)', () => {
  const home = new TestHome()
  const log = join(home.dir, 'membrane.log')
  const state = join(home.dir, 'membrane-state.json')
  const close = (bin: string, args: string[]) =>
    home.run([...args, '--connection', CONNECTION], {
      CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, bin),
      FAKE_MEMBRANE_LOG: log,
      FAKE_MEMBRANE_STATE: state,
    })
  const calls = (): string[][] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as string[])
      : []

  beforeEach(() => {
    rmSync(log, {force: true})
    rmSync(state, {force: true})
    rmSync(home.configDir, {force: true, recursive: true})
    rmSync(join(home.dir, 'cache'), {force: true, recursive: true})
  })

  after(() => home.remove())

  it('generation B only: leads list gives the records; once learnt, one `act` process per page', async () => {
    const cold = await close('membrane-gen-b', ['leads', 'list', '--limit', '2', '--json'])
    expect(cold.exitCode, cold.stderr).to.equal(0)
    const leads = JSON.parse(cold.stdout) as Array<{id: string}>
    expect(leads).to.have.length(2)
    expect(leads[0].id).to.match(/^lead_/)
    rmSync(log, {force: true})
    const warm = await close('membrane-gen-b', ['leads', 'list', '--limit', '2', '--json'])
    expect(warm.exitCode, warm.stderr).to.equal(0)
    expect(warm.stdout).to.equal(cold.stdout)
    expect(calls().map((args) => args[0])).to.deep.equal(['act'])
  })

  it('cut-off stdout: exit 3 bad_output, nothing on stdout', async () => {
    const result = await close('membrane-cut-off', ['leads', 'list', '--json'])
    expect(result.exitCode).to.equal(3)
    expect(result.stdout).to.equal('')
    const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as {error: {code: string}}
    expect(error.error.code).to.equal('bad_output')
  })

  it('wrapped proxy answer with a JSON string body: the object, not a string', async () => {
    const result = await close('membrane-wrapped-string', ['raw', 'GET', '/me/'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.deep.include({id: ME})
  })

  it('error JSON on stderr only: exit 4 naming close login', async () => {
    const result = await close('membrane-stderr-json', ['leads', 'list', '--json'])
    expect(result.exitCode).to.equal(4)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.include('close login')
  })

  it('a connection error as causedByError of an action run: exit 4 naming the reconnect', async () => {
    const result = await close('membrane-caused-by', ['leads', 'list', '--json'])
    expect(result.exitCode).to.equal(4)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.match(/re-authenticat|reconnect/i)
  })

  it('a connector that needs /api/v1: the request is sent again under /api/v1 and answers', async () => {
    const result = await close('membrane-api-v1', ['raw', 'GET', '/me/'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.deep.include({id: ME})
    expect(calls().map((args) => args[2])).to.deep.equal(['/me/', '/api/v1/me/'])
  })

  it("Membrane's data.retryAfter: waited once as asked, 2 attempts", async () => {
    const result = await close('membrane-retry-after-data', ['leads', 'list', '--limit', '1', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.have.length(1)
    expect(calls().filter((args) => args[0] === 'action' && args[1] === 'run')).to.have.length(2)
  })
})
