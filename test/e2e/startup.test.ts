/**
 * bin/run.js start-up paths (issue 6): `--version`/`-v` answered without loading oclif, own commands
 * run without the core plugins, and oclif loaded from `@oclif/core/execute` with its engine check
 * done by run.js; a real `--sandbox` run spawning the sandbox executable. Needs a build.
 */
import {Config} from '@oclif/core'
import {expect} from 'chai'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, TestHome} from '../helpers/cli.js'

describe('e2e: start-up paths of bin/run.js', () => {
  const home = new TestHome()

  after(() => home.remove())

  it('--version and -v print exactly the version string oclif builds', async () => {
    const config = await Config.load(ROOT)
    for (const flag of ['--version', '-v']) {
      const result = await home.run([flag])
      expect(result, flag).to.deep.equal({exitCode: 0, stderr: '', stdout: `${config.userAgent}\n`})
    }

    expect(config.userAgent).to.match(/^close-cli\/\d+\.\d+\.\d+\S* \w+-\w+ node-v\d+/)
  })

  it('help still goes through oclif', async () => {
    const result = await home.run(['leads', 'list', '--help'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.match(/^List and search leads\.\n\nUSAGE\n {2}\$ close leads list/)
  })

  it('the core plugins are still there for everything that is not an own command', async () => {
    const root = await home.run(['--help'])
    expect(root.stdout).to.match(/^ {2}autocomplete +\S/m)
    expect(root.stdout).to.match(/^ {2}help +\S/m)
    const help = await home.run(['help', 'leads', 'list'])
    expect(help.exitCode, help.stderr).to.equal(0)
    expect(help.stdout).to.equal((await home.run(['leads', 'list', '--help'])).stdout)
    const autocomplete = await home.run(['autocomplete', '--help'])
    expect(autocomplete.exitCode, autocomplete.stderr).to.equal(0)
    expect(autocomplete.stdout).to.include('autocomplete')
    const unknown = await home.run(['leadz', 'list'])
    expect(unknown.exitCode).to.equal(2)
    expect(unknown.stderr).to.include('Unknown command `leadz list`. Did you mean `leads list`?')
  })

  it('membrane does not inherit the OCLIF_DISABLE_ENGINE_WARNING that run.js sets while oclif loads', async () => {
    const bin = join(home.dir, 'membrane-env')
    writeFileSync(
      bin,
      `#!${process.execPath}\nconsole.log(JSON.stringify({value: process.env.OCLIF_DISABLE_ENGINE_WARNING ?? null}))\n`,
    )
    chmodSync(bin, 0o755)
    const args = ['raw', 'GET', '/me/', '--connection', '6eaac8d82f01b7210760474f']
    const result = await home.run(args, {CLOSE_MEMBRANE_BIN: bin})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.deep.equal({value: null})
    const kept = await home.run(args, {CLOSE_MEMBRANE_BIN: bin, OCLIF_DISABLE_ENGINE_WARNING: 'yes'})
    expect(JSON.parse(kept.stdout)).to.deep.equal({value: 'yes'})
  })

  it('--sandbox spawns the shipped sandbox executable (bin/membrane-sandbox.js) and shows its data', async () => {
    const result = await home.run(['users', 'me', '--sandbox', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.equal('')
    const me = JSON.parse(result.stdout) as {email: string; id: string}
    expect(me.id).to.match(/^user_[A-Za-z0-9]+$/)
    expect(me.email).to.match(/@/)
  })
})
