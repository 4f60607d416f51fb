/**
 * `close actions list / run` end to end against the sandbox's 20 Close actions. Needs a build:
 * `npm run build`.
 */
import {expect} from 'chai'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome} from '../helpers/run-command.js'

interface Action {
  description: string
  id: string
  inputSchema: {properties: Record<string, unknown>; required?: string[]}
  key: string
  name: string
}

const debugLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('[debug] membrane'))

describe('actions (sandbox)', () => {
  const home = new CommandHome()
  const close = (args: string[], input?: string) => home.run([...args, '--sandbox'], {}, input)
  let leadId: string

  before(async () => {
    const page = await close(['raw', '/lead/', '-q', '_limit=1', '-q', '_fields=id'])
    leadId = (JSON.parse(page.stdout) as {data: Array<{id: string}>}).data[0].id
  })

  after(() => home.remove())

  it('list prints key, name and description, tab-separated when piped', async () => {
    const result = await close(['actions', 'list'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const rows = result.stdout.trimEnd().split('\n')
    expect(rows).to.have.length(20)
    expect(rows).to.include('get-lead\tGet Lead\tGet a lead by its ID')
    expect(rows.map((row) => row.split('\t')[0])).to.include.members([
      'list-leads',
      'create-note',
      'update-opportunity',
    ])
  })

  it('list --intent ranks the closest actions first; --limit cuts the list', async () => {
    const result = await close(['actions', 'list', '--intent', 'create a task', '--limit', '3', '-o', 'table'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).to.match(/^KEY\s+NAME\s+DESCRIPTION$/)
    expect(lines).to.have.length(4)
    expect(lines[1]).to.match(/^create-task\s+Create Task\s+Create a task for a lead$/)
  })

  it('list --json gives the full objects with their inputSchema', async () => {
    const result = await close(['actions', 'list', '--intent', 'get-lead', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const actions = JSON.parse(result.stdout) as Action[]
    const getLead = actions.find((action) => action.key === 'get-lead')!
    expect(getLead.id).to.match(/^[\da-f]{24}$/)
    expect(getLead.inputSchema.required).to.deep.equal(['id'])
    expect(getLead.inputSchema.properties).to.have.property('id')
  })

  it('run by key prints the action output as JSON', async () => {
    const result = await close(['actions', 'run', 'get-lead', '--input', JSON.stringify({id: leadId})])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout.trim().split('\n')).to.have.length(1)
    const output = JSON.parse(result.stdout) as {record: {id: string; rawFields: {id: string}}}
    expect(output.record.rawFields.id).to.equal(leadId)
  })

  it('run by ID, with the input from a file (@file) and from stdin (-)', async () => {
    const list = JSON.parse((await close(['actions', 'list', '--intent', 'list-leads', '--json'])).stdout) as Action[]
    const {id} = list.find((action) => action.key === 'list-leads')!
    const file = join(home.dir, 'input.json')
    writeFileSync(file, '{"limit": 2}\n')
    const fromFile = await close(['actions', 'run', id, '--input', `@${file}`])
    expect(fromFile.exitCode, fromFile.stderr).to.equal(0)
    expect((JSON.parse(fromFile.stdout) as {records: unknown[]}).records).to.have.length(2)

    const fromStdin = await close(['actions', 'run', 'list-leads', '--input', '-'], '{"limit": 3}')
    expect(fromStdin.exitCode, fromStdin.stderr).to.equal(0)
    expect((JSON.parse(fromStdin.stdout) as {records: unknown[]}).records).to.have.length(3)
  })

  it('a steady-state run spawns one Membrane process: the key is resolved once and cached', async () => {
    const result = await close(['actions', 'run', 'get-lead', '--input', JSON.stringify({id: leadId}), '--debug'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const calls = debugLines(result.stderr)
    expect(calls).to.have.length(1)
    expect(calls[0]).to.match(/^\[debug\] membrane action run [\da-f]{24} --connectionId=\S+ --input=<redacted> --json/)
  })

  it('input that breaks the schema exits 2 naming the property, before the action runs', async () => {
    const missing = await close(['actions', 'run', 'get-lead', '--input', '{}', '--debug'])
    expect(missing.exitCode).to.equal(2)
    expect(missing.stdout).to.equal('')
    expect(missing.stderr).to.contain('Error: Input does not fit get-lead: "id" is required.\n')
    expect(missing.stderr).to.contain('  get-lead takes: id (string, required).\n')
    expect(missing.stderr).not.to.contain('membrane action run')

    const wrongType = await close(['actions', 'run', 'list-leads', '--input', '{"limit": "ten", "query": 5}'])
    expect(wrongType.exitCode).to.equal(2)
    expect(wrongType.stderr.split('\n')[0]).to.equal(
      'Error: Input does not fit list-leads: "query" must be a string, not a number (5). "limit" must be a whole number, not a string ("ten").',
    )

    const notObject = await close(['actions', 'run', 'get-lead', '--input', '[1]'])
    expect(notObject.exitCode).to.equal(2)
    expect(notObject.stderr.split('\n')[0]).to.equal(
      'Error: Input does not fit get-lead: The input must be an object, not a list ([1]).',
    )
  })

  it('bad JSON exits 2 before anything is spawned', async () => {
    const inline = await close(['actions', 'run', 'get-lead', '--input', '{"id": ', '--debug'])
    expect(inline.exitCode).to.equal(2)
    expect(inline.stderr).to.match(/^Error: --input is not valid JSON: /)
    expect(debugLines(inline.stderr)).to.deep.equal([])

    const stdin = await close(['actions', 'run', 'get-lead', '--input', '-', '--debug'], 'not json')
    expect(stdin.exitCode).to.equal(2)
    expect(stdin.stderr).to.match(/^Error: --input \(stdin\) is not valid JSON: /)
    expect(debugLines(stdin.stderr)).to.deep.equal([])

    const file = await close(['actions', 'run', 'get-lead', '--input', '@nowhere.json'])
    expect(file.exitCode).to.equal(2)
    expect(file.stderr.split('\n')[0]).to.equal('Error: Cannot read nowhere.json: no such file.')
  })

  it('an unknown key exits 5 pointing at actions list; a Close 404 from the action exits 5', async () => {
    const unknown = await close(['actions', 'run', 'frobnicate-lead'])
    expect(unknown.exitCode).to.equal(5)
    expect(unknown.stderr).to.equal(
      'Error: No action "frobnicate-lead" on this connection.\n' +
        '  `close actions list --intent "frobnicate-lead"` shows the closest actions and their keys.\n',
    )

    const gone = await close(['actions', 'run', 'get-lead', '--input', '{"id": "lead_0000000000000000000000"}'])
    expect(gone.exitCode).to.equal(5)
    expect(gone.stdout).to.equal('')
  })
})
