/**
 * The gateway starts children with node:child_process, or with execa on Windows (`spawner`). Both
 * must behave the same: these cases run each way against small executable scripts.
 */
import {expect} from 'chai'
import {spawn} from 'node:child_process'
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {InterruptedError} from '../../../src/errors.js'
import {type GatewayOptions, MembraneGateway} from '../../../src/membrane/gateway.js'
import {MODULE_EXT} from '../../helpers/root.js'
import {isAlive, rejection, until} from './helpers.js'

const GATEWAY = fileURLToPath(new URL(`../../../src/membrane/gateway${MODULE_EXT}`, import.meta.url))

function gatewayWith(spawner: 'execa' | 'node', binPath: string, options: Partial<GatewayOptions> = {}) {
  return new MembraneGateway({binPath, spawner, timeoutMs: 20_000, ...options})
}

for (const spawner of ['node', 'execa'] as const) {
  describe(`membrane/gateway children (spawner: ${spawner})`, () => {
    let dir: string

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'close-spawner-test-'))
    })

    afterEach(() => {
      rmSync(dir, {force: true, recursive: true})
    })

    /** An executable node script in the temp dir. */
    function script(name: string, body: string): string {
      const file = join(dir, name)
      writeFileSync(file, `#!${process.execPath}\n${body}\n`)
      chmodSync(file, 0o755)
      return file
    }

    const pidFile = () => join(dir, 'pid')
    const childPid = () => Number(readFileSync(pidFile(), 'utf8'))
    const hang = (extra = '') =>
      `require('node:fs').writeFileSync(${JSON.stringify(pidFile())}, String(process.pid)); ${extra} setInterval(() => {}, 60000)`

    it('returns large UTF-8 output whole, multi-byte characters split across chunks included', async () => {
      const bin = script('big', `process.stdout.write(JSON.stringify({text: '€ü😀'.repeat(100000)}) + '\\n')`)
      const value = (await gatewayWith(spawner, bin).json(['x'])) as {text: string}
      expect(value.text).to.equal('€ü😀'.repeat(100_000))
    })

    it('passes argv verbatim, merges env over process.env, sets CI/NO_COLOR/FORCE_COLOR, ignores stdin', async () => {
      const bin = script(
        'env',
        `const {env} = process
let stdin = ''
process.stdin.on('data', (c) => { stdin += c })
process.stdin.on('end', () => console.log(JSON.stringify({
  argv: process.argv.slice(2), CI: env.CI, EXTRA: env.EXTRA, FORCE_COLOR: env.FORCE_COLOR, NO_COLOR: env.NO_COLOR,
  path: env.PATH === ${JSON.stringify(process.env.PATH)}, stdin, tty: Boolean(process.stdin.isTTY),
})))`,
      )
      const args = ['a b', '--input={"q":"it\'s; $(x)"}', '']
      const value = await gatewayWith(spawner, bin, {binArgs: ['pre'], env: {EXTRA: 'yes', FORCE_COLOR: '3'}}).json(
        args,
      )
      expect(value).to.deep.equal({
        argv: ['pre', ...args],
        CI: '1',
        EXTRA: 'yes',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        path: true,
        stdin: '',
        tty: false,
      })
    })

    it('reports the exit code and stderr, and a child killed by a signal', async () => {
      const failing = script('fail', `process.stderr.write('bad thing\\n'); process.exitCode = 7`)
      expect(await gatewayWith(spawner, failing).text([])).to.include({exitCode: 7, stderr: 'bad thing\n', stdout: ''})
      const killed = script('killed', `process.kill(process.pid, 'SIGKILL')`)
      expect(await gatewayWith(spawner, killed).text([])).to.include({
        exitCode: 128,
        stderr: 'membrane was killed by SIGKILL',
      })
    })

    it('maps a missing binary to membrane_missing', async () => {
      const error = await rejection(gatewayWith(spawner, join(dir, 'nope')).json(['status']))
      expect(error).to.include({code: 'membrane_missing', exitCode: 4})
    })

    it('stops a child that outlives the timeout', async () => {
      // A shell child starts in milliseconds even on a loaded machine, so it is running when the timeout fires.
      const bin = join(dir, 'hang.sh')
      writeFileSync(bin, `#!/bin/sh\necho $$ > ${JSON.stringify(pidFile())}\nexec sleep 60\n`)
      chmodSync(bin, 0o755)
      const error = await rejection(gatewayWith(spawner, bin, {timeoutMs: 1500}).json(['status']))
      expect(error).to.include({code: 'timeout', exitCode: 3})
      expect(isAlive(childPid())).to.equal(false)
    })

    it('on abort sends SIGTERM, then SIGKILL to a child that ignores it', async () => {
      const controller = new AbortController()
      const bin = script('stubborn', hang(`process.on('SIGTERM', () => {});`))
      const call = gatewayWith(spawner, bin, {killGraceMs: 200, signal: controller.signal}).text(['status'])
      await until(() => existsSync(pidFile()), 'the child to start')
      controller.abort()
      expect(await rejection(call)).to.be.instanceOf(InterruptedError)
      expect(isAlive(childPid())).to.equal(false)
    })

    it('with `until`, stops the child once its output matched and returns that output', async () => {
      const bin = script('login', hang(`process.stderr.write('Open https://example.test/login?x=1 \\n');`))
      const result = await gatewayWith(spawner, bin).text(['login'], {until: /https?:\/\/\S+\s/, untilGraceMs: 50})
      expect(result.stderr).to.include('https://example.test/login?x=1')
      expect(isAlive(childPid())).to.equal(false)
    })

    it('does not leave the child running when this process exits first', async () => {
      const bin = script('hang', hang())
      // Compiled (npm test), the gateway is plain JavaScript: no TS loader for the parent then.
      const parent = join(dir, MODULE_EXT === '.ts' ? 'parent.mts' : 'parent.mjs')
      writeFileSync(
        parent,
        `import {MembraneGateway} from ${JSON.stringify(GATEWAY)}
import {existsSync} from 'node:fs'
const gateway = new MembraneGateway({binPath: ${JSON.stringify(bin)}, spawner: '${spawner}', timeoutMs: 60000})
void gateway.text(['status'])
const timer = setInterval(() => {
  if (!existsSync(${JSON.stringify(pidFile())})) return
  clearInterval(timer)
  process.exit(0)
}, 20)
`,
      )
      const code = await new Promise<null | number>((resolve) => {
        spawn(process.execPath, [...(MODULE_EXT === '.ts' ? ['--import', 'tsx/esm'] : []), parent], {
          stdio: 'ignore',
        }).on('close', resolve)
      })
      expect(code).to.equal(0)
      await until(() => !isAlive(childPid()), 'the child to be gone')
    })
  })
}
