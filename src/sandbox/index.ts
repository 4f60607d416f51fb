/**
 * What the CLI needs to know about the sandbox (design §9). Cheap to import: constants and path
 * helpers only; the Close emulator is loaded on demand.
 */
import {fileURLToPath} from 'node:url'

export {
  SANDBOX_CONNECTION_ID,
  SANDBOX_FAULTS_FILE,
  SANDBOX_LOGIN_CODE,
  SANDBOX_MEMBRANE_VERSION,
  SANDBOX_STATE_FILE,
} from './membrane/constants.js'
export {resolveSandboxDir} from './membrane/files.js'

/** Absolute path of the sandbox executable, spawned exactly like `membrane`. */
export function sandboxBinPath(): string {
  return fileURLToPath(new URL('../../bin/membrane-sandbox.js', import.meta.url))
}

/** How many of each kind of object were seeded: `{leads, contacts, opportunities, …}`. */
export type SeedCounts = Record<string, number> & {leads: number}

export interface SeedOptions {
  leads?: number
  today?: Date
}

/** Seed the sandbox's Close data in `dir` (the emulator's seedSandbox, imported lazily). */
export async function seedSandbox(dir: string, options?: SeedOptions): Promise<SeedCounts> {
  const close = (await import(CLOSE_EMULATOR)) as {
    seedSandbox(dir: string, options?: SeedOptions): Promise<SeedCounts>
  }
  return close.seedSandbox(dir, options)
}

const CLOSE_EMULATOR = './close/index.js'
