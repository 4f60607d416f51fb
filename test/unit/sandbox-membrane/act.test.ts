/** Generation B: `act --id|--key … --input … --json` and `act --api '{…}' --json` → `{output, actionRunId}`. */
import {expect} from 'chai'

import {actionId} from '../../../src/sandbox/membrane/catalog.js'
import {CONNECTION_ID, makeSandbox, type Sandbox} from './helpers.js'

describe('sandbox membrane: act (generation B)', () => {
  let sandbox: Sandbox

  beforeEach(async () => {
    sandbox = await makeSandbox()
  })

  afterEach(async () => {
    await sandbox.cleanup()
  })

  it('--key and --id run a catalog action with one Close request, like action run', async () => {
    const byKey = await sandbox.run([
      'act',
      '--connectionId',
      CONNECTION_ID,
      '--key',
      'list-leads',
      '--input',
      '{"limit":2}',
      '--json',
    ])
    expect(byKey).to.include({exitCode: 0, stderr: ''})
    const body = byKey.json() as {actionRunId: string; output: {cursor: string; records: Array<{id: string}>}}
    expect(body.actionRunId).to.match(/^[\da-f]{24}$/)
    expect(body.output.records.map((r) => r.id)).to.deep.equal(['lead_stub000', 'lead_stub001'])
    const byId = await sandbox.run([
      'act',
      '--connectionKey=close',
      `--id=${actionId('get-lead')}`,
      '--input={"id":"lead_stub003"}',
      '--json',
    ])
    expect((byId.json() as {output: {record: {id: string}}}).output.record.id).to.equal('lead_stub003')
    expect((await sandbox.requests()).map((r) => r.path)).to.deep.equal(['/lead/', '/lead/lead_stub003/'])
  })

  it('--api proxies one Close request and answers its body as output; no connection = the default', async () => {
    const run = await sandbox.run([
      'act',
      '--api',
      JSON.stringify({body: {name: 'Act Co'}, headers: {'X-Ignored': '1'}, method: 'post', path: '/api/v1/lead/'}),
      '--json',
    ])
    expect(run).to.include({exitCode: 0, stderr: ''})
    expect((run.json() as {output: {name: string}}).output.name).to.equal('Act Co')
    const query = await sandbox.run(['act', '--api={"path":"/lead/?_limit=1","query":{"query":"Lead 02"}}', '--json'])
    expect((query.json() as {output: {data: unknown[]}}).output.data).to.have.length(1)
    expect((await sandbox.requests()).at(-1)).to.deep.include({
      method: 'GET',
      path: '/lead/',
      query: [
        ['_limit', '1'],
        ['query', 'Lead 02'],
      ],
    })
  })

  it('a Close error is an action_run error that still carries the actionRunId; usage errors are bad_request', async () => {
    const missing = await sandbox.run(['act', '--api={"path":"/lead/lead_nope/"}', '--json'])
    expect(missing).to.include({exitCode: 1, stderr: 'Error: Close API request failed with status 404\n'})
    const error = missing.json() as {actionRunId: string; data: {status: number}; type: string}
    expect(error).to.deep.include({type: 'action_run'})
    expect(error.data.status).to.equal(404)
    expect(error.actionRunId).to.match(/^[\da-f]{24}$/)
    const limited = await sandbox.run(['act', '--api={"path":"/slow-down/"}', '--json'])
    expect(limited.json()).to.deep.include({key: 'rate_limit_exceeded', type: 'connection'})
    for (const argv of [
      ['act', '--json'],
      ['act', '--key=list-leads', '--api={"path":"/me/"}', '--json'],
      ['act', '--code=return 1', '--json'],
      ['act', '--api=nope', '--json'],
      ['act', `--id=list-leads`, '--json'],
    ]) {
      const bad = await sandbox.run(argv)
      expect(bad.exitCode, argv.join(' ')).to.equal(1)
      expect(bad.json(), argv.join(' ')).to.deep.include({type: 'bad_request'})
    }

    expect(await sandbox.requests()).to.have.length(2)
  })

  it('faults apply to act as to action run and request', async () => {
    await sandbox.setFaults(['500', '429'])
    expect((await sandbox.run(['act', '--key=list-leads', '--json'])).json()).to.deep.include({type: 'internal'})
    const proxied = await sandbox.run(['act', '--api={"path":"/me/"}', '--json'])
    expect(proxied.json()).to.deep.include({key: 'rate_limit_exceeded', type: 'connection'})
  })
})
