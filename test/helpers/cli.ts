/**
 * Real-spawn helper (test/e2e start-up tests, test/tmux): runs the built CLI (`bin/run.js`) as a user would, in an isolated HOME and
 * XDG dirs, with stdin closed (not a TTY), and returns exactly what the user would see.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from './root.js'

export {ROOT} from './root.js'
export const RUN = join(ROOT, 'bin', 'run.js')
export const FAKE_BIN_DIR = join(ROOT, 'test', 'fixtures', 'bin')

export interface CliResult {
  exitCode: number
  stderr: string
  stdout: string
}

/** A throwaway home for one test file: HOME, config, data and cache dirs under one temp folder. */
export class TestHome {
  readonly dir: string

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'close-e2e-'))
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

  env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      HOME: this.dir,
      LANG: 'C.UTF-8',
      PATH: process.env.PATH,
      TZ: 'UTC',
      XDG_CACHE_HOME: join(this.dir, 'cache'),
      XDG_CONFIG_HOME: join(this.dir, 'config'),
      XDG_DATA_HOME: join(this.dir, 'data'),
    }
    for (const [key, value] of Object.entries(extra)) {
      if (value === undefined) delete env[key]
      else env[key] = value
    }

    return env
  }

  remove(): void {
    rmSync(this.dir, {force: true, recursive: true})
  }

  /** Run `close ARGS…` and wait for it. Never rejects on a non-zero exit. */
  run(args: string[], extraEnv: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
    return new Promise((resolvePromise) => {
      const child = execFile(
        process.execPath,
        [RUN, ...args],
        {cwd: this.dir, env: this.env(extraEnv), maxBuffer: 64 * 1024 * 1024, timeout: 60_000},
        (error, stdout, stderr) => {
          const code =
            error && typeof (error as {code?: unknown}).code === 'number' ? (error as {code: number}).code : 0
          resolvePromise({exitCode: error && !code ? 1 : code, stderr, stdout})
        },
      )
      if (input === undefined) child.stdin?.end()
      else child.stdin?.end(input)
    })
  }

  /**
   * `close ARGS…` in this test process (helpers/run-command.ts: the command class, Membrane answered
   * in-process) on this home: a real-terminal test's set-up and checks around the flow it drives.
   */
  async runHere(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
    const {runCommand} = await import('./run-command.js')
    if (args.includes('--sandbox')) await this.useSeededSandbox()
    const {exitCode, stderr, stdout} = await runCommand(args, {env, home: this.dir})
    return {exitCode, stderr, stdout}
  }

  /**
   * Start this home's sandbox from the demo organization seeded once per test process (linked:
   * run-command.ts seededSandbox), unless it has one: for tests whose subject is not the first-use
   * seeding, which test/e2e/startup.test.ts checks with the real executables.
   */
  async useSeededSandbox(): Promise<this> {
    const {linkSeededSandbox} = await import('./run-command.js')
    await linkSeededSandbox(this.sandboxDir)
    return this
  }
}
