/**
 * The only code in the CLI that starts a process (design §4): the Membrane child, with an argv
 * array (never a shell), stdin ignored, a timeout and cancellation that send SIGTERM and then
 * SIGKILL after a grace period, and the child killed if this process exits first.
 *
 * Children are started with `node:child_process` (startChild): execa costs about as much to import
 * as Node itself takes to start, and a list command spawns one child per page (BENCHMARKS.md). On
 * Windows, where npm installs `membrane` as a `.cmd` shim that only execa (cross-spawn) starts
 * without a shell, execa is still used.
 *
 * The spawner is a port: `setSpawner()` swaps it (in-process command tests answer Membrane calls
 * without a real process and record the argv sent). Nothing else in the CLI spawns.
 */
import type {ChildProcess} from 'node:child_process'
import type {Readable} from 'node:stream'

/** What a finished child reports (never a rejection). */
export interface ChildOutcome {
  /** Spawn failure code (ENOENT, EACCES…): nothing ran. */
  code?: string
  durationMs: number
  exitCode?: number
  isCanceled: boolean
  isMaxBuffer: boolean
  signal?: string
  stderr: string
  stdout: string
  timedOut: boolean
}

/** Starts a child for a spec. The default is node:child_process (execa on Windows). */
export type Spawner = (spec: ChildSpec) => Promise<Child>

let override: Spawner | undefined

/** Swap the spawner (tests); `undefined` restores the real one. Returns the previous override. */
export function setSpawner(spawner: Spawner | undefined): Spawner | undefined {
  const previous = override
  override = spawner
  return previous
}

/** Children started and not yet finished, whichever spawner started them. */
const running = new Map<Child, ChildSpec>()

/** Start one child with the spawner in force. */
export async function startProcess(spec: ChildSpec, kind?: 'execa' | 'node'): Promise<Child> {
  const spawner = kind ?? (process.platform === 'win32' ? 'execa' : 'node')
  const child = override
    ? await override(spec)
    : spawner === 'execa'
      ? await startWithExeca(spec)
      : await startChild(spec)
  running.set(child, spec)
  child.finished.then(
    () => running.delete(child),
    () => running.delete(child),
  )
  return child
}

/** Whether a running child is a write (its outcome is unknown if it is stopped now). */
export function writeInFlight(): boolean {
  return [...running.values()].some((spec) => spec.write)
}

/**
 * Stop every running child (SIGTERM, then SIGKILL after its grace period; `force`: SIGKILL now) and
 * resolve once all have exited: a signal handler awaits this before the CLI exits, so no child is
 * ever left orphaned.
 */
export async function stopAllChildren(force = false): Promise<void> {
  const children = [...running.keys()]
  for (const child of children) {
    if (force && child.kill) child.kill()
    else child.stop()
  }

  await Promise.all(children.map((child) => child.finished))
}

let heapTuned = false

/**
 * Keep this process's heap near its start-up size while pages stream (BENCHMARKS.md, flat memory).
 * V8's defaults suit long-running servers: the young generation grows to two 16 MB semi-spaces and
 * the old generation may fill to several times its live size between full collections, so the peak
 * RSS of an `--all` export kept rising with the number of pages (+15–25 MB from 2,000 to 20,000
 * leads) although only one page is ever alive. A CLI that waits on one child per page gains nothing
 * from that headroom: the young generation stops growing and the old one may grow by half its live
 * size. V8 reads both flags at each collection, so setting them now works; flags the user set
 * through NODE_OPTIONS or node's own arguments win.
 */
export async function tuneHeapForPaging(): Promise<void> {
  if (heapTuned) return
  heapTuned = true
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.replaceAll('_', '-')
  const flags: string[] = []
  if (!/--(max-semi-space-size|min-semi-space-size|semi-space-growth-factor)/.test(given)) {
    flags.push('--semi-space-growth-factor=1')
  }

  if (!given.includes('--heap-growing-percent')) flags.push('--heap-growing-percent=50')
  if (flags.length === 0) return
  const {setFlagsFromString} = await import('node:v8')
  setFlagsFromString(flags.join(' '))
}

/** How to start one child. */
export interface ChildSpec {
  args: string[]
  /** Merged over process.env. */
  env: Record<string, string>
  file: string
  /** After SIGTERM, how long before SIGKILL. */
  killGraceMs: number
  /** Aborting it stops the child (SIGTERM, then SIGKILL). */
  signal?: AbortSignal
  /** Stop the child after this long; 0 = never. */
  timeoutMs: number
  /** The call changes data (create, update, delete): an interrupt must say it may have happened. */
  write?: boolean
}

/** A started child, whichever way it was started. */
export interface Child {
  /** Settles (never rejects) once the child has exited and its output is read. */
  finished: Promise<ChildOutcome>
  /** SIGKILL now (a second signal, or this process is exiting). Optional for test spawners. */
  kill?(): void
  /** Called with each chunk of stdout and stderr as it arrives. */
  onOutput(listener: (text: string) => void): void
  /** SIGTERM now, SIGKILL after the grace period if it is still running. */
  stop(): void
}

/** Most characters kept per stream (execa's default maxBuffer); past it the child is stopped. */
const MAX_BUFFER = 100_000_000

/** Start `spec` with node:child_process (see the file header for what it keeps of execa). */
async function startChild(spec: ChildSpec): Promise<Child> {
  const {spawn} = await import('node:child_process')
  const started = performance.now()
  let child: ChildProcess
  try {
    child = spawn(spec.file, spec.args, {
      env: {...process.env, ...spec.env},
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    })
  } catch (error) {
    // Arguments node refuses (a NUL byte…): nothing was started.
    const code = (error as NodeJS.ErrnoException).code ?? 'ERR_SPAWN'
    const durationMs = Math.round(performance.now() - started)
    const finished = {code, durationMs, isCanceled: false, isMaxBuffer: false, stderr: '', stdout: '', timedOut: false}
    return {finished: Promise.resolve(finished), onOutput() {}, stop() {}}
  }

  const listeners: Array<(text: string) => void> = []
  const output = {stderr: '', stdout: ''}
  const state = {isCanceled: false, isMaxBuffer: false, timedOut: false}
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null
  let forceKill: NodeJS.Timeout | undefined
  const stop = () => {
    if (!running()) return
    child.kill('SIGTERM')
    forceKill ??= setTimeout(() => {
      if (running()) child.kill('SIGKILL')
    }, spec.killGraceMs)
  }

  const read = (stream: null | Readable, name: 'stderr' | 'stdout') => {
    stream?.setEncoding('utf8')
    stream?.on('error', () => {}) // a broken pipe ends the output; 'close' still reports the exit
    stream?.on('data', (text: string) => {
      if (!state.isMaxBuffer) {
        const room = MAX_BUFFER - output[name].length
        output[name] += text.length > room ? text.slice(0, room) : text
        if (text.length > room) {
          state.isMaxBuffer = true
          stop()
        }
      }

      for (const listener of listeners) listener(text)
    })
  }

  read(child.stdout, 'stdout')
  read(child.stderr, 'stderr')
  const timer =
    spec.timeoutMs > 0
      ? setTimeout(() => {
          if (!running()) return
          state.timedOut = true
          stop()
        }, spec.timeoutMs)
      : undefined
  const onAbort = () => {
    if (!running()) return
    state.isCanceled = true
    stop()
  }

  // A child never outlives this process: at exit there is no time for a grace period, so SIGKILL.
  const onParentExit = () => {
    if (running()) child.kill('SIGKILL')
  }

  spec.signal?.addEventListener('abort', onAbort, {once: true})
  if (spec.signal?.aborted) onAbort() // aborted while node:child_process was loading
  process.on('exit', onParentExit)
  const finished = new Promise<ChildOutcome>((resolve) => {
    let spawnError: string | undefined
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) spawnError ??= error.code ?? 'ERR_SPAWN'
    })
    child.once('close', (exitCode: null | number, signal: NodeJS.Signals | null) => {
      clearTimeout(timer)
      clearTimeout(forceKill)
      spec.signal?.removeEventListener('abort', onAbort)
      process.removeListener('exit', onParentExit)
      resolve({
        code: spawnError,
        durationMs: Math.round(performance.now() - started),
        // On a failed spawn node reports the negative errno as the exit code: there was no exit.
        exitCode: spawnError === undefined && exitCode !== null ? exitCode : undefined,
        signal: signal ?? undefined,
        ...output,
        ...state,
      })
    })
  })
  return {
    finished,
    kill() {
      if (running()) child.kill('SIGKILL')
    },
    onOutput(listener) {
      listeners.push(listener)
    },
    stop,
  }
}

/** Start `spec` with execa (Windows: cross-spawn runs `.cmd` shims without a shell). */
async function startWithExeca(spec: ChildSpec): Promise<Child> {
  const {execa} = await import('execa')
  const started = Date.now()
  const subprocess = execa(spec.file, spec.args, {
    cancelSignal: spec.signal,
    encoding: 'utf8',
    env: spec.env,
    extendEnv: true,
    forceKillAfterDelay: spec.killGraceMs,
    reject: false,
    shell: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    timeout: spec.timeoutMs > 0 ? spec.timeoutMs : undefined,
    windowsHide: true,
  })
  const finished = subprocess.then((result) => ({
    code: result.code,
    durationMs: Math.round(result.durationMs ?? Date.now() - started),
    exitCode: result.exitCode,
    isCanceled: result.isCanceled,
    isMaxBuffer: result.isMaxBuffer,
    signal: result.signal,
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    timedOut: result.timedOut,
  }))
  return {
    finished,
    kill() {
      subprocess.kill('SIGKILL')
    },
    onOutput(listener) {
      subprocess.stdout?.on('data', (chunk: Buffer | string) => listener(chunk.toString()))
      subprocess.stderr?.on('data', (chunk: Buffer | string) => listener(chunk.toString()))
    },
    stop() {
      subprocess.kill()
    },
  }
}
