/**
 * In-process Membrane for unit tests: a spawner (membrane/spawn.ts `setSpawner`) that answers each
 * argv from a script and records what was sent, so no process is started.
 */
import {type GatewayOptions, MembraneGateway} from '../../../src/membrane/gateway.js'
import {type Child, type ChildOutcome, type ChildSpec, setSpawner} from '../../../src/membrane/spawn.js'

export interface Answer {
  exitCode?: number
  /** Never finish until stopped (signal tests). */
  hang?: boolean
  stderr?: string
  stdout?: string
}

export type Script = (args: string[], call: number) => Answer

export interface ScriptedMembrane {
  calls: string[][]
  debug: string[]
  gateway(options?: Partial<GatewayOptions>): MembraneGateway
  restore(): void
  sleeps: number[]
  specs: ChildSpec[]
  stopped: number
}

function noop(): void {}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

/** `stdout` = the value as pretty JSON, exit 0. */
export function ok(value: unknown): Answer {
  return {exitCode: 0, stdout: json(value)}
}

/** A Membrane error object on stdout, exit 1. */
export function fails(value: unknown, stderr = ''): Answer {
  return {exitCode: 1, stderr, stdout: json(value)}
}

/** Install a scripted spawner; `restore()` puts the real one back. */
export function scripted(script: Script): ScriptedMembrane {
  const state: ScriptedMembrane = {
    calls: [],
    debug: [],
    gateway(options = {}) {
      return new MembraneGateway({
        binPath: '/fake/membrane',
        debug: (line) => state.debug.push(line),
        async sleep(ms) {
          state.sleeps.push(ms)
        },
        timeoutMs: 5000,
        ...options,
      })
    },
    restore() {
      setSpawner(previous)
    },
    sleeps: [],
    specs: [],
    stopped: 0,
  }
  const previous = setSpawner(async (spec): Promise<Child> => {
    state.calls.push(spec.args)
    state.specs.push(spec)
    const answer = script(spec.args, state.calls.length)
    const outcome = (signal?: string): ChildOutcome => ({
      durationMs: 1,
      exitCode: signal ? undefined : (answer.exitCode ?? 0),
      isCanceled: false,
      isMaxBuffer: false,
      signal,
      stderr: answer.stderr ?? '',
      stdout: answer.stdout ?? '',
      timedOut: false,
    })
    if (!answer.hang) return {finished: Promise.resolve(outcome()), onOutput() {}, stop() {}}
    let finish: (value: ChildOutcome) => void = noop
    const finished = new Promise<ChildOutcome>((resolve) => {
      finish = resolve
    })
    let done = false
    const stop = (): void => {
      if (done) return
      done = true
      state.stopped++
      finish(outcome('SIGTERM'))
    }

    spec.signal?.addEventListener('abort', stop, {once: true})
    return {finished, kill: () => finish(outcome('SIGKILL')), onOutput() {}, stop}
  })
  return state
}
