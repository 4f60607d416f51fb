import {expect} from 'chai'

import {CONNECTION_ID, HUBSPOT_CONNECTION_ID, makeSandbox, OLD_CONNECTION_ID, type Sandbox} from './helpers.js'

describe('sandbox membrane: request (the Close proxy)', () => {
  let sandbox: Sandbox

  before(async () => {
    sandbox = await makeSandbox()
  })

  after(async () => {
    await sandbox.cleanup()
  })

  it('2xx: the raw Close body on stdout, nothing on stderr, exit 0', async () => {
    const run = await sandbox.run(['request', CONNECTION_ID, '/lead/', '--query=_limit=2', '--query', '_skip=1'])
    expect(run).to.include({exitCode: 0, stderr: ''})
    expect(run.json()).to.deep.equal({
      data: [
        {display_name: 'Lead 001', id: 'lead_stub001', name: 'Lead 001', status_label: 'Potential'},
        {display_name: 'Lead 002', id: 'lead_stub002', name: 'Lead 002', status_label: 'Potential'},
      ],
      has_more: true,
    })
    expect(run.stdout.endsWith('}\n')).to.equal(true)
    const [last] = (await sandbox.requests()).slice(-1)
    expect(last).to.deep.equal({
      method: 'GET',
      path: '/lead/',
      query: [
        ['_limit', '2'],
        ['_skip', '1'],
      ],
    })
  })

  it('takes a query string in the path and tolerates the /api/v1 prefix', async () => {
    const run = await sandbox.run(['request', CONNECTION_ID, '/api/v1/lead/lead_stub003/?_fields=id'])
    expect(run.exitCode).to.equal(0)
    expect(run.json()).to.deep.include({id: 'lead_stub003'})
    const [last] = (await sandbox.requests()).slice(-1)
    expect(last).to.deep.equal({method: 'GET', path: '/lead/lead_stub003/', query: [['_fields', 'id']]})
  })

  it('-X/--method, -H and -d/--data: a JSON body is parsed', async () => {
    const post = await sandbox.run([
      'request',
      CONNECTION_ID,
      '/lead/',
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"name":"Stark Industries"}',
      '--json',
    ])
    expect(post.exitCode).to.equal(0)
    const lead = post.json() as {id: string; name: string}
    expect(lead.name).to.equal('Stark Industries')
    const put = await sandbox.run([
      'request',
      CONNECTION_ID,
      `/lead/${lead.id}/`,
      '--method=put',
      '--header=Content-Type: application/json',
      '--data={"description":"Iron"}',
    ])
    expect(put.json()).to.deep.include({description: 'Iron', id: lead.id})
    const requests = (await sandbox.requests()).slice(-2)
    expect(requests).to.deep.equal([
      {body: {name: 'Stark Industries'}, method: 'POST', path: '/lead/', query: []},
      {body: {description: 'Iron'}, method: 'PUT', path: `/lead/${lead.id}/`, query: []},
    ])
  })

  it('404: the Close error body on stdout, HTTP 404 Not Found on stderr, exit 1', async () => {
    const run = await sandbox.run(['request', CONNECTION_ID, '/lead/lead_missing/'])
    expect(run).to.include({
      exitCode: 1,
      stderr: 'HTTP 404 Not Found\n',
      stdout: '{"error":"Empty query: Lead matching query does not exist."}\n',
    })
  })

  it('400: the field errors on stdout, HTTP 400 Bad Request on stderr, exit 1', async () => {
    const run = await sandbox.run(['request', CONNECTION_ID, '/lead/', '-XPOST', '--data={"status_id":"stat_bad"}'])
    expect(run.exitCode).to.equal(1)
    expect(run.stderr).to.equal('HTTP 400 Bad Request\n')
    expect(run.json()).to.deep.equal({errors: [], 'field-errors': {status_id: 'Not a valid choice.'}})
  })

  it('a non-JSON body is sent as text; --json insists on JSON', async () => {
    const text = await sandbox.run(['request', CONNECTION_ID, '/lead/', '-X', 'POST', '-d', 'name=x'])
    expect(text.exitCode).to.equal(1)
    expect(text.stderr).to.equal('HTTP 400 Bad Request\n')
    const [last] = (await sandbox.requests()).slice(-1)
    expect(last.body).to.equal('name=x')
    const strict = await sandbox.run(['request', CONNECTION_ID, '/lead/', '-X', 'POST', '-d', 'name=x', '--json'])
    expect(strict.exitCode).to.equal(1)
    expect(strict.stderr).to.equal('Error: --data is not valid JSON (--json sends a JSON body)\n')
  })

  it('a Close 429 gives HTTP 429 and its retry-after on stderr', async () => {
    const run = await sandbox.run(['request', CONNECTION_ID, '/slow-down/'])
    expect(run).to.include({exitCode: 1, stderr: 'HTTP 429 Too Many Requests\nretry-after: 3\n', stdout: '{}\n'})
  })

  it('refuses a path without a leading slash, an unknown, expired or non-Close connection', async () => {
    const [noSlash, unknown, old, hubspot, missing] = await Promise.all([
      sandbox.run(['request', CONNECTION_ID, 'lead/']),
      sandbox.run(['request', 'abc', '/lead/', '--json']),
      sandbox.run(['request', OLD_CONNECTION_ID, '/lead/']),
      sandbox.run(['request', HUBSPOT_CONNECTION_ID, '/lead/']),
      sandbox.run(['request', CONNECTION_ID]),
    ])
    expect(noSlash).to.include({exitCode: 1, stderr: "Error: The path must start with '/', got 'lead/'\n", stdout: ''})
    expect(unknown.exitCode).to.equal(1)
    expect(unknown.json()).to.deep.equal({key: 'not_found', message: 'Connection abc not found', type: 'bad_request'})
    expect(old.exitCode).to.equal(1)
    expect(old.stderr).to.include(`membrane connect --connectionId=${OLD_CONNECTION_ID}`)
    expect(hubspot.exitCode).to.equal(1)
    expect(hubspot.stderr).to.include('proxies only Close')
    expect(missing.exitCode).to.equal(1)
    expect(missing.stderr).to.match(/^Error: Missing argument\. Usage: membrane request/)
  })
})
