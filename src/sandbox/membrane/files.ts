/**
 * Atomic writes and a small cross-process lock, so that concurrent sandbox processes (parallel CLI
 * calls) never lose an update or consume a fault twice.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, open, readFile, rename, stat, unlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

/** Write via a temp file and rename, so readers see the old or the new content, never half. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(tmp, content, {mode: 0o600})
  try {
    await rename(tmp, file)
  } catch (error) {
    await unlink(tmp).catch(() => {})
    throw error
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

const STALE_LOCK_MS = 10_000
const LOCK_WAIT_MS = 15_000

/** The Membrane state's lock file in the sandbox directory. */
export const LOCK_FILE = '.sandbox.lock'

/** Run `fn` holding `<dir>/.sandbox.lock` (O_EXCL create; a lock older than 10 s is taken over). */
export async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dir, {recursive: true})
  const lock = join(dir, LOCK_FILE)
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      const handle = await open(lock, 'wx')

      await handle.writeFile(String(process.pid))

      await handle.close()
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error

      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      )
      if (age > STALE_LOCK_MS || Date.now() > deadline) {
        await unlink(lock).catch(() => {})
        continue
      }

      await new Promise((resolve) => {
        setTimeout(resolve, 5 + Math.floor(Math.random() * 10))
      })
    }
  }

  try {
    return await fn()
  } finally {
    await unlink(lock).catch(() => {})
  }
}
