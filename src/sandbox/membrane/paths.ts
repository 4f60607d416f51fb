/** Where the sandbox keeps its files. Cheap to import (the CLI imports it through ../index.ts). */
import {homedir} from 'node:os'
import {join} from 'node:path'

/** `CLOSE_SANDBOX_DIR`, else `$XDG_DATA_HOME/close/sandbox`, else `~/.local/share/close/sandbox`. */
export function resolveSandboxDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLOSE_SANDBOX_DIR) return env.CLOSE_SANDBOX_DIR
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share')
  return join(dataHome, 'close', 'sandbox')
}
