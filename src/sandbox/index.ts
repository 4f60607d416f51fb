/**
 * What the CLI needs to know about the sandbox (design §9). Cheap to import: constants and path
 * helpers only; the Close emulator is loaded on demand.
 */
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import type {SeedOptions} from './close/index.js'

export type {SeedOptions} from './close/index.js'
export {
  SANDBOX_CONNECTION_ID,
  SANDBOX_LOGIN_CODE,
  SANDBOX_MEMBRANE_VERSION,
  SANDBOX_STATE_FILE,
} from './membrane/constants.js'
export {resolveSandboxDir} from './membrane/paths.js'

/** How many of each kind of object were seeded: `{leads, contacts, opportunities, …}`. */
export type SeedCounts = Record<string, number> & {leads: number}

/**
 * Absolute path of the sandbox executable, spawned exactly like `membrane`: bin/ of the package root,
 * the nearest directory above this module that has it (src/sandbox/ and dist/sandbox/ from tsc, or a
 * chunk of the bundle, scripts/bundle.js).
 */
export function sandboxBinPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const bin = join(dir, 'bin', 'membrane-sandbox.js')
    const parent = dirname(dir)
    if (existsSync(bin) || parent === dir) return bin
    dir = parent
  }
}

/**
 * `close sandbox reset`: re-seed `dir` and restore the initial Membrane state, serialised with
 * running sandbox commands (they finish first, or wait); never deletes files under a writer.
 */
export async function resetSandbox(dir: string, options?: SeedOptions): Promise<SeedCounts> {
  const [close, files] = await Promise.all([import('./close/index.js'), import('./membrane/files.js')])
  // Lock order: the Membrane state lock, then the store lock (nothing takes them the other way).
  return files.withLock(dir, async () => ({
    ...(await close.resetStore(dir, options, [files.LOCK_FILE])),
  }))
}

/** Seed the sandbox's Close data in `dir`, replacing what is there (the emulator, imported lazily). */
export async function seedSandbox(dir: string, options?: SeedOptions): Promise<SeedCounts> {
  const close = await import('./close/index.js')
  return {...(await close.seedSandbox(dir, options))}
}
