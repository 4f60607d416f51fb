import {expect} from 'chai'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {assertBuilt, CONNECTION_ID, makeSandbox, type Sandbox} from './helpers.js'

const conn = `--connectionId=${CONNECTION_ID}`
const RATE_LIMITED = {
  data: {headers: {'retry-after': '0'}, status: 429},
  key: 'rate_limit_exceeded',
  message: 'Rate limit exceeded: Close API returned 429 Too Many Requests',
  type: 'connection',
}

describe('sandbox membrane: injected faults (faults.json)', () => {
  let sandbox: Sandbox

  before(assertBuilt)

  beforeEach(async () => {
    sandbox = await makeSandbox()
  })

  afterEach(async () => {
    await sandbox.cleanup()
  })

  const listLeads = () => sandbox.run(['action', 'run', 'list-leads', conn, '--input={"limit":1}', '--json'])
  const proxy = () => sandbox.run(['request', CONNECTION_ID, '/lead/', '--query=_limit=1'])
  const faultsLeft = async () => JSON.parse(await readFile(join(sandbox.dir, 'faults.json'), 'utf8'))

  it('action run: 429, 429, 500, garbage, then normal; each run takes one entry, in order', async () => {
    await sandbox.setFaults(['429', '429', '500', 'garbage'])
    const first = await listLeads()
    expect(first.exitCode).to.equal(1)
    expect(first.json()).to.deep.equal(RATE_LIMITED)
    expect(first.stderr).to.equal('Error: Rate limit exceeded: Close API returned 429 Too Many Requests\n')
    expect(await faultsLeft()).to.deep.equal(['429', '500', 'garbage'])

    expect((await listLeads()).json()).to.deep.equal(RATE_LIMITED)

    const internal = await listLeads()
    expect(internal.exitCode).to.equal(1)
    expect(internal.json()).to.deep.equal({data: {status: 500}, message: 'Internal server error', type: 'internal'})
    expect(internal.stderr).to.equal('Error: Internal server error\n')

    const garbage = await listLeads()
    expect(garbage.exitCode).to.equal(0)
    expect(garbage.stdout).to.not.match(/[[{]/)
    expect(() => JSON.parse(garbage.stdout)).to.throw()

    expect(await faultsLeft()).to.deep.equal([])
    const normal = await listLeads()
    expect(normal.exitCode).to.equal(0)
    expect(normal.json()).to.have.property('output')
    expect((await sandbox.requests()).length).to.equal(1)
  })

  it('request: 429 and 500 in the HTTP form, garbage exits 0', async () => {
    await sandbox.setFaults(['429', '500', 'garbage'])
    const limited = await proxy()
    expect(limited.exitCode).to.equal(1)
    expect(limited.stderr).to.equal('HTTP 429 Too Many Requests\nretry-after: 0\n')
    expect(limited.json()).to.be.an('object')
    const failed = await proxy()
    expect(failed.exitCode).to.equal(1)
    expect(failed.stderr).to.equal('HTTP 500 Internal Server Error\n')
    const garbage = await proxy()
    expect(garbage.exitCode).to.equal(0)
    expect(() => JSON.parse(garbage.stdout)).to.throw()
    expect((await proxy()).exitCode).to.equal(0)
    expect((await sandbox.requests()).length).to.equal(1)
  })

  it('hang: the process never exits on its own', async () => {
    const spawned = await makeSandbox({spawn: true})
    try {
      await spawned.setFaults(['hang'])
      const run = await spawned.run(['action', 'run', 'list-leads', conn, '--json'], {timeoutMs: 1500})
      expect(run.timedOut).to.equal(true)
      expect(run.stdout).to.equal('')
      expect(JSON.parse(await readFile(join(spawned.dir, 'faults.json'), 'utf8'))).to.deep.equal([])
    } finally {
      await spawned.cleanup()
    }
  })

  it('commands other than action run and request, and calls refused before Close, leave faults alone', async () => {
    await sandbox.setFaults(['500'])
    await sandbox.run(['action', 'list', conn, '--json'])
    await sandbox.run(['connection', 'list', '--json'])
    await sandbox.run(['action', 'run', 'create-task', conn, '--input={}', '--json'])
    await sandbox.run(['request', 'nope', '/lead/'])
    expect(await faultsLeft()).to.deep.equal(['500'])
  })

  it('parallel processes never take the same fault', async () => {
    const spawned = await makeSandbox({spawn: true})
    try {
      await spawned.setFaults(['429', '429', '429'])
      const run = () => spawned.run(['action', 'run', 'list-leads', conn, '--input={"limit":1}', '--json'])
      const runs = await Promise.all([run(), run(), run(), run(), run()])
      expect(runs.filter((r) => r.exitCode === 1).map((r) => r.json())).to.deep.equal([
        RATE_LIMITED,
        RATE_LIMITED,
        RATE_LIMITED,
      ])
      expect(runs.filter((r) => r.exitCode === 0)).to.have.length(2)
      expect(JSON.parse(await readFile(join(spawned.dir, 'faults.json'), 'utf8'))).to.deep.equal([])
    } finally {
      await spawned.cleanup()
    }
  })

  it('a malformed faults file is an internal error naming it', async () => {
    await sandbox.setFaults(['teapot'])
    const run = await listLeads()
    expect(run.exitCode).to.equal(1)
    expect(run.json()).to.deep.include({type: 'internal'})
    expect(run.stderr).to.include('Unknown sandbox fault "teapot"')
  })
})
