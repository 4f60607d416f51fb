/**
 * `close leads list --all` reads the whole list as two `slice:` partitions side by side, merged
 * newest-created first (close/deep-paging.ts): what a script gets is exactly what one page at a
 * time gives (CLOSE_LIST_PREFETCH=0), against the sandbox (which splits) and against the fake
 * membrane (which ignores the query, as a Close without `slice:` would).
 */
import {expect} from 'chai'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

/** The `--input` of each list-leads action run, parsed. */
function listInputs(calls: string[][]): Array<Record<string, unknown>> {
  return calls
    .filter((argv) => argv[0] === 'action' && argv[1] === 'run')
    .map((argv) => JSON.parse(argv.find((arg) => arg.startsWith('--input='))!.slice('--input='.length)))
    .filter((input: Record<string, unknown>) => 'limit' in input)
}

describe('leads list --all: two slices at once, the same records as one page at a time', () => {
  const home = new CommandHome()

  after(() => home.remove())

  it('sandbox: the same leads in the same order, as sort:-created slice:1/2 and 2/2', async () => {
    const sequential = await home.run(['leads', 'list', '--all', '-o', 'ndjson', '--sandbox'], {
      CLOSE_LIST_PREFETCH: '0',
    })
    expect(sequential.exitCode, sequential.stderr).to.equal(0)
    const sliced = await home.run(['leads', 'list', '--all', '-o', 'ndjson', '--sandbox'])
    expect(sliced.exitCode, sliced.stderr).to.equal(0)
    expect(sliced.stdout).to.equal(sequential.stdout)
    const lines = sliced.stdout.trim().split('\n')
    expect(lines.length).to.be.greaterThan(200) // more than one page in all
    expect(new Set(lines.map((line) => JSON.parse(line).id)).size).to.equal(lines.length)
    const queries = listInputs(sliced.calls).map((input) => input.query)
    expect(new Set(queries)).to.deep.equal(new Set(['sort:-created slice:1/2', 'sort:-created slice:2/2']))
    expect(listInputs(sequential.calls).filter((input) => 'query' in input)).to.deep.equal([])
  })

  it('sandbox: a --status filter goes inside each slice; the same leads as one page at a time', async () => {
    const sliced = await home.run(['leads', 'list', '--all', '--status', 'Customer', '--json', '--sandbox'])
    expect(sliced.exitCode, sliced.stderr).to.equal(0)
    const sequential = await home.run(['leads', 'list', '--all', '--status', 'Customer', '--json', '--sandbox'], {
      CLOSE_LIST_PREFETCH: '0',
    })
    expect(JSON.parse(sliced.stdout)).to.deep.equal(JSON.parse(sequential.stdout))
    expect(listInputs(sliced.calls).map((input) => input.query)).to.have.members([
      '(status:"Customer") sort:-created slice:1/2',
      '(status:"Customer") sort:-created slice:2/2',
    ])
  })

  it('fake membrane that ignores the query: both slices are the whole list, so the first is read alone, nothing twice', async () => {
    const env = {
      CLOSE_CONNECTION_ID: '6eaac8d82f01b7210760474f',
      CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
    }
    const sequential = await home.run(['leads', 'list', '--all', '--json'], {...env, CLOSE_LIST_PREFETCH: '0'})
    expect(sequential.exitCode, sequential.stderr).to.equal(0)
    const sliced = await home.run(['leads', 'list', '--all', '--json'], env)
    expect(sliced.exitCode, sliced.stderr).to.equal(0)
    expect(sliced.stdout).to.equal(sequential.stdout)
    const ids = (JSON.parse(sliced.stdout) as Array<{id: string}>).map((lead) => lead.id)
    expect(ids.length).to.be.greaterThan(0)
    expect(new Set(ids).size).to.equal(ids.length)
  })
})
