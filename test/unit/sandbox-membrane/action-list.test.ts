import {expect} from 'chai'

import {CONNECTION_ID, HUBSPOT_CONNECTION_ID, makeSandbox, OLD_CONNECTION_ID, type Sandbox} from './helpers.js'

const KEYS = [
  'list-leads',
  'list-contacts',
  'list-opportunities',
  'list-tasks',
  'list-activities',
  'list-notes',
  'get-lead',
  'get-contact',
  'get-opportunity',
  'get-task',
  'get-note',
  'get-user',
  'create-lead',
  'create-contact',
  'create-opportunity',
  'create-task',
  'create-note',
  'update-lead',
  'update-contact',
  'update-opportunity',
]

interface Action {
  [key: string]: unknown
  id: string
  inputSchema: {properties: Record<string, unknown>; required?: string[]; type: string}
  key: string
}

const conn = `--connectionId=${CONNECTION_ID}`

describe('sandbox membrane: action list', () => {
  let sandbox: Sandbox

  before(async () => {
    sandbox = await makeSandbox()
  })

  after(async () => {
    await sandbox.cleanup()
  })

  it('lists the 20 Close catalog actions with --limit=100, 10 by default', async () => {
    const [all, first] = await Promise.all([
      sandbox.run(['action', 'list', conn, '--limit=100', '--json']),
      sandbox.run(['action', 'list', conn, '--json']),
    ])
    expect(all.exitCode).to.equal(0)
    const {items} = all.json() as {items: Action[]}
    expect(items.map((a) => a.key)).to.deep.equal(KEYS)
    for (const action of items) {
      expect(Object.keys(action).sort()).to.deep.equal(
        ['description', 'id', 'inputSchema', 'integrationKey', 'key', 'name', 'outputSchema', 'type'].sort(),
      )
      expect(action.id).to.match(/^[\da-f]{24}$/)
      expect(action.integrationKey).to.equal('close')
      expect(action.inputSchema.type).to.equal('object')
    }

    expect(new Set(items.map((a) => a.id)).size).to.equal(20)
    const firstPage = first.json() as {cursor?: string; items: Action[]}
    expect(firstPage.items.map((a) => a.key)).to.deep.equal(KEYS.slice(0, 10))
    expect(firstPage.cursor).to.be.a('string')
    const second = await sandbox.run(['action', 'list', conn, `--cursor=${firstPage.cursor}`, '--json'])
    expect((second.json() as {cursor?: string; items: Action[]}).items.map((a) => a.key)).to.deep.equal(KEYS.slice(10))
    expect(second.json()).to.not.have.property('cursor')
  })

  it('ids are deterministic across sandboxes and describe types and schemas', async () => {
    const other = await makeSandbox()
    try {
      const [a, b] = await Promise.all([
        sandbox.run(['action', 'list', conn, '--limit=100', '--json']),
        other.run(['action', 'list', conn, '--limit=100', '--json']),
      ])
      expect(a.stdout).to.equal(b.stdout)
      const byKey = new Map((a.json() as {items: Action[]}).items.map((x) => [x.key, x]))
      expect(byKey.get('list-leads')!.type).to.equal('list-data-records')
      expect(byKey.get('get-lead')!.type).to.equal('find-data-record-by-id')
      expect(byKey.get('create-task')!.type).to.equal('create-data-record')
      expect(byKey.get('update-lead')!.type).to.equal('update-data-record')
      expect(byKey.get('create-task')!.inputSchema.required).to.deep.equal(['lead_id', 'text'])
      expect(byKey.get('create-opportunity')!.inputSchema.required).to.deep.equal(['lead_id'])
      expect(byKey.get('get-user')!.inputSchema.required).to.deep.equal(['id'])
      expect(Object.keys(byKey.get('list-opportunities')!.inputSchema.properties)).to.include.members([
        'lead_id',
        'user_id',
        'status_id',
        'status_type',
        'date_won__gte',
        'limit',
        'cursor',
      ])
    } finally {
      await other.cleanup()
    }
  })

  it('--intent ranks the exact key first, then actions sharing its words', async () => {
    const [exact, words, nothing] = await Promise.all([
      sandbox.run(['action', 'list', conn, '--intent=get-lead', '--json']),
      sandbox.run(['action', 'list', conn, '--intent', 'list opportunities', '--limit=3', '--json']),
      sandbox.run(['action', 'list', conn, '--intent=zebra', '--json']),
    ])
    const keys = (run: typeof exact) => (run.json() as {items: Action[]}).items.map((a) => a.key)
    expect(keys(exact)[0]).to.equal('get-lead')
    expect(keys(exact)).to.include.members(['list-leads', 'create-lead', 'update-lead'])
    expect(keys(exact).length).to.be.at.most(10)
    expect(keys(words)).to.have.length(3)
    expect(keys(words)[0]).to.equal('list-opportunities')
    expect(nothing.json()).to.deep.equal({items: []})
  })

  it('--limit above 100 is an error; a non-Close connection has no actions; an expired one is refused', async () => {
    const [big, hubspot, old, missing] = await Promise.all([
      sandbox.run(['action', 'list', conn, '--limit=101', '--json']),
      sandbox.run(['action', 'list', `--connectionId=${HUBSPOT_CONNECTION_ID}`, '--json']),
      sandbox.run(['action', 'list', `--connectionId=${OLD_CONNECTION_ID}`, '--json']),
      sandbox.run(['action', 'list', '--json']),
    ])
    expect(big.exitCode).to.equal(1)
    expect(big.json()).to.deep.equal({
      message: "--limit must be an integer between 1 and 100, got '101'",
      type: 'bad_request',
    })
    expect(hubspot.json()).to.deep.equal({items: []})
    expect(old.exitCode).to.equal(1)
    expect(old.json()).to.deep.equal({
      data: {connectionId: OLD_CONNECTION_ID, state: 'CLIENT_ACTION_REQUIRED'},
      key: 'access_token_expired',
      message:
        `Connection ${OLD_CONNECTION_ID} is not ready (state CLIENT_ACTION_REQUIRED): its access token expired or it ` +
        `was never authorized. Re-authenticate with: membrane connect --connectionId=${OLD_CONNECTION_ID}`,
      type: 'connection',
    })
    expect(missing.exitCode).to.equal(1)
    expect(missing.stderr).to.match(/^Error: --connectionId is required/)
  })
})
