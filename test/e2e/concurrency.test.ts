/**
 * Issue 14 items 1, 2 and 8 with real `bin/run.js` processes against the fake membrane: 20 runs at
 * once mixing `config set`, `connections use` and first-time action lookups lose nothing; SIGTERM
 * and SIGINT during a Membrane call leave no membrane child behind (also one that ignores SIGTERM).
 * Needs a build.
 */
import {expect} from 'chai'
import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {FAKE_BIN_DIR, RUN, TestHome} from '../helpers/cli.js'
import {isAlive} from '../helpers/processes.js'

const FAKE = join(FAKE_BIN_DIR, 'membrane-fake')
const CLOSE = '6eaac8d82f01b7210760474f'
const CLOSE_EU = '9136682575250def91799e27'

/** The PIDs the fake membrane recorded; none while the state file is absent or half written. */
function startedPids(state: string): number[] {
  try {
    return existsSync(state) ? (JSON.parse(readFileSync(state, 'utf8')) as {pids: number[]}).pids : []
  } catch {
    return []
  }
}

describe('e2e: parallel runs and signals', function () {
  this.timeout(60_000)

  it('20 runs at once (config set, connections use, first-time action lookups): nothing lost', async () => {
    const home = new TestHome()
    try {
      mkdirSync(home.configDir, {recursive: true})
      writeFileSync(join(home.configDir, 'config.json'), JSON.stringify({connection: {id: CLOSE_EU, name: 'Close EU'}}))
      const env = {CLOSE_MEMBRANE_BIN: FAKE, CLOSE_NO_PROMPT: '1'}
      const data = (args: string[]) => [...args, '--connection', CLOSE, '--json']
      const runs: string[][] = [
        ['config', 'set', 'browser', 'never'],
        ['config', 'set', 'connect-timeout', '600'],
        ['connections', 'use', CLOSE],
      ]
      const reads = [
        ['leads', 'list', '--limit', '1'],
        ['leads', 'get', 'lead_YBEldzFN1XdtXNMPqAXiuF'],
        ['opps', 'list', '--limit', '1'],
        ['raw', '/me/'],
      ]
      for (let i = 0; runs.length < 20; i++) runs.push(data(reads[i % reads.length]))
      const results = await Promise.all(runs.map((args) => home.run(args, env)))
      for (const [i, result] of results.entries())
        expect(result.exitCode, `${runs[i].join(' ')}: ${result.stderr}`).to.equal(0)

      const config = JSON.parse(readFileSync(join(home.configDir, 'config.json'), 'utf8')) as {
        actions: Record<string, Record<string, {id: string}>>
        basePaths: Record<string, string>
        connection: {id: string}
      }
      expect(config.connection.id).to.equal(CLOSE)
      expect(Object.keys(config.actions[CLOSE]).sort()).to.deep.equal(['get-lead', 'list-leads', 'list-opportunities'])
      expect(config.basePaths).to.deep.equal({[CLOSE]: ''})
      const browser = await home.run(['config', 'get', 'browser'])
      const timeout = await home.run(['config', 'get', 'connect-timeout'])
      expect([browser.stdout.trim(), timeout.stdout.trim()]).to.deep.equal(['never', '600'])
    } finally {
      home.remove()
    }
  })

  for (const [signal, code, scenario] of [
    ['SIGTERM', 143, 'hang'],
    ['SIGTERM', 143, 'hang-stubborn'],
    ['SIGINT', 130, 'hang-stubborn'],
  ] as const) {
    it(`${signal} during a Membrane call (${scenario}): exit ${code}, one line, no membrane child left`, async () => {
      const home = new TestHome()
      try {
        const state = join(home.dir, 'membrane-state.json')
        const env = home.env({
          CLOSE_MEMBRANE_BIN: FAKE,
          CLOSE_NO_PROMPT: '1',
          FAKE_MEMBRANE_SCENARIO: scenario,
          FAKE_MEMBRANE_STATE: state,
        })
        const child = spawn(process.execPath, [RUN, 'leads', 'list', '--connection', CLOSE], {cwd: home.dir, env})
        let stderr = ''
        child.stderr.on('data', (chunk) => {
          stderr += chunk
        })
        const exited = new Promise<null | number>((resolve) => {
          child.on('exit', (exitCode) => resolve(exitCode))
        })
        let pids: number[] = []
        for (let i = 0; i < 200 && pids.length === 0; i++) {
          await sleep(50)
          pids = startedPids(state)
        }

        expect(pids, 'the membrane child started').to.have.length(1)
        await sleep(200) // the child is in its hang (its handlers installed)
        child.kill(signal)
        expect(await exited).to.equal(code)
        expect(stderr.trim().split('\n')).to.have.length(1)
        for (let i = 0; i < 40 && isAlive(pids[0]); i++) await sleep(50)
        expect(isAlive(pids[0]), `membrane child ${pids[0]} survived`).to.equal(false)
      } finally {
        home.remove()
      }
    })
  }
})
