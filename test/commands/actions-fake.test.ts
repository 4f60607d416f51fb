/**
 * `close actions list / run` against the fake membrane: the argv sent, what is (not) spawned when
 * the input fails the schema, retries for reads only.
 */
import {expect} from 'chai'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

const CONNECTION = '6eaac8d82f01b7210760474f'
const GET_LEAD = '73c8eb5bb682575ec87a171a'
const CREATE_LEAD = 'c826a6fce48478dcb74f2134'
const LEAD = 'lead_YBEldzFN1XdtXNMPqAXiuF'

describe('actions (fake membrane)', () => {
  const home = new CommandHome()
  const log = join(home.dir, 'membrane.log')
  const state = join(home.dir, 'membrane-state.json')
  const close = (args: string[], scenario = 'items') =>
    home.run([...args, '--connection', CONNECTION], {
      CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
      FAKE_MEMBRANE_LOG: log,
      FAKE_MEMBRANE_SCENARIO: scenario,
      FAKE_MEMBRANE_STATE: state,
    })
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

  it('list asks Membrane for up to 100 actions of the connection, with the intent', async () => {
    const result = await close(['actions', 'list', '--intent', 'get lead'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(calls()).to.deep.equal([
      ['action', 'list', `--connectionId=${CONNECTION}`, '--intent=get lead', '--limit=100', '--json'],
    ])
    expect(result.stdout.split('\n')[0]).to.equal('get-lead\tGet Lead\tGet lead in Close')
  })

  it('run resolves the key, then runs the action by ID with the input as one argv element', async () => {
    const result = await close(['actions', 'run', 'get-lead', '--input', `{"id": "${LEAD}"}`])
    expect(result.exitCode, result.stderr).to.equal(0)
    const sent = calls()
    expect(sent[0].slice(0, 4)).to.deep.equal(['action', 'list', `--connectionId=${CONNECTION}`, '--intent=get-lead'])
    expect(sent.at(-1)).to.deep.equal([
      'action',
      'run',
      GET_LEAD,
      `--connectionId=${CONNECTION}`,
      `--input={"id":"${LEAD}"}`,
      '--json',
    ])
    expect(JSON.parse(result.stdout)).to.have.nested.property('record.rawFields.id', LEAD)
  })

  it('input failing the schema never reaches `action run`', async () => {
    const result = await close(['actions', 'run', 'get-lead', '--input', '{"id": 42}'])
    expect(result.exitCode).to.equal(2)
    expect(result.stderr.split('\n')[0]).to.equal(
      'Error: Input does not fit get-lead: "id" must be a string, not a number (42).',
    )
    expect(calls().filter((argv) => argv[1] === 'run')).to.deep.equal([])
  })

  it('bad JSON spawns nothing at all', async () => {
    const result = await close(['actions', 'run', 'get-lead', '--input', "{'id': 1}"])
    expect(result.exitCode).to.equal(2)
    expect(existsSync(log)).to.equal(false)
  })

  it('run by ID finds its schema in the action list', async () => {
    const result = await close(['actions', 'run', GET_LEAD])
    expect(result.exitCode).to.equal(2)
    expect(result.stderr.split('\n')[0]).to.equal('Error: Input does not fit get-lead: "id" is required.')
    expect(calls()).to.deep.equal([['action', 'list', `--connectionId=${CONNECTION}`, '--limit=100', '--json']])
  })

  it('a Close validation error from the action exits 3 with its field errors', async () => {
    const result = await close(['actions', 'run', CREATE_LEAD, '--input', '{"name": "X"}'], 'close-400-field-errors')
    expect(result.exitCode).to.equal(3)
    expect(result.stdout).to.equal('')
    expect(result.stderr.split('\n')[0]).to.equal(
      'Error: Close rejected the request: name: This field is required; status: Not a valid choice.',
    )
  })

  it('reads (get-/list-) are retried on 5xx; other actions never are', async () => {
    // Resolve both keys first (cached per connection), so that only `action run` meets the 503s.
    expect((await close(['actions', 'run', 'get-lead', '--input', '{}'])).exitCode).to.equal(2)
    expect((await close(['actions', 'run', 'create-lead', '--input', '{"name": 1}'])).exitCode).to.equal(2)

    rmSync(log, {force: true})
    rmSync(state, {force: true})
    const read = await close(['actions', 'run', 'get-lead', '--input', `{"id": "${LEAD}"}`], '5xx-then-ok')
    expect(read.exitCode, read.stderr).to.equal(0)
    expect(calls().map((argv) => argv.slice(0, 3))).to.deep.equal([
      ['action', 'run', GET_LEAD],
      ['action', 'run', GET_LEAD],
      ['action', 'run', GET_LEAD],
    ])

    rmSync(log, {force: true})
    rmSync(state, {force: true})
    const write = await close(['actions', 'run', 'create-lead', '--input', '{"name": "Once"}'], '5xx-then-ok')
    expect(write.exitCode).to.equal(3)
    expect(calls().map((argv) => argv.slice(0, 3))).to.deep.equal([['action', 'run', CREATE_LEAD]])
  })
})
