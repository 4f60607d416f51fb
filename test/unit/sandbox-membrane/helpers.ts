/**
 * Run the sandbox in a temp sandbox dir and HOME, either by spawning an executable (the way the
 * CLI spawns `membrane`: argv array, stdin a pipe) or, to keep the suite fast, by calling the same
 * `main(argv, io, env, options)` in this process. Over the stub emulator, runs go through the
 * test-only fault wrapper (test/fixtures/sandbox-faults): in process via `withFaults`, spawned as
 * `membrane-sandbox-faults`; over the real emulator a spawn runs the shipped bin/membrane-sandbox.js.
 */
import {execa} from 'execa'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import type {CloseOpener, CloseRequest, CloseResponse} from '../../../src/sandbox/main.js'

import {withFaults} from '../../fixtures/sandbox-faults/faults.mjs'
import {ROOT} from '../../helpers/root.js'

export {ROOT} from '../../helpers/root.js'

export const BIN = join(ROOT, 'bin', 'membrane-sandbox.js')
export const FAULTS_BIN = join(ROOT, 'test', 'fixtures', 'sandbox-faults', 'membrane-sandbox-faults')
/** The stand-in Close emulator (fixtures/close-stub.mjs): 25 leads, logs every request. */
export const CLOSE_STUB = fileURLToPath(new URL('fixtures/close-stub.mjs', import.meta.url))

export const CONNECTION_ID = '6650c105e5a4d0b0c1a55e01'
export const OLD_CONNECTION_ID = '6650c105e5a4d0b0c1a55e02'
export const HUBSPOT_CONNECTION_ID = '6650c105e5a4d0b0c1a55e03'
export const CLOSE_CONNECTOR_ID = '64b7c105ec0de0000000c105'

export interface Run {
  exitCode: number
  json: () => unknown
  stderr: string
  stdout: string
  timedOut: boolean
}

export interface Sandbox {
  cleanup(): Promise<void>
  dir: string
  home: string
  /** Close requests the stub emulator received, in order. */
  requests(): Promise<Array<{body?: unknown; method: string; path: string; query: Array<[string, string]>}>>
  run(args: string[], options?: {timeoutMs?: number}): Promise<Run>
  setFaults(faults: string[]): Promise<void>
}

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'sandbox', 'main.js'))) {
    throw new Error('dist/sandbox/main.js is missing: build first with `npm run build`')
  }
}

export interface SandboxOptions {
  /** Which Close emulator: the stub (default, with faults.json injection) or the real src/sandbox/close. */
  close?: 'real' | 'stub'
  /** Spawn an executable (default: call main() in this process). */
  spawn?: boolean
}

interface Backend {
  handleCloseRequest(store: unknown, request: CloseRequest): Promise<CloseResponse>
  openStore(dir: string): Promise<unknown>
}

function opener(backend: Backend): CloseOpener {
  return async (dir) => {
    const store = await backend.openStore(dir)
    return (request) => backend.handleCloseRequest(store, request)
  }
}

async function runInProcess(args: string[], env: Record<string, string | undefined>, stub: boolean): Promise<Run> {
  const {main} = await import('../../../src/sandbox/main.js')
  const {openEmulator} = await import('../../../src/sandbox/membrane/close-api.js')
  const openClose = stub ? opener((await import(CLOSE_STUB)) as Backend) : openEmulator
  let stdout = ''
  let stderr = ''
  const io = {
    stderr(text: string) {
      stderr += text
    },
    stdinIsTTY: false,
    stdout(text: string) {
      stdout += text
    },
  }
  const exitCode = await withFaults({main, openClose})(args, io, env)
  return {exitCode, json: () => JSON.parse(stdout), stderr, stdout, timedOut: false}
}

/** A fresh sandbox dir and HOME. */
export async function makeSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'sandbox-membrane-'))
  const dir = join(root, 'data', 'sandbox')
  const home = join(root, 'home')
  const stub = options.close !== 'real'
  const env: Record<string, string | undefined> = {
    CLOSE_SANDBOX_DIR: dir,
    HOME: home,
    XDG_DATA_HOME: join(root, 'xdg'),
  }
  return {
    async cleanup() {
      await rm(root, {force: true, recursive: true})
    },
    dir,
    home,
    async requests() {
      const text = await readFile(join(dir, 'stub-requests.ndjson'), 'utf8').catch(() => '')
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    },
    async run(args, runOptions = {}) {
      if (!options.spawn) return runInProcess(args, env, stub)
      const result = await execa('node', [stub ? FAULTS_BIN : BIN, ...args], {
        cwd: root,
        env: stub ? {...env, SANDBOX_FAULTS_CLOSE_MODULE: CLOSE_STUB} : env,
        reject: false,
        stdin: 'pipe',
        stripFinalNewline: false,
        timeout: runOptions.timeoutMs ?? 20_000,
      })
      const stdout = String(result.stdout)
      return {
        exitCode: result.exitCode ?? -1,
        json: () => JSON.parse(stdout),
        stderr: String(result.stderr),
        stdout,
        timedOut: Boolean(result.timedOut),
      }
    },
    async setFaults(faults) {
      await mkdir(dir, {recursive: true})
      await writeFile(join(dir, 'faults.json'), JSON.stringify(faults))
    },
  }
}

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms)
  })
