import {expect} from 'chai'
import {fork} from 'node:child_process'
import {once} from 'node:events'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {CliError, UsageError} from '../../../src/errors.js'
import {ConfigStore, type ConfigStoreOptions} from '../../../src/session/config-store.js'
import {FileLock} from '../../../src/session/file-lock.js'
import {ROOT} from '../../helpers/root.js'

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error_: unknown) => error_,
  )
  if (error instanceof CliError) return error
  throw error
}

function fsError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall}`), {code, syscall})
}

/**
 * `entry` and what it imports, bundled into one ESM file for plain node (tsx's own esbuild: tsx in
 * 20 children costs seconds of CPU). Returns the bundle's path.
 */
async function bundled(entry: string, out: string): Promise<string> {
  const {buildSync} = await import('esbuild')
  buildSync({bundle: true, entryPoints: [join(ROOT, entry)], format: 'esm', outfile: out, platform: 'node'})
  return out
}

const badActions = (data: Record<string, unknown>) => (typeof data.actions === 'string' ? 'bad actions' : undefined)

const setA = (data: Record<string, unknown>) => {
  data.a = 1
}

const setB = (data: Record<string, unknown>) => {
  data.b = 2
}

const mode = (path: string) => (statSync(path).mode % 0o1000).toString(8)

/** A clock that only moves when the code under test sleeps. */
function fakeTime(start = Date.now()): {now: () => number; sleep: (ms: number) => Promise<void>; slept: number[]} {
  let now = start
  const slept: number[] = []
  return {
    now: () => now,
    async sleep(ms) {
      slept.push(ms)
      now += ms
    },
    slept,
  }
}

describe('session/config-store', () => {
  let dir: string
  let file: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'close-store-'))
    file = join(dir, 'close', 'config.json')
  })

  afterEach(() => rmSync(dir, {force: true, recursive: true}))

  const store = (options: ConfigStoreOptions = {}) => new ConfigStore(file, options)
  const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const lock = () => `${file}.lock`
  const leftovers = () => readdirSync(join(dir, 'close')).filter((name) => name !== 'config.json')
  const holdLock = (owner: Record<string, unknown>) => {
    mkdirSync(join(dir, 'close'), {recursive: true})
    writeFileSync(lock(), JSON.stringify(owner))
  }

  describe('writes', () => {
    it('creates the directory 0700 and the file 0600, leaving no temp or lock file', async () => {
      await store().update((data) => {
        data.a = 1
      })
      expect(onDisk()).to.deep.equal({a: 1})
      expect(mode(join(dir, 'close'))).to.equal('700')
      expect(mode(file)).to.equal('600')
      expect(leftovers()).to.deep.equal([])
    })

    it('keeps mode 0600 when an existing file was looser', async () => {
      mkdirSync(join(dir, 'close'))
      writeFileSync(file, '{"a":1}', {mode: 0o644})
      await store().update((data) => {
        data.b = 2
      })
      expect(onDisk()).to.deep.equal({a: 1, b: 2})
      expect(mode(file)).to.equal('600')
    })

    it('changes only its own keys of the CURRENT file, whatever another process wrote meanwhile', async () => {
      const mine = store()
      await mine.update((data) => {
        data.a = 1
      })
      expect(mine.read()).to.deep.equal({a: 1})
      // Another process writes b and removes a behind our back.
      writeFileSync(file, '{"b":2}')
      expect(mine.read()).to.deep.equal({b: 2})
      await mine.update((data) => {
        data.c = 3
      })
      expect(onDisk()).to.deep.equal({b: 2, c: 3})
    })

    it('a config directory deleted mid-run does not bring the old values back', async () => {
      const mine = store()
      await mine.update((data) => {
        data.connection = {id: 'conn_old'}
      })
      rmSync(join(dir, 'close'), {force: true, recursive: true})
      expect(mine.read()).to.deep.equal({})
      await mine.update((data) => {
        data.actions = {conn_new: {}}
      })
      expect(onDisk()).to.deep.equal({actions: {conn_new: {}}})
    })

    it('removes temp files of writers killed mid-write, not those of live ones', async () => {
      mkdirSync(join(dir, 'close'))
      writeFileSync(join(dir, 'close', 'config.json.999999-dead.tmp'), '{')
      writeFileSync(join(dir, 'close', 'config.json.4242-live.tmp'), '{')
      writeFileSync(join(dir, 'close', 'notes.txt'), 'mine')
      await store({isAlive: (pid) => pid === 4242}).update(setA)
      expect(leftovers().sort()).to.deep.equal(['config.json.4242-live.tmp', 'notes.txt'])
      const old = (Date.now() - 60_000) / 1000
      utimesSync(join(dir, 'close', 'config.json.4242-live.tmp'), old, old)
      await store({isAlive: (pid) => pid === 4242}).update(setB)
      expect(leftovers()).to.deep.equal(['notes.txt'])
    })

    it('a change that changes nothing writes nothing and takes no lock', async () => {
      const opened: string[] = []
      const mine = store({
        fs: {
          openSync(path: string) {
            opened.push(path)
            throw fsError('EROFS', 'open')
          },
        },
      })
      expect(await mine.update(() => {})).to.deep.equal({})
      expect(opened).to.deep.equal([])
      expect(existsSync(join(dir, 'close'))).to.equal(false)
    })

    it('transact decides on the locked current data and returns the result', async () => {
      mkdirSync(join(dir, 'close'))
      writeFileSync(file, '{"n":41}')
      const {data, result} = await store().transact((data_) => {
        const previous = data_.n as number
        data_.n = previous + 1
        return previous
      })
      expect(result).to.equal(41)
      expect(data).to.deep.equal({n: 42})
      expect(onDisk()).to.deep.equal({n: 42})
    })

    it('an error thrown by the change is passed on and nothing is written', async () => {
      mkdirSync(join(dir, 'close'))
      writeFileSync(file, '{"a":1}')
      const error = await store()
        .transact(() => {
          throw new TypeError('boom')
        })
        .catch((error_: unknown) => error_)
      expect(error).to.be.instanceOf(TypeError)
      expect(readFileSync(file, 'utf8')).to.equal('{"a":1}')
      expect(leftovers()).to.deep.equal([])
    })
  })

  describe('failures: exit 2 naming the file and `close config path`, nothing overwritten', () => {
    const untouched = '{"connection": '

    it('bad JSON', async () => {
      mkdirSync(join(dir, 'close'))
      writeFileSync(file, untouched)
      expect(() => store().read()).to.throw(UsageError, `The config file ${file} is not valid JSON`)
      const error = await failure(store().update(setA))
      expect([error.exitCode, error.code]).to.deep.equal([2, 'config_corrupt'])
      expect(error.hint).to.equal(
        'Fix or remove that file by hand; `close config path` prints where it is. Nothing was changed.',
      )
      expect(readFileSync(file, 'utf8')).to.equal(untouched)
      expect(leftovers()).to.deep.equal([])
    })

    for (const [text, problem] of [
      ['[]', 'it is not a JSON object'],
      ['null', 'it is not a JSON object'],
      ['"x"', 'it is not a JSON object'],
      ['{"actions":"x"}', 'bad actions'],
    ] as const) {
      it(`wrongly typed: ${text}`, async () => {
        mkdirSync(join(dir, 'close'))
        writeFileSync(file, text)
        const error = await failure(store({check: badActions}).update(setA))
        expect(error.exitCode).to.equal(2)
        expect(error.code).to.equal('config_invalid')
        expect(error.message).to.equal(`The config file ${file} is not a valid close config: ${problem}.`)
        expect(error.hint).to.contain('`close config path`')
        expect(readFileSync(file, 'utf8')).to.equal(text)
      })
    }

    it('unreadable (EACCES)', async () => {
      const mine = store({
        fs: {
          readFileSync() {
            throw fsError('EACCES', 'open')
          },
        },
      })
      const error = await failure(mine.update(setA))
      expect([error.exitCode, error.code]).to.deep.equal([2, 'config_unreadable'])
      expect(error.message).to.equal(`Cannot read the config file ${file} (EACCES).`)
      expect(error.hint).to.contain('`close config path`')
    })

    it('the config path is a directory (EISDIR)', () => {
      mkdirSync(file, {recursive: true})
      expect(() => store().read())
        .to.throw(UsageError)
        .with.property('message', `Cannot read the config file ${file} (EISDIR).`)
    })

    for (const [what, syscall] of [
      ['the directory cannot be created', 'mkdir'],
      ['the lock cannot be created (read-only directory)', 'open'],
    ] as const) {
      it(`unwritable: ${what}`, async () => {
        const fault = {
          [syscall === 'mkdir' ? 'mkdirSync' : 'openSync']() {
            throw fsError('EROFS', syscall)
          },
        }
        const error = await failure(store({fs: fault}).update(setA))
        expect([error.exitCode, error.code]).to.deep.equal([2, 'config_unwritable'])
        expect(error.message).to.equal(
          `Cannot write the config file ${file}: ${join(dir, 'close')} is not writable (EROFS).`,
        )
        expect(error.hint).to.contain('`close config path`')
      })
    }

    it('unwritable: the temp file cannot be written (ENOSPC) → old file kept, temp removed', async () => {
      mkdirSync(join(dir, 'close'))
      writeFileSync(file, '{"a":1}')
      const mine = store({
        fs: {
          fsyncSync() {
            throw fsError('ENOSPC', 'fsync')
          },
        },
      })
      const error = await failure(mine.update(setB))
      expect(error.code).to.equal('config_unwritable')
      expect(readFileSync(file, 'utf8')).to.equal('{"a":1}')
      expect(leftovers()).to.deep.equal([])
    })

    it('XDG_CONFIG_HOME pointing at a file names that file, for reads and writes', async () => {
      const xdg = join(dir, 'not-a-dir')
      writeFileSync(xdg, 'hello')
      const mine = new ConfigStore(join(xdg, 'close', 'config.json'))
      expect(() => mine.read()).to.throw(UsageError, `${xdg} is not a directory`)
      const error = await failure(mine.update(setA))
      expect([error.exitCode, error.code]).to.deep.equal([2, 'config_not_directory'])
      expect(error.message).to.equal(
        `Cannot use the config file ${join(xdg, 'close', 'config.json')}: ${xdg} is not a directory.`,
      )
      expect(error.hint).to.contain('`close config path`')
      expect(readFileSync(xdg, 'utf8')).to.equal('hello')
    })

    it('the config directory itself is a file', async () => {
      writeFileSync(join(dir, 'close'), 'x')
      const error = await failure(store().update(setA))
      expect(error.message).to.equal(`Cannot use the config file ${file}: ${join(dir, 'close')} is not a directory.`)
    })
  })

  describe('the lock', () => {
    it('breaks a lock whose owner process is gone, at once', async () => {
      holdLock({at: Date.now(), host: hostname(), pid: 999_999, token: 'dead'})
      const time = fakeTime()
      const mine = store({isAlive: (pid) => pid !== 999_999, ...time})
      await mine.update(setA)
      expect(onDisk()).to.deep.equal({a: 1})
      expect(time.slept).to.deep.equal([])
      expect(leftovers()).to.deep.equal([])
    })

    it('waits for a live owner and gets the lock once it is released', async () => {
      holdLock({at: Date.now(), host: hostname(), pid: 4242, token: 'live'})
      const time = fakeTime()
      let sleeps = 0
      const mine = store({
        isAlive: () => true,
        now: time.now,
        async sleep(ms) {
          await time.sleep(ms)
          if (++sleeps === 3) rmSync(lock())
        },
      })
      await mine.update(setA)
      expect(sleeps).to.equal(3)
      expect(onDisk()).to.deep.equal({a: 1})
    })

    it('breaks a lock older than staleMs even when its PID seems alive (PID reuse, hung owner)', async () => {
      const time = fakeTime()
      holdLock({at: time.now() - 11_000, host: hostname(), pid: 4242, token: 'old'})
      await store({isAlive: () => true, ...time}).update(setA)
      expect(onDisk()).to.deep.equal({a: 1})
    })

    it('a lock from another host is judged by age only', async () => {
      const time = fakeTime()
      holdLock({at: time.now(), host: 'elsewhere', pid: 999_999, token: 'remote'})
      const mine = store({isAlive: () => false, staleMs: 1000, waitMs: 5000, ...time})
      await mine.update(setA)
      expect(time.slept.reduce((sum, ms) => sum + ms, 0)).to.be.greaterThan(1000)
      expect(onDisk()).to.deep.equal({a: 1})
    })

    it('an empty lock file (owner killed while creating it) is judged by its mtime', async () => {
      holdLock({})
      writeFileSync(lock(), '')
      const old = (Date.now() - 60_000) / 1000
      utimesSync(lock(), old, old)
      const time = fakeTime()
      await store({isAlive: () => true, ...time}).update(setA)
      expect(onDisk()).to.deep.equal({a: 1})
      expect(time.slept).to.deep.equal([])
    })

    it('a breaker left behind by a killed process is removed once stale', async () => {
      const time = fakeTime()
      holdLock({at: time.now() - 60_000, host: hostname(), pid: 4242, token: 'old'})
      writeFileSync(`${lock()}.break`, '')
      const old = (Date.now() - 60_000) / 1000
      utimesSync(`${lock()}.break`, old, old)
      await store({isAlive: () => true, ...time}).update(setA)
      expect(onDisk()).to.deep.equal({a: 1})
      expect(leftovers()).to.deep.equal([])
    })

    it('gives up after waitMs with exit 2 naming the holder and the lock file; nothing written', async () => {
      const time = fakeTime()
      let held = time.now()
      const mine = store({
        isAlive: () => true,
        now: time.now,
        async sleep(ms) {
          await time.sleep(ms)
          // The owner keeps renewing its lock: never stale.
          held = time.now()
          writeFileSync(lock(), JSON.stringify({at: held, host: hostname(), pid: 4242, token: `t${held}`}))
        },
        staleMs: 10_000,
        waitMs: 15_000,
      })
      holdLock({at: held, host: hostname(), pid: 4242, token: 'live'})
      const error = await failure(mine.update(setA))
      expect([error.exitCode, error.code]).to.deep.equal([2, 'config_locked'])
      expect(error.message).to.equal(
        `The config file ${file} stayed locked by another close command for 15 s (held by process 4242 on ${hostname()}).`,
      )
      expect(error.hint).to.equal(
        `If no close command is running, remove ${lock()}; \`close config path\` prints where the config is.`,
      )
      expect(existsSync(file)).to.equal(false)
      expect(time.slept.every((ms) => ms > 0 && ms <= 75)).to.equal(true)
    })

    it('release leaves alone a lock that was broken and re-taken by someone else', async () => {
      mkdirSync(join(dir, 'close'))
      const fileLock = new FileLock(lock())
      await fileLock.run(() => {
        writeFileSync(lock(), JSON.stringify({at: Date.now(), host: hostname(), pid: 4242, token: 'theirs'}))
      })
      expect(JSON.parse(readFileSync(lock(), 'utf8')).token).to.equal('theirs')
    })
  })

  describe('20 processes at once', function () {
    this.timeout(120_000)

    it('lose no key, no action-cache entry and no connection change', async () => {
      const settingsUrl = pathToFileURL(await bundled('src/session/settings.ts', join(dir, 'settings.mjs'))).href
      const script = join(dir, 'writer.mjs')
      // Each child: wait for "go", then per round set its own pref, cache its own action IDs
      // (as ActionDirectory does) and switch the connection while counting under the lock.
      writeFileSync(
        script,
        `const {Settings} = await import(${JSON.stringify(settingsUrl)})
const [configDir, index, rounds] = process.argv.slice(2)
const settings = new Settings(configDir)
process.send('ready')
await new Promise((resolve) => process.once('message', resolve))
for (let round = 0; round < Number(rounds); round++) {
  const tag = index + '_' + round
  await settings.update((data) => { data.prefs = {...data.prefs, ['k' + tag]: tag} })
  for (const key of ['a', 'b']) {
    await settings.update((data) => {
      data.actions ??= {}
      data.actions.conn_shared ??= {}
      data.actions.conn_shared[key + tag] = {id: 'act_' + key + tag}
    })
  }
  await settings.transact((data) => {
    const seq = (data.counter ?? 0) + 1
    data.counter = seq
    data.connection = {id: 'conn_' + tag, name: String(seq)}
  })
}
process.send('done')
`,
      )
      const configDir = join(dir, 'close')
      const processes = 20
      const rounds = 3
      const children = Array.from({length: processes}, (_, index) =>
        fork(script, [configDir, String(index), String(rounds)], {
          execArgv: [],
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        }),
      )
      const stderr: string[] = []
      for (const child of children) child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
      const when = (child: (typeof children)[number], message: string) =>
        new Promise<void>((resolve_, reject) => {
          child.on('message', (got) => got === message && resolve_())
          child.on('exit', (code) => reject(new Error(`child exited ${code} before "${message}": ${stderr.join('')}`)))
        })
      await Promise.all(children.map((child) => when(child, 'ready')))
      const done = children.map((child) => when(child, 'done'))
      for (const child of children) child.send('go')
      await Promise.all(done)
      await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : 0)))

      const data = onDisk() as {
        actions: Record<string, Record<string, {id: string}>>
        connection: {id: string; name: string}
        counter: number
        prefs: Record<string, string>
      }
      const tags = Array.from({length: processes}, (_, index) =>
        Array.from({length: rounds}, (__, round) => `${index}_${round}`),
      ).flat()
      expect(Object.keys(data.prefs).sort()).to.deep.equal(tags.map((tag) => `k${tag}`).sort())
      expect(Object.keys(data.actions.conn_shared).sort()).to.deep.equal(
        tags.flatMap((tag) => [`a${tag}`, `b${tag}`]).sort(),
      )
      // Every connection switch counted once, and the last one is the one kept.
      expect(data.counter).to.equal(processes * rounds)
      expect(data.connection.name).to.equal(String(processes * rounds))
      expect(leftovers()).to.deep.equal([])
      expect(mode(file)).to.equal('600')
      expect(stderr.join('')).to.equal('')
    })
  })
})
