/**
 * A cross-process lock around a short, synchronous critical section (design §10): the lock is a
 * file created with O_EXCL holding its owner's PID, host and start time. A lock whose owner PID is
 * gone (same host) or that is older than `staleMs` is broken, under a second O_EXCL "breaker"
 * file so that two waiters never both break it and delete a fresh lock by mistake. Waiting is
 * bounded: after `waitMs` a LockTimeoutError says who holds the lock.
 *
 * The critical section is synchronous on purpose: within one process two async callers can then
 * never interleave inside it, so a process never waits for itself.
 */
import * as nodeFs from 'node:fs'
import {hostname as osHostname} from 'node:os'

/** The synchronous fs calls the lock and the store use; tests swap some of them to inject faults. */
export interface LockFs {
  closeSync(fd: number): void
  fsyncSync(fd: number): void
  openSync(path: string, flags: string, mode?: number): number
  readFileSync(path: string, encoding: 'utf8'): string
  statSync(path: string): {mtimeMs: number}
  unlinkSync(path: string): void
  writeSync(fd: number, text: string): number
}

export interface LockOptions {
  fs?: Partial<LockFs>
  host?: string
  /** Whether a PID on this host is running; default `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean
  now?: () => number
  pid?: number
  sleep?: (ms: number) => Promise<void>
  /** A lock older than this is broken even when its owner seems alive (PID reuse, a hung owner). */
  staleMs?: number
  /** How long to wait for the lock before giving up. */
  waitMs?: number
}

export interface LockOwner {
  at: number
  host: string
  pid: number
  token: string
}

export const DEFAULT_STALE_MS = 10_000
export const DEFAULT_WAIT_MS = 15_000

export class LockTimeoutError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockOwner | undefined,
    readonly waitedMs: number,
  ) {
    super(`Timed out after ${waitedMs} ms waiting for the lock ${lockPath}`)
    this.name = 'LockTimeoutError'
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/** Whether a process with this PID runs on this host (EPERM: it does, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM'
  }
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

export class FileLock {
  private readonly fs: LockFs
  private readonly host: string
  private readonly isAlive: (pid: number) => boolean
  private readonly now: () => number
  private readonly pid: number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly staleMs: number
  private readonly waitMs: number

  constructor(
    readonly path: string,
    options: LockOptions = {},
  ) {
    // node:fs itself unless a test swaps calls (a copy of its ~100 exports costs ~0.1 ms each time).
    this.fs = options.fs ? {...(nodeFs as unknown as LockFs), ...options.fs} : (nodeFs as unknown as LockFs)
    this.host = options.host ?? osHostname()
    this.isAlive = options.isAlive ?? isProcessAlive
    this.now = options.now ?? Date.now
    this.pid = options.pid ?? process.pid
    this.sleep = options.sleep ?? defaultSleep
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MS
  }

  /**
   * Run `critical` holding the lock. Errors other than "already locked" (EACCES, ENOENT, ENOTDIR…)
   * from creating the lock file are thrown as they are, for the caller to name.
   */
  async run<T>(critical: () => T): Promise<T> {
    const owner = await this.acquire()
    try {
      return critical()
    } finally {
      this.release(owner)
    }
  }

  private async acquire(): Promise<LockOwner> {
    const started = this.now()
    let holder: LockOwner | undefined
    for (let attempt = 0; ; attempt++) {
      const owner = this.tryCreate()
      if (owner) return owner
      const seen = this.readHolder()
      if (seen !== 'gone') {
        holder = seen.owner
        if (this.isStale(seen)) {
          this.breakStale(seen)
          continue
        }
      }

      const waited = this.now() - started
      if (waited >= this.waitMs) throw new LockTimeoutError(this.path, holder, waited)
      // 2 ms growing to 50 ms, with jitter so that twenty waiters do not wake in step.
      await this.sleep(Math.min(50, 2 * 1.5 ** attempt) * (0.5 + Math.random()))
    }
  }

  /** Break a stale lock, unless another waiter is already doing so or the lock changed meanwhile. */
  private breakStale(seen: {mtimeMs: number; owner?: LockOwner}): void {
    const breaker = `${this.path}.break`
    let fd: number
    try {
      fd = this.fs.openSync(breaker, 'wx', 0o600)
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error
      // A breaker left by a process killed while breaking: old enough → remove it, retry later.
      try {
        if (this.now() - this.fs.statSync(breaker).mtimeMs > this.staleMs) this.fs.unlinkSync(breaker)
      } catch {}

      return
    }

    try {
      this.fs.closeSync(fd)
      const again = this.readHolder()
      const same =
        again !== 'gone' &&
        (seen.owner ? again.owner?.token === seen.owner.token : !again.owner && again.mtimeMs === seen.mtimeMs)
      if (same) this.fs.unlinkSync(this.path)
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error
    } finally {
      try {
        this.fs.unlinkSync(breaker)
      } catch {}
    }
  }

  private isStale(seen: {mtimeMs: number; owner?: LockOwner}): boolean {
    const {owner} = seen
    // An owner on this host whose process is gone left the lock behind.
    if (owner && owner.host === this.host && owner.pid !== this.pid && !this.isAlive(owner.pid)) return true
    // No readable owner (killed between creating and writing it): judge by the file's age.
    const since = owner ? owner.at : seen.mtimeMs
    return this.now() - since > this.staleMs
  }

  private readHolder(): 'gone' | {mtimeMs: number; owner?: LockOwner} {
    let text: string
    let mtimeMs: number
    try {
      mtimeMs = this.fs.statSync(this.path).mtimeMs
      text = this.fs.readFileSync(this.path, 'utf8')
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'gone'
      throw error
    }

    try {
      const owner = JSON.parse(text) as LockOwner
      if (typeof owner.pid === 'number' && typeof owner.at === 'number' && typeof owner.token === 'string') {
        return {mtimeMs, owner}
      }
    } catch {}

    return {mtimeMs}
  }

  private release(owner: LockOwner): void {
    try {
      // Only our own lock: if it was broken as stale meanwhile, the new one belongs to someone else.
      const seen = this.readHolder()
      if (seen !== 'gone' && seen.owner?.token === owner.token) this.fs.unlinkSync(this.path)
    } catch {}
  }

  private tryCreate(): LockOwner | undefined {
    const owner: LockOwner = {
      at: this.now(),
      host: this.host,
      pid: this.pid,
      token: `${this.pid}-${this.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    }
    let fd: number
    try {
      fd = this.fs.openSync(this.path, 'wx', 0o600)
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return undefined
      throw error
    }

    try {
      this.fs.writeSync(fd, JSON.stringify(owner))
    } catch (error) {
      this.fs.closeSync(fd)
      try {
        this.fs.unlinkSync(this.path)
      } catch {}

      throw error
    }

    this.fs.closeSync(fd)
    return owner
  }
}
