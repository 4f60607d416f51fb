/**
 * The Membrane layer over the real Close emulator (src/sandbox/close), seeded small: paging,
 * creates, updates and errors as the CLI will see them with `--sandbox`.
 */
import {expect} from 'chai'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {seedSandbox} from '../../../src/sandbox/index.js'
import {CONNECTION_ID, makeSandbox, ROOT, type Sandbox} from './helpers.js'

const conn = `--connectionId=${CONNECTION_ID}`
const hasEmulator = existsSync(join(ROOT, 'src', 'sandbox', 'close', 'index.ts'))

interface Page {
  cursor?: string
  records: Array<{fields: Record<string, unknown>; id: string; name: string; rawFields: Record<string, unknown>}>
}

describe('sandbox membrane: over the real Close emulator', () => {
  let sandbox: Sandbox | undefined

  before(async function () {
    if (!hasEmulator) this.skip()
    sandbox = await makeSandbox({close: 'real'})
    await seedSandbox(sandbox.dir, {leads: 30, today: new Date('2026-03-02T12:00:00Z')})
  })

  after(async () => {
    await sandbox?.cleanup()
  })

  const run = async (key: string, input: unknown) => {
    const result = await sandbox!.run(['action', 'run', key, conn, `--input=${JSON.stringify(input)}`, '--json'])
    return {...result, body: result.stdout ? (result.json() as {output: unknown}) : undefined}
  }

  it('list-leads pages through all 30 seeded leads by cursor', async () => {
    const ids: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await run('list-leads', {limit: 12, ...(cursor ? {cursor} : {})})
      expect(page.exitCode, page.stderr).to.equal(0)
      const output = page.body!.output as Page
      ids.push(...output.records.map((r) => r.id))
      for (const record of output.records) {
        expect(record.rawFields.id).to.equal(record.id)
        expect(record.name).to.equal(record.rawFields.display_name)
      }

      cursor = output.cursor
      pages++
    } while (cursor)

    expect(pages).to.equal(3)
    expect(ids).to.have.length(30)
    expect(new Set(ids).size).to.equal(30)
    expect(ids.every((id) => id.startsWith('lead_'))).to.equal(true)
  })

  it('create-lead → create-contact/opportunity/task/note → get and update', async () => {
    const lead = (await run('create-lead', {name: 'Wayne Enterprises', url: 'https://wayne.example'})).body!.output as {
      id: string
      name: string
    }
    expect(lead).to.include({name: 'Wayne Enterprises'})
    expect(lead.id).to.match(/^lead_/)

    const contact = await run('create-contact', {
      emails: [{email: 'bruce@wayne.example', type: 'office'}],
      lead_id: lead.id,
      name: 'Bruce Wayne',
    })
    expect(contact.exitCode, contact.stdout).to.equal(0)
    expect(contact.body!.output).to.deep.include({lead_id: lead.id, name: 'Bruce Wayne'})

    const opportunity = await run('create-opportunity', {confidence: 40, lead_id: lead.id, value: 250_000})
    expect(opportunity.exitCode, opportunity.stdout).to.equal(0)
    const opp = opportunity.body!.output as {id: string; value: number}
    expect(opp.id).to.match(/^oppo_/)
    expect(opp.value).to.equal(250_000)

    const task = await run('create-task', {lead_id: lead.id, text: 'Call Bruce'})
    expect(task.exitCode, task.stdout).to.equal(0)
    expect(task.body!.output).to.deep.include({lead_id: lead.id, text: 'Call Bruce'})

    const note = await run('create-note', {lead_id: lead.id, note: 'Met at the gala'})
    expect(note.exitCode, note.stdout).to.equal(0)
    expect(note.body!.output).to.deep.include({lead_id: lead.id, note: 'Met at the gala'})

    const got = await run('get-lead', {id: lead.id})
    const {record} = got.body!.output as {record: Page['records'][number]}
    expect(record.id).to.equal(lead.id)
    expect(record.fields).to.deep.include({name: 'Wayne Enterprises', website: 'https://wayne.example'})

    const updated = await run('update-opportunity', {confidence: 90, id: opp.id})
    expect(updated.body!.output).to.deep.include({confidence: 90, id: opp.id})

    const contacts = await run('list-contacts', {lead_id: lead.id})
    expect((contacts.body!.output as Page).records.map((r) => r.name)).to.deep.equal(['Bruce Wayne'])
    const notes = await run('list-notes', {lead_id: lead.id})
    expect((notes.body!.output as Page).records.map((r) => r.rawFields.note)).to.deep.equal(['Met at the gala'])
  })

  it('Close errors come back as action_run errors with Close bodies', async () => {
    const missing = await run('get-lead', {id: 'lead_doesNotExist0000000000'})
    expect(missing.exitCode).to.equal(1)
    expect(missing.body).to.deep.include({message: 'Close API request failed with status 404', type: 'action_run'})
    expect((missing.body as unknown as {data: {status: number}}).data.status).to.equal(404)

    const invalid = await run('create-task', {lead_id: 'lead_doesNotExist0000000000', text: 'x'})
    expect(invalid.exitCode).to.equal(1)
    const {data} = invalid.body as unknown as {data: {body: Record<string, unknown>; status: number}}
    expect(data.status).to.equal(400)
    expect(data.body).to.have.property('field-errors')
  })

  it('request proxies Close: /me/, a list page, a 404 body', async () => {
    const me = await sandbox!.run(['request', CONNECTION_ID, '/me/'])
    expect(me.exitCode).to.equal(0)
    expect((me.json() as {id: string}).id).to.match(/^user_/)
    const page = await sandbox!.run(['request', CONNECTION_ID, '/lead/', '--query=_limit=5'])
    expect(page.json()).to.have.keys(['data', 'has_more'])
    const missing = await sandbox!.run(['request', CONNECTION_ID, '/lead/lead_doesNotExist0000000000/'])
    expect(missing).to.include({exitCode: 1, stderr: 'HTTP 404 Not Found\n'})
    expect(missing.json()).to.deep.equal({error: 'Empty query: Lead matching query does not exist.'})
  })
})
