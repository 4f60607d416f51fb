/**
 * Test ports for the gateway's spawner (src/membrane/spawn.ts, `setSpawner`): Membrane calls answered
 * in-process, each argv recorded.
 *
 * - the sandbox: the `membrane-sandbox` executable's `main(argv, io, env)` from src/sandbox/main.ts,
 *   called in this process with the child's environment (CLOSE_SANDBOX_DIR from the gateway);
 * - a stub: `(args) => ({stdout, stderr, exitCode})`;
 * - the fake membranes of test/fixtures/bin (fake-membrane-core.mjs's `runFake`), called in this
 *   process with the environment the child would get, unless their scenario needs a real process
 *   (a hang that must be killed); any other executable is spawned for real.
 *
 * The CLI and the in-process sandbox keep time through `Date.now()` and `setTimeout`: VirtualClock
 * lets a poll interval or the sandbox's "READY 2 s later" pass without waiting.
 */
import {existsSync} from 'node:fs'
import {syncBuiltinESMExports} from 'node:module'
import {basename, dirname, join, resolve} from 'node:path'
import timers from 'node:timers/promises'

import type {Child, ChildOutcome, ChildSpec, Spawner} from '../../src/membrane/spawn.js'

import {ROOT} from './root.js'

/** What a stub answers for one Membrane call. */
export interface StubAnswer {
  exitCode?: number
  stderr?: string
  stdout?: string
}

/** Answers one Membrane call in-process: its argv (without the executable) and the whole spec. */
export type MembraneStub = (args: string[], spec: ChildSpec) => Promise<StubAnswer> | StubAnswer

/** Where the gateway sends each call: in-process (stub or sandbox), or a real process. */
export type Route = 'sandbox' | 'spawn' | MembraneStub

/**
 * Time as the CLI and the in-process sandbox see it: real time plus an offset. While installed,
 * a timer of `warpFromMs` or more (a poll interval, a "READY 2 s later") fires at once and moves
 * the clock forward by its delay, so waiting costs nothing and what happens in between is the
 * same. Not while a real child process runs: its timeout must stay real.
 */
export class VirtualClock {
  /** Real children running (their timeouts and kill timers are real time). */
  children = 0
  offsetMs = 0
  private original?: {now: () => number; setTimeout: typeof setTimeout}

  constructor(readonly warpFromMs = 200) {}

  advance(ms: number): void {
    this.offsetMs += ms
  }

  install(): void {
    if (this.original) return
    const original = {now: Date.now, setTimeout: globalThis.setTimeout}
    this.original = original
    Date.now = () => original.now() + this.offsetMs
    const warped = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const delay = Number(ms ?? 0)
      if (this.children > 0 || !(delay >= this.warpFromMs)) return original.setTimeout(callback, ms, ...args)
      return original.setTimeout(() => {
        this.advance(delay)
        callback(...args)
      }, 0)
    }

    globalThis.setTimeout = Object.assign(warped, original.setTimeout) as typeof setTimeout
    wrapSleep()
    warpedSleep = (ms, value, options) => this.sleep(ms, value, options)
  }

  /** `await setTimeout(ms)` from node:timers/promises (the gateway's retry backoff) while installed. */
  async sleep(ms?: number, value?: unknown, options?: {signal?: AbortSignal}): Promise<unknown> {
    const delay = Number(ms ?? 0)
    if (this.children > 0 || !(delay >= this.warpFromMs)) return realSleep(ms, value, options)
    await realSleep(0, undefined, options)
    this.advance(delay)
    return value
  }

  uninstall(): void {
    if (!this.original) return
    Date.now = this.original.now
    globalThis.setTimeout = this.original.setTimeout
    warpedSleep = undefined
    this.original = undefined
  }
}

type Sleep = (ms?: number, value?: unknown, options?: {signal?: AbortSignal}) => Promise<unknown>
/** The installed VirtualClock's `sleep`, if one is installed. */
let warpedSleep: Sleep | undefined
const realSleep = timers.setTimeout
let sleepWrapped = false

/**
 * node:timers/promises' `setTimeout`, replaced once per process by one that asks the installed
 * VirtualClock, if any (else it is the real one). An ESM import of it sees the change only after
 * `syncBuiltinESMExports()`, which re-reads every loaded built-in module (~0.3 ms): once, not twice a run.
 */
function wrapSleep(): void {
  if (sleepWrapped) return
  sleepWrapped = true
  timers.setTimeout = ((ms, value, options) =>
    (warpedSleep ?? realSleep)(ms, value, options)) as Sleep as typeof timers.setTimeout
  syncBuiltinESMExports()
}

/** What an in-process call writes: kept for the outcome and streamed to the gateway's listeners. */
interface CallIo {
  stderr(text: string): void
  stdout(text: string): void
}

/**
 * A finished in-process child, its output delivered to listeners as it was written. `run` writes
 * through the io it is given (the sandbox, a fake) or returns its output (a stub).
 */
function inProcessChild(run: (io: CallIo) => Promise<StubAnswer>): Child {
  const listeners: Array<(text: string) => void> = []
  const started = performance.now()
  const output = {stderr: '', stdout: ''}
  const writer = (stream: 'stderr' | 'stdout') => (text: string) => {
    output[stream] += text
    for (const listener of listeners) listener(text)
  }

  const finished: Promise<ChildOutcome> = (async () => {
    // Let the gateway attach its listeners first, as it does with a real child.
    await Promise.resolve()
    const answer = await run({stderr: writer('stderr'), stdout: writer('stdout')})
    return {
      durationMs: Math.round(performance.now() - started),
      exitCode: answer.exitCode ?? 0,
      isCanceled: false,
      isMaxBuffer: false,
      stderr: output.stderr + (answer.stderr ?? ''),
      stdout: output.stdout + (answer.stdout ?? ''),
      timedOut: false,
    }
  })()
  return {
    finished,
    onOutput(listener) {
      listeners.push(listener)
    },
    stop() {},
  }
}

let sandboxMain: Promise<(typeof import('../../src/sandbox/main.js'))['main']> | undefined

/** The sandbox's `main`, loaded once; this process answers every call, so it keeps parsed data files. */
function loadSandbox(): NonNullable<typeof sandboxMain> {
  sandboxMain ??= Promise.all([import('../../src/sandbox/main.js'), import('../../src/sandbox/close/index.js')]).then(
    ([{main}, {keepParsedFiles}]) => {
      keepParsedFiles()
      return main
    },
  )
  return sandboxMain
}

/** Run one call through the sandbox's `main` in this process. */
export function sandboxChild(spec: ChildSpec, defaults: {sandboxDir: string}): Child {
  return inProcessChild(async (callIo) => {
    const main = await loadSandbox()
    const io = {...callIo, stdinIsTTY: false}
    const env = {...process.env, CLOSE_SANDBOX_DIR: defaults.sandboxDir, ...spec.env}
    // A test that wrote faults.json into the sandbox dir gets the fault-injecting wrapper
    // (test/fixtures/sandbox-faults); the shipped sandbox has no such hook.
    const dir = env.CLOSE_SANDBOX_DIR ?? defaults.sandboxDir
    if (existsSync(join(dir, 'faults.json'))) {
      const [{withFaults}, {openEmulator}] = await Promise.all([
        import('../fixtures/sandbox-faults/faults.mjs'),
        import('../../src/sandbox/membrane/close-api.js'),
      ])
      return {exitCode: await withFaults({main, openClose: openEmulator})(spec.args, io, env)}
    }

    return {exitCode: await main(spec.args, io, env)}
  })
}

const FAKES_DIR = join(ROOT, 'test', 'fixtures', 'bin')

/** The scenario a fake of test/fixtures/bin plays for `spec`, when it can play it in-process. */
async function inProcessScenario(spec: ChildSpec): Promise<string | undefined> {
  if (dirname(resolve(spec.file)) !== FAKES_DIR) return undefined
  const {PROCESS_ONLY, scenarioOf} = await import('../fixtures/bin/fake-membrane-core.mjs')
  const env = {...process.env, ...spec.env}
  const scenario = scenarioOf(basename(spec.file), env)
  return scenario && !PROCESS_ONLY.has(scenario) && env.FAKE_MEMBRANE_PROCESS !== '1' ? scenario : undefined
}

/** One call of a fake membrane, in this process, with the child's environment (as startChild builds it). */
function fakeChild(spec: ChildSpec, scenario: string): Child {
  return inProcessChild(async (callIo) => {
    const {runFake} = await import('../fixtures/bin/fake-membrane-core.mjs')
    const env = {...process.env, ...spec.env, FAKE_MEMBRANE_SCENARIO: scenario}
    const io = {
      ...callIo,
      hang() {
        throw new Error(`fake membrane: scenario ${scenario} needs a real process`)
      },
      ignoreSigterm() {},
      pid: process.pid,
      stdinIsTTY: false,
    }
    return {exitCode: runFake(spec.args, env, io)}
  })
}

export interface PortOptions {
  /** Receives the argv of every call, in order. */
  record: (args: string[]) => void
  /** Where calls to anything but the sandbox executable go (default: `spawn`). */
  route?: Route
  /** The sandbox dir used when the gateway names none (calls to `membrane` routed to the sandbox). */
  sandboxDir: string
  /** Starts a real process (the spawner that was in force). */
  spawnReal: (spec: ChildSpec) => Promise<Child>
}

/** The spawner a command test installs with `setSpawner`. */
export function testSpawner(options: PortOptions): Spawner {
  return async (spec) => {
    options.record(spec.args)
    const route = spec.file.endsWith('membrane-sandbox.js') ? 'sandbox' : (options.route ?? 'spawn')
    if (route === 'sandbox') return sandboxChild(spec, options)
    if (route === 'spawn') {
      const scenario = await inProcessScenario(spec)
      return scenario ? fakeChild(spec, scenario) : options.spawnReal(spec)
    }

    return inProcessChild(async () => route(spec.args, spec))
  }
}

/**
 * Install testSpawner as the gateway's spawner; a real process goes through the spawner that was
 * in force (`watch` sees each one start). Returns the function that puts that spawner back.
 */
export async function installTestSpawner(
  options: Omit<PortOptions, 'spawnReal'>,
  watch: (started: Promise<Child>) => Promise<Child> = (started) => started,
): Promise<() => void> {
  const {setSpawner, startProcess} = await import('../../src/membrane/spawn.js')
  const port = testSpawner({
    ...options,
    spawnReal(spec) {
      // startProcess reads the spawner in force before its first await: the real one, then the port again.
      setSpawner(previous)
      const started = startProcess(spec)
      setSpawner(port)
      return watch(started)
    },
  })
  const previous = setSpawner(port)
  return () => setSpawner(previous)
}
