/**
 * In-process command tests: run `close ARGS…` inside the test process, as oclif's bin would (the
 * commands loaded from src/ through tsx; no build needed), and return what the user sees — stdout,
 * stderr, the exit code — and the argv of every Membrane call.
 *
 * Each run gets its own environment (HOME, XDG dirs, TZ, PATH only, plus what the test passes), its
 * own stdin (closed, or the text given), TTY flags as asked, and output captured by swapping
 * `process.stdout.write`/`process.stderr.write` (like @oclif/test's captureOutput). Membrane calls
 * go through the gateway's spawner port (test/helpers/membrane-port.ts): with `--sandbox` to the
 * sandbox's `main` in this process; otherwise to `membrane` (a stub, the sandbox, or a real fixture
 * under test/fixtures/bin named by CLOSE_MEMBRANE_BIN).
 *
 *   const home = new CommandHome()          // one throwaway HOME for the file (or per test)
 *   after(() => home.remove())
 *   const result = await home.run(['leads', 'get', id, '--json', '--sandbox'])
 *   expect(result.exitCode, result.stderr).to.equal(0)
 *   expect(result.calls).to.deep.equal([[…argv sent to membrane…]])
 */
import type {Config} from '@oclif/core'

import fs, {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import {createRequire, syncBuiltinESMExports} from 'node:module'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {Readable} from 'node:stream'

import {installTestSpawner, type Route, VirtualClock} from './membrane-port.js'
import {CODE_ROOT, COMPILED, ROOT} from './root.js'

export type {MembraneStub, StubAnswer} from './membrane-port.js'

export const FAKE_BIN_DIR = join(ROOT, 'test', 'fixtures', 'bin')

export {ROOT} from './root.js'

export interface CommandResult {
  /** The argv of every Membrane call, in order (without the executable). */
  calls: string[][]
  exitCode: number
  stderr: string
  stdout: string
}

export interface RunOptions {
  /** Terminal width reported by stdout/stderr when they are TTYs. */
  columns?: number
  /** Working directory during the run (default: the home dir). */
  cwd?: string
  /** Environment on top of the isolated one; `undefined` removes a variable. */
  env?: Record<string, string | undefined>
  /** The home dir (HOME, XDG_*): default a fresh temp dir removed after the run. */
  home?: string
  /**
   * Where Membrane calls go when the command does not run the sandbox executable itself
   * (`--sandbox` always reaches the in-process sandbox): `spawn` (default; the executable
   * CLOSE_MEMBRANE_BIN names, e.g. a fault fixture), `sandbox` (the in-process sandbox), or a stub.
   */
  membrane?: Route
  /** Default: stdinTTY. Prompts need stdin and stderr on a terminal. */
  stderrTTY?: boolean
  /** Text on stdin (default: a closed, empty stdin). */
  stdin?: string
  stdinTTY?: boolean
  stdoutTTY?: boolean
}

let configPromise: Promise<Config> | undefined

/**
 * oclif's Config for this project, loaded once per test process. The commands are the ones the test
 * itself imports: src/ through tsx, or `.test-build/src` when compiled (its package.json names them).
 */
export async function loadConfig(): Promise<Config> {
  configPromise ??= (async () => {
    // Help wraps at this width, as it does for a piped `close` (oclif reads it when first loaded).
    process.env.OCLIF_COLUMNS ??= '80'
    const {Config, settings} = await import('@oclif/core')
    settings.enableAutoTranspile = !COMPILED
    const config = await Config.load({root: CODE_ROOT})
    // A built oclif.manifest.json names dist/ files; without them oclif finds each under its commands dir.
    const own = config.plugins.get(config.pjson.name) as undefined | {manifest?: {commands: Record<string, object>}}
    for (const command of Object.values(own?.manifest?.commands ?? {}))
      delete (command as {relativePath?: unknown}).relativePath
    return config
  })()
  return configPromise
}

/** The environment a run sees: like a user's shell in an empty home (see test/helpers/cli.ts). */
export function isolatedEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    LANG: 'C.UTF-8',
    NODE_ENV: process.env.NODE_ENV,
    OCLIF_COLUMNS: process.env.OCLIF_COLUMNS,
    PATH: process.env.PATH,
    TZ: 'UTC',
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }

  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
  return env
}

function assignEnv(values: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in values)) delete process.env[key]
  for (const [key, value] of Object.entries(values)) if (value !== undefined) process.env[key] = value
}

/** Replace process.env's contents (same object: Node's TZ handling and child env keep working). */
function swapEnv(next: NodeJS.ProcessEnv): () => void {
  const saved = {...process.env}
  assignEnv(next)
  return () => assignEnv(saved)
}

type Patch = () => void

function patchProperty<T extends object>(target: T, key: PropertyKey, value: unknown): Patch {
  const own = Object.getOwnPropertyDescriptor(target, key)
  Object.defineProperty(target, key, {configurable: true, value, writable: true})
  return () => {
    if (own) Object.defineProperty(target, key, own)
    else delete (target as Record<PropertyKey, unknown>)[key]
  }
}

function patchGetter<T extends object>(target: T, key: PropertyKey, get: () => unknown): Patch {
  const own = Object.getOwnPropertyDescriptor(target, key)
  Object.defineProperty(target, key, {configurable: true, get})
  return () => {
    if (own) Object.defineProperty(target, key, own)
    else delete (target as Record<PropertyKey, unknown>)[key]
  }
}

/** The stream writes, captured; the write callback is called as a real stream would. */
function capture(stream: NodeJS.WriteStream, sink: string[]): Patch {
  const write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    const done = typeof encoding === 'function' ? encoding : callback
    if (typeof done === 'function') process.nextTick(done as () => void)
    return true
  }

  return patchProperty(stream, 'write', write)
}

/** The stdin text of the run in progress, for readFileSync(0); undefined between runs. */
let runStdin: string | undefined
let stdinReadsWrapped = false

/**
 * `readFileSync(0)` (and `readFileSync('/dev/stdin')`) read the run's stdin, not the test runner's.
 * node:fs's `readFileSync` is replaced once per process (an ESM import of it sees the change only
 * after `syncBuiltinESMExports()`, which re-reads every loaded built-in module): between runs the
 * replacement passes every call on.
 */
function patchStdinReads(text: string): Patch {
  if (!stdinReadsWrapped) {
    stdinReadsWrapped = true
    const original = fs.readFileSync
    fs.readFileSync = ((path: unknown, options?: unknown) => {
      if (runStdin !== undefined && (path === 0 || path === '/dev/stdin')) {
        const encoding = typeof options === 'string' ? options : (options as undefined | {encoding?: string})?.encoding
        return encoding ? runStdin : Buffer.from(runStdin)
      }

      return (original as (...args: unknown[]) => unknown)(path, options)
    }) as typeof fs.readFileSync
    syncBuiltinESMExports()
  }

  runStdin = text
  return () => {
    runStdin = undefined
  }
}

/**
 * oclif's `run` reloads the Config it is given (a fresh copy: plugins, commands, permutations and
 * topics computed again, ~5 ms of CPU a run). Here the loaded one is used as it is, its dirs pointed
 * at the run's environment (pointConfigAt): what the reload would compute differently is only what
 * Config.load reads from the environment.
 */
function reuseConfig(config: Config, Loader: typeof Config): Patch {
  const {load} = Loader
  Loader.load = (async (options?: Parameters<typeof load>[0]) =>
    options === config ? config : load.call(Loader, options)) as typeof load
  return () => {
    Loader.load = load
  }
}

type UsableIds = (commandIds: string[]) => Set<string>
const usableIds = new WeakMap<string[], Set<string>>()
const require = createRequire(import.meta.url)
// Not among the package's exports: by path, the very module oclif's own files require.
const oclifUtil = require(join(dirname(require.resolve('@oclif/core/package.json')), 'lib', 'config', 'util.js')) as {
  collectUsableIds: UsableIds
}

/**
 * oclif's `collectUsableIds` (every command ID and each of its prefixes, as a Set), kept per array
 * of IDs. oclif's `run` and `Command.init` each build it anew from `config.commandIDs` (one array
 * per Config) to read the command ID off argv: ~0.5 ms a time, so ~1 ms a run, where a process
 * runs one command and a test process ~1,000. Its callers only read the Set.
 */
function reuseUsableIds(): Patch {
  const {collectUsableIds} = oclifUtil
  oclifUtil.collectUsableIds = (commandIds) => {
    let ids = usableIds.get(commandIds)
    if (!ids) usableIds.set(commandIds, (ids = collectUsableIds(commandIds)))
    return ids
  }

  return () => {
    oclifUtil.collectUsableIds = collectUsableIds
  }
}

/** oclif's dirs for this environment, as Config.load computes them. */
function pointConfigAt(config: Config, env: NodeJS.ProcessEnv): Patch {
  const home = env.HOME ?? tmpdir()
  const saved = {cacheDir: config.cacheDir, configDir: config.configDir, dataDir: config.dataDir, home: config.home}
  config.home = home
  config.configDir = env.CLOSE_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(home, '.config'), 'close')
  config.dataDir = env.CLOSE_DATA_DIR || join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'close')
  config.cacheDir = env.CLOSE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(home, '.cache'), 'close')
  return () => Object.assign(config, saved)
}

let running = false
/** One clock for the test process: time seen by commands only moves forward, run after run. */
const clock = new VirtualClock()

/**
 * Run `close ARGV…` in this process. Never rejects on a failing command: its exit code is in the
 * result. Runs one at a time (they share process.env and the streams).
 */
export async function runCommand(argv: string[], options: RunOptions = {}): Promise<CommandResult> {
  if (running) throw new Error('runCommand: one command at a time (they share process.env and stdio)')
  running = true
  try {
    return await runAlone(argv, options)
  } finally {
    running = false
  }
}

async function runAlone(argv: string[], options: RunOptions): Promise<CommandResult> {
  const config = await loadConfig()
  const {Config: Loader, run} = await import('@oclif/core')
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'close-cmd-'))
  const env = isolatedEnv(home, options.env)
  const out: string[] = []
  const err: string[] = []
  const calls: string[][] = []
  const cwd = process.cwd()
  const previousExitCode = process.exitCode
  const sigint = new Set(process.listeners('SIGINT'))
  const patches: Patch[] = [
    swapEnv(env),
    pointConfigAt(config, env),
    reuseConfig(config, Loader),
    reuseUsableIds(),
    ...patchTerminal(options),
    capture(process.stdout, out),
    capture(process.stderr, err),
    await patchSpawner({
      calls,
      route: options.membrane,
      sandboxDir: join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'close', 'sandbox'),
    }),
  ]
  let exitCode: number | undefined
  try {
    mkdirSync(options.cwd ?? home, {recursive: true})
    process.chdir(options.cwd ?? home)
    clock.install()
    process.exitCode = undefined
    try {
      await run(argv, config)
    } catch (error) {
      exitCode = await handleThrown(error as Error & {oclif?: {exit?: number}})
    }

    exitCode ??= Number(process.exitCode ?? 0)
  } finally {
    clock.uninstall()
    process.chdir(cwd)
    process.exitCode = previousExitCode
    for (const listener of process.listeners('SIGINT'))
      if (!sigint.has(listener)) process.removeListener('SIGINT', listener)
    for (const restore of patches.reverse()) restore()
    if (options.home === undefined) rmSync(home, {force: true, recursive: true})
  }

  return {calls, exitCode, stderr: err.join(''), stdout: out.join('')}
}

/** stdin (closed or the given text) and the TTY flags and widths of the three streams. */
function patchTerminal(options: RunOptions): Patch[] {
  const stdinTTY = options.stdinTTY ?? false
  const stdoutTTY = options.stdoutTTY ?? false
  const stderrTTY = options.stderrTTY ?? stdinTTY
  const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [options.stdin]), {
    isTTY: stdinTTY || undefined,
    setRawMode: () => stdin,
  })
  return [
    patchGetter(process, 'stdin', () => stdin),
    patchStdinReads(options.stdin ?? ''),
    patchProperty(process.stdout, 'isTTY', stdoutTTY || undefined),
    patchProperty(process.stderr, 'isTTY', stderrTTY || undefined),
    patchProperty(process.stdout, 'columns', stdoutTTY ? (options.columns ?? 100) : undefined),
    patchProperty(process.stderr, 'columns', stderrTTY ? (options.columns ?? 100) : undefined),
  ]
}

/** The gateway's spawner swapped for the test port (membrane-port.ts); real children still possible. */
function patchSpawner(options: {calls: string[][]; route?: Route; sandboxDir: string}): Promise<Patch> {
  const record = (args: string[]) => options.calls.push([...args])
  // A real child's timeouts and kill timers run on real time: the clock stops warping while one runs.
  return installTestSpawner({record, route: options.route, sandboxDir: options.sandboxDir}, async (started) => {
    clock.children++
    const child = await started.catch((error: unknown) => {
      clock.children--
      throw error
    })
    child.finished.then(
      () => clock.children--,
      () => clock.children--,
    )
    return child
  })
}

/** What oclif's bin does with an error that left the command: print it (oclif's way), exit with its code. */
export async function handleThrown(error: Error & {oclif?: {exit?: number}}): Promise<number> {
  const {Exit, handle} = await import('@oclif/core/handle')
  const {exit} = Exit
  let code = 1
  Exit.exit = ((c = 0) => {
    code = c
  }) as typeof Exit.exit
  try {
    await handle(error)
  } finally {
    Exit.exit = exit
  }

  return code
}

/**
 * A throwaway home for a group of runs (state kept between them: config, caches, sandbox data),
 * with the same shape as the e2e TestHome: `run(args, env, stdin)`.
 */
export class CommandHome {
  readonly dir: string

  /**
   * `freshSandbox`: let the sandbox seed itself on first use, as for a user. By default the first
   * run that reaches the sandbox starts from a copy of one seeded once per test process (the same
   * demo organization, seeded in 2 s instead of per home).
   */
  constructor(private readonly defaults: Omit<RunOptions, 'home'> & {freshSandbox?: boolean} = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'close-cmd-'))
  }

  get configDir(): string {
    return join(this.dir, 'config', 'close')
  }

  get dataDir(): string {
    return join(this.dir, 'data', 'close')
  }

  get sandboxDir(): string {
    return join(this.dataDir, 'sandbox')
  }

  /** The config file as JSON ({} when absent). */
  config(): Record<string, unknown> {
    const file = join(this.configDir, 'config.json')
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  }

  remove(): void {
    rmSync(this.dir, {force: true, recursive: true})
  }

  /** Run `close ARGS…` in this home. */
  run(args: string[], env: Record<string, string | undefined> = {}, stdin?: string): Promise<CommandResult> {
    return this.runWith(args, {env, stdin})
  }

  /** Run with any RunOptions (TTYs, a stub membrane…); env is merged over the home's defaults. */
  async runWith(args: string[], options: Omit<RunOptions, 'home'> = {}): Promise<CommandResult> {
    const {freshSandbox, ...defaults} = this.defaults
    const sandbox = args.includes('--sandbox') || (options.membrane ?? defaults.membrane) === 'sandbox'
    if (sandbox && !freshSandbox) await linkSeededSandbox(this.sandboxDir)
    return runCommand(args, {
      ...defaults,
      ...options,
      env: {...defaults.env, ...options.env},
      home: this.dir,
    })
  }
}

/**
 * The template's directories made afresh, its files hard-linked: the sandbox never changes a file
 * in place (a commit writes new files into a new generation directory and renames meta.json over;
 * its state files are replaced by rename too), so a home's writes never reach the template.
 */
function linkDir(from: string, to: string): void {
  mkdirSync(to, {recursive: true})
  for (const entry of readdirSync(from, {withFileTypes: true})) {
    if (entry.isDirectory()) linkDir(join(from, entry.name), join(to, entry.name))
    else linkOrCopy(join(from, entry.name), join(to, entry.name))
  }
}

/** A hard link, or a copy where the file system has none (ENOTSUP, EPERM, EXDEV). */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to)
  } catch (error) {
    if (!['ENOTSUP', 'EPERM', 'EXDEV'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error
    copyFileSync(from, to)
  }
}

let template: Promise<string> | undefined

/** Give `sandboxDir` the sandbox seeded once per test process (seededSandbox), linked, unless it has one. */
export async function linkSeededSandbox(sandboxDir: string): Promise<void> {
  if (!existsSync(sandboxDir)) linkDir(await seededSandbox(), sandboxDir)
}

/**
 * A sandbox seeded once per test process (the demo organization, as `close --sandbox` seeds it on
 * first use); a home starts from it with `linkSeededSandbox(home.sandboxDir)`.
 */
export async function seededSandbox(): Promise<string> {
  template ??= (async () => {
    const home = new CommandHome({freshSandbox: true})
    const result = await home.run(['leads', 'list', '--limit', '1', '--sandbox', '--json'])
    if (result.exitCode !== 0) throw new Error(`seeding the sandbox failed: ${result.stderr}`)
    process.once('exit', () => home.remove())
    return home.sandboxDir
  })()
  return template
}
