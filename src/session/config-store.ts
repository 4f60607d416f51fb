/**
 * One JSON file shared by every `close` process at once (design §10).
 *
 * - Reads are fresh: each `read()` parses the file as it is now (small; atomic renames mean a
 *   reader always sees a whole old or a whole new file, so reads need no lock).
 * - Writes are a locked read-modify-write of the CURRENT file: take the cross-process lock
 *   (./file-lock.ts), read the file again, apply the caller's change to that, write a temp file
 *   (mode 0600, fsynced) and rename it over the file. A change therefore only touches its own keys,
 *   and never resurrects what another process changed or deleted meanwhile.
 * - Nothing is silently thrown away: a corrupt, unreadable or wrongly typed file, a directory that
 *   cannot be written, or a path through a non-directory is a UsageError (exit 2) naming the file
 *   and `close config path`, and the file is left exactly as it was.
 */
import * as nodeFs from 'node:fs'
import {basename, dirname, join} from 'node:path'

import type {LockFs, LockOptions} from './file-lock.js'

import {CliError, UsageError} from '../errors.js'

export type JsonObject = Record<string, unknown>

/** The synchronous fs calls the store uses; tests swap some of them to inject faults (EACCES, EROFS). */
export interface StoreFs extends LockFs {
  fchmodSync(fd: number, mode: number): void
  mkdirSync(path: string, options: {mode: number; recursive: true}): string | undefined
  readdirSync(path: string): string[]
  renameSync(from: string, to: string): void
}

export interface ConfigStoreOptions extends Omit<LockOptions, 'fs'> {
  /** What is wrong with the file's shape, in a few words, or undefined when it is fine. */
  check?: (data: JsonObject) => string | undefined
  fs?: Partial<StoreFs>
}

const FIX_HINT = 'Fix or remove that file by hand; `close config path` prints where it is. Nothing was changed.'

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

export class ConfigStore {
  private readonly fs: StoreFs

  constructor(
    readonly file: string,
    private readonly options: ConfigStoreOptions = {},
  ) {
    // node:fs itself unless a test swaps calls (a copy of its ~100 exports costs ~0.1 ms each time).
    this.fs = options.fs ? {...(nodeFs as unknown as StoreFs), ...options.fs} : (nodeFs as unknown as StoreFs)
  }

  get dir(): string {
    return dirname(this.file)
  }

  get lockFile(): string {
    return `${this.file}.lock`
  }

  /** The file as it is now; `{}` when it does not exist yet. */
  read(): JsonObject {
    let text: string
    try {
      text = this.fs.readFileSync(this.file, 'utf8')
    } catch (error) {
      const code = errorCode(error)
      if (code === 'ENOENT') return {}
      if (code === 'ENOTDIR') throw this.notADirectory()
      throw new UsageError(`Cannot read the config file ${this.file} (${code ?? (error as Error).message}).`, {
        code: 'config_unreadable',
        hint: 'Check that it is yours and readable (mode 0600); `close config path` prints where it is.',
      })
    }

    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new UsageError(`The config file ${this.file} is not valid JSON (${(error as Error).message}).`, {
        code: 'config_corrupt',
        hint: FIX_HINT,
      })
    }

    const problem =
      data && typeof data === 'object' && !Array.isArray(data)
        ? this.options.check?.(data as JsonObject)
        : 'it is not a JSON object'
    if (problem) {
      throw new UsageError(`The config file ${this.file} is not a valid close config: ${problem}.`, {
        code: 'config_invalid',
        hint: FIX_HINT,
      })
    }

    return data as JsonObject
  }

  /**
   * Apply `change` to the current file under the lock and return what it returns. `change` must only
   * edit the object it is given (it may run again if the directory vanishes mid-write). The file is
   * not rewritten when nothing changed.
   */
  async transact<R>(change: (data: JsonObject) => R): Promise<{data: JsonObject; result: R}> {
    const {DEFAULT_STALE_MS, FileLock, isProcessAlive, LockTimeoutError} = await import('./file-lock.js')
    const lock = new FileLock(this.lockFile, this.options)
    for (let attempt = 0; ; attempt++) {
      try {
        this.makeDir()

        return await lock.run(() => {
          this.sweep(this.options.isAlive ?? isProcessAlive, this.options.staleMs ?? DEFAULT_STALE_MS)
          const data = this.read()
          const before = JSON.stringify(data)
          const result = change(data)
          if (JSON.stringify(data) !== before) this.write(data)
          return {data, result}
        })
      } catch (error) {
        if (error instanceof CliError) throw error
        // The directory was removed between creating it and writing: create it again.
        if (errorCode(error) === 'ENOENT' && attempt < 3) continue
        if (error instanceof LockTimeoutError) {
          const who = error.holder ? ` (held by process ${error.holder.pid} on ${error.holder.host})` : ''
          throw new UsageError(
            `The config file ${this.file} stayed locked by another close command for ${Math.round(error.waitedMs / 1000)} s${who}.`,
            {
              code: 'config_locked',
              hint: `If no close command is running, remove ${this.lockFile}; \`close config path\` prints where the config is.`,
            },
          )
        }

        if ((error as NodeJS.ErrnoException).syscall) throw this.writeError(error)
        throw error
      }
    }
  }

  /** Apply `change` to the current file under the lock; returns the data as written. */
  async update(change: (data: JsonObject) => void): Promise<JsonObject> {
    // A change that changes nothing needs no lock (and works in a read-only directory).
    const current = this.read()
    const before = JSON.stringify(current)
    change(current)
    if (JSON.stringify(current) === before) return current
    return (await this.transact(change)).data
  }

  private makeDir(): void {
    try {
      this.fs.mkdirSync(this.dir, {mode: 0o700, recursive: true})
    } catch (error) {
      const code = errorCode(error)
      if (code === 'EEXIST' || code === 'ENOTDIR') throw this.notADirectory()
      throw error
    }
  }

  /** The error for a path that runs through a file (e.g. XDG_CONFIG_HOME set to a file). */
  private notADirectory(): UsageError {
    let blocker = this.dir
    for (let path = this.dir; ;) {
      try {
        nodeFs.statSync(path)
        blocker = path
        break
      } catch {}

      const parent = dirname(path)
      if (parent === path) break
      path = parent
    }

    return new UsageError(`Cannot use the config file ${this.file}: ${blocker} is not a directory.`, {
      code: 'config_not_directory',
      hint: 'Point XDG_CONFIG_HOME at a directory (or unset it); `close config path` prints where the file is.',
    })
  }

  /**
   * Remove temp files of writers killed mid-write (their PID is gone, or the file is older than a
   * stale lock). Runs under the lock, so no live writer is using one (writes only happen there).
   */
  private sweep(isAlive: (pid: number) => boolean, staleMs: number): void {
    const prefix = `${basename(this.file)}.`
    const now = (this.options.now ?? Date.now)()
    try {
      for (const name of this.fs.readdirSync(this.dir)) {
        const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? /^(\d+)-/.exec(name.slice(prefix.length)) : null
        if (!pid) continue
        const path = join(this.dir, name)
        const old = now - this.fs.statSync(path).mtimeMs > staleMs
        if (old || !isAlive(Number(pid[1]))) this.fs.unlinkSync(path)
      }
    } catch {}
  }

  private write(data: JsonObject): void {
    const temporary = `${this.file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`
    const fd = this.fs.openSync(temporary, 'wx', 0o600)
    try {
      try {
        this.fs.fchmodSync(fd, 0o600)
        this.fs.writeSync(fd, `${JSON.stringify(data, undefined, '\t')}\n`)
        this.fs.fsyncSync(fd)
      } finally {
        this.fs.closeSync(fd)
      }

      this.fs.renameSync(temporary, this.file)
    } catch (error) {
      try {
        this.fs.unlinkSync(temporary)
      } catch {}

      throw error
    }
  }

  private writeError(error: unknown): UsageError {
    const code = errorCode(error) ?? (error as Error).message
    return new UsageError(`Cannot write the config file ${this.file}: ${this.dir} is not writable (${code}).`, {
      code: 'config_unwritable',
      hint: 'Make that directory writable, or point XDG_CONFIG_HOME at one that is; `close config path` prints where the file is. Nothing was changed.',
    })
  }
}
