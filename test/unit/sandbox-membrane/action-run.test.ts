import {expect} from 'chai'

import {CONNECTION_ID, HUBSPOT_CONNECTION_ID, makeSandbox, type Sandbox} from './helpers.js'

interface Action {
  [key: string]: unknown
  id: string
  inputSchema: {properties: Record<string, unknown>; required?: string[]; type: string}
  key: string
}

interface Record_ {
  fields: Record<string, unknown>
  id: string
  name: string
  rawFields: Record<string, unknown>
}

const conn = `--connectionId=${CONNECTION_ID}`

describe('sandbox membrane: action run', () => {
  let sandbox: Sandbox

  before(async () => {
    sandbox = await makeSandbox()
  })

  after(async () => {
    await sandbox.cleanup()
  })

  const runAction = (key: string, input: unknown, ...extra: string[]) =>
    sandbox.run(['action', 'run', key, conn, `--input=${JSON.stringify(input)}`, '--json', ...extra])

  it('list-leads pages through every lead with the cursor, one Close request per run', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let runs = 0
    const before = (await sandbox.requests()).length
    do {
      const run = await runAction('list-leads', {limit: 10, ...(cursor ? {cursor} : {})})
      expect(run.exitCode).to.equal(0)
      const body = run.json() as {actionRunId: string; output: {cursor?: string; records: Record_[]}}
      expect(Object.keys(body).sort()).to.deep.equal(['actionRunId', 'output'])
      expect(body.actionRunId).to.match(/^[\da-f]{24}$/)
      seen.push(...body.output.records.map((r) => r.id))
      cursor = body.output.cursor
      runs++
    } while (cursor)

    expect(runs).to.equal(3)
    expect(seen).to.have.length(25)
    expect(new Set(seen).size).to.equal(25)
    const requests = (await sandbox.requests()).slice(before)
    expect(requests.map((r) => r.query)).to.deep.equal([
      [
        ['_skip', '0'],
        ['_limit', '10'],
      ],
      [
        ['_skip', '10'],
        ['_limit', '10'],
      ],
      [
        ['_skip', '20'],
        ['_limit', '10'],
      ],
    ])
  })

  it('list records carry id, name, mapped fields and the Close object in rawFields', async () => {
    const run = await runAction('list-leads', {limit: 1, query: 'Lead 007'})
    const {output} = run.json() as {output: {cursor?: string; records: Record_[]}}
    expect(output).to.deep.equal({
      records: [
        {
          fields: {name: 'Lead 007', status: 'Potential'},
          id: 'lead_stub007',
          name: 'Lead 007',
          rawFields: {display_name: 'Lead 007', id: 'lead_stub007', name: 'Lead 007', status_label: 'Potential'},
        },
      ],
    })
    const [last] = (await sandbox.requests()).slice(-1)
    expect(last).to.deep.equal({
      method: 'GET',
      path: '/lead/',
      query: [
        ['query', 'Lead 007'],
        ['_skip', '0'],
        ['_limit', '1'],
      ],
    })
  })

  it('list filters become Close query parameters (booleans as true/false), default _limit 100', async () => {
    await runAction('list-tasks', {is_complete: false, lead_id: 'lead_x', view: 'inbox'})
    await runAction('list-notes', {lead_id: 'lead_x'})
    await runAction('list-activities', {_type: 'Call', lead_id: 'lead_x'})
    await runAction('list-opportunities', {date_won__gte: '2026-01-01', status_type: 'won'})
    const requests = (await sandbox.requests()).slice(-4)
    expect(requests.map((r) => [r.method, r.path, r.query])).to.deep.equal([
      [
        'GET',
        '/task/',
        [
          ['is_complete', 'false'],
          ['lead_id', 'lead_x'],
          ['view', 'inbox'],
          ['_skip', '0'],
          ['_limit', '100'],
        ],
      ],
      [
        'GET',
        '/activity/note/',
        [
          ['lead_id', 'lead_x'],
          ['_skip', '0'],
          ['_limit', '100'],
        ],
      ],
      [
        'GET',
        '/activity/',
        [
          ['_type', 'Call'],
          ['lead_id', 'lead_x'],
          ['_skip', '0'],
          ['_limit', '100'],
        ],
      ],
      [
        'GET',
        '/opportunity/',
        [
          ['date_won__gte', '2026-01-01'],
          ['status_type', 'won'],
          ['_skip', '0'],
          ['_limit', '100'],
        ],
      ],
    ])
  })

  it('create-lead, get-lead and update-lead round trip (by key and by action id)', async () => {
    const created = await runAction('create-lead', {description: 'From a test', name: 'Wayne Enterprises'})
    expect(created.exitCode).to.equal(0)
    const lead = (created.json() as {output: {description: string; id: string; name: string}}).output
    expect(lead).to.deep.include({description: 'From a test', name: 'Wayne Enterprises'})
    expect(lead.id).to.match(/^lead_/)

    const list = (await sandbox.run(['action', 'list', conn, '--intent=get-lead', '--limit=1', '--json'])).json() as {
      items: Action[]
    }
    const got = await runAction(list.items[0].id, {id: lead.id})
    expect(got.exitCode).to.equal(0)
    const {record} = (got.json() as {output: {record: Record_}}).output
    expect(record.id).to.equal(lead.id)
    expect(record.name).to.equal('Wayne Enterprises')
    expect(record.rawFields).to.deep.equal(lead)

    const updated = await runAction('update-lead', {description: 'Changed', id: lead.id})
    expect((updated.json() as {output: unknown}).output).to.deep.include({description: 'Changed', id: lead.id})
    const [put] = (await sandbox.requests()).slice(-1)
    expect(put).to.deep.equal({body: {description: 'Changed'}, method: 'PUT', path: `/lead/${lead.id}/`, query: []})
  })

  it('without --json prints the output alone', async () => {
    const run = await sandbox.run(['action', 'run', 'get-lead', conn, '--input={"id":"lead_stub001"}'])
    expect(run.exitCode).to.equal(0)
    expect(run.json()).to.have.property('record')
  })

  it('input validation: required properties and types → bad_request, no Close request', async () => {
    const before = (await sandbox.requests()).length
    const [missing, wrongType, badEnum, tooBig, badJson] = await Promise.all([
      runAction('create-task', {lead_id: 'lead_stub001'}),
      runAction('create-opportunity', {confidence: '50', lead_id: 'lead_stub001'}),
      runAction('list-tasks', {view: 'someday'}),
      runAction('list-leads', {limit: 500}),
      sandbox.run(['action', 'run', 'list-leads', conn, '--input={nope', '--json']),
    ])
    expect(missing.exitCode).to.equal(1)
    expect(missing.json()).to.deep.equal({
      data: {errors: [{message: 'is required', path: 'text'}]},
      message: 'Invalid input for action create-task: text is required',
      type: 'bad_request',
    })
    expect(missing.stderr).to.equal('Error: Invalid input for action create-task: text is required\n')
    expect((wrongType.json() as {message: string}).message).to.equal(
      'Invalid input for action create-opportunity: confidence must be an integer, got string',
    )
    expect((badEnum.json() as {message: string}).message).to.include('view must be one of "inbox", "future", "archive"')
    expect((tooBig.json() as {message: string}).message).to.include('limit must be <= 200')
    expect(badJson.exitCode).to.equal(1)
    expect(badJson.json()).to.deep.include({type: 'bad_request'})
    expect((await sandbox.requests()).length).to.equal(before)
  })

  it('an unknown action is not_found', async () => {
    const run = await runAction('delete-lead', {})
    expect(run.exitCode).to.equal(1)
    expect(run.json()).to.deep.equal({key: 'not_found', message: 'Action delete-lead not found', type: 'bad_request'})
  })

  it('a Close 404 or 400 becomes an action_run error carrying the status and Close body', async () => {
    const [notFound, invalid] = await Promise.all([
      runAction('get-lead', {id: 'lead_missing'}),
      runAction('create-lead', {name: 'X', status_id: 'stat_bad'}),
    ])
    expect(notFound.exitCode).to.equal(1)
    expect(notFound.json()).to.deep.equal({
      data: {body: {error: 'Empty query: Lead matching query does not exist.'}, status: 404},
      message: 'Close API request failed with status 404',
      type: 'action_run',
    })
    expect(notFound.stderr).to.equal('Error: Close API request failed with status 404\n')
    expect(invalid.json()).to.deep.equal({
      data: {body: {errors: [], 'field-errors': {status_id: 'Not a valid choice.'}}, status: 400},
      message: 'Close API request failed with status 400',
      type: 'action_run',
    })
  })

  it('IDs are encoded into the path', async () => {
    await runAction('get-lead', {id: '../user/x'})
    const [last] = (await sandbox.requests()).slice(-1)
    expect(last.path).to.equal('/lead/..%2Fuser%2Fx/')
  })

  it('refuses a non-Close connection (no such action) and an unknown connection', async () => {
    const [hubspot, unknown] = await Promise.all([
      sandbox.run(['action', 'run', 'list-leads', `--connectionId=${HUBSPOT_CONNECTION_ID}`, '--json']),
      sandbox.run(['action', 'run', 'list-leads', '--connectionId=abc', '--json']),
    ])
    expect(hubspot.json()).to.deep.include({key: 'not_found', message: 'Action list-leads not found'})
    expect(unknown.json()).to.deep.equal({key: 'not_found', message: 'Connection abc not found', type: 'bad_request'})
  })
})
