/**
 * Helpers for the Membrane layer's tests: a gateway pointed at the fake `membrane` of
 * test/fixtures/bin, with its argv log and counters in a temp dir.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {type GatewayOptions, MembraneGateway} from '../../../src/membrane/gateway.js'
import {installTestSpawner} from '../../helpers/membrane-port.js'
import {ROOT} from '../../helpers/root.js'

export const BIN_DIR = join(ROOT, 'test', 'fixtures', 'bin')
export const FAKE = join(BIN_DIR, 'membrane-fake')
export const FIXTURES = resolve(BIN_DIR, '..', 'membrane')

/** IDs the fake knows. */
export const CLOSE_CONNECTION_ID = '6eaac8d82f01b7210760474f'
export const CLOSE_CONNECTOR_ID = '36e8b5359309cc6273931bdb'

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T
}

export class FakeMembrane {
  readonly debugLines: string[] = []
  readonly dir: string
  readonly sleeps: number[] = []

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'close-membrane-test-'))
  }

  get logFile(): string {
    return join(this.dir, 'argv.ndjson')
  }

  get stateFile(): string {
    return join(this.dir, 'state.json')
  }

  /** Every argv the fake received, in order. */
  calls(): string[][] {
    if (!existsSync(this.logFile)) return []
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[])
  }

  /** A gateway spawning the fake in `scenario`, with a stubbed sleep that records its waits. */
  gateway(scenario: string, env: Record<string, string> = {}, options: Partial<GatewayOptions> = {}): MembraneGateway {
    return new MembraneGateway({
      binPath: FAKE,
      debug: (line) => this.debugLines.push(line),
      env: {
        FAKE_MEMBRANE_LOG: this.logFile,
        FAKE_MEMBRANE_SCENARIO: scenario,
        FAKE_MEMBRANE_STATE: this.stateFile,
        ...env,
      },
      sleep: async (ms) => {
        this.sleeps.push(ms)
      },
      timeoutMs: 20_000,
      ...options,
    })
  }

  /** PIDs of the fake processes started so far. */
  pids(): number[] {
    if (!existsSync(this.stateFile)) return []
    return (JSON.parse(readFileSync(this.stateFile, 'utf8')) as {pids: number[]}).pids
  }

  remove(): void {
    rmSync(this.dir, {force: true, recursive: true})
  }
}

export {isAlive} from '../../helpers/processes.js'

/** Wait (polling, no fixed delay asserted) until `check` holds. */
export async function until(check: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`)

    await new Promise((resolve) => {
      setTimeout(resolve, 20)
    })
  }
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }

  throw new Error('expected a rejection, but the promise resolved')
}

/**
 * For a describe block whose point is what Membrane answers, not the process: while installed, the
 * fake runs in this process (test/helpers/membrane-port.ts), unless its scenario needs a real one
 * (a hang to kill). `before(fakes.install); after(fakes.restore)`.
 */
export function inProcessFakes(): {install(): Promise<void>; restore(): void} {
  let restore: (() => void) | undefined
  return {
    async install() {
      restore = await installTestSpawner({record() {}, sandboxDir: tmpdir()})
    },
    restore() {
      restore?.()
    },
  }
}
