/**
 * The one shape every service takes as its first argument: `list/get/create/update/remove(deps, input)`.
 * The command base builds it from the run's context (command-base/base-command.ts `deps()`);
 * unit tests pass stubs. The connection is resolved only when the service calls `connect()`, so
 * input is checked (and missing input asked for or refused) before Membrane is started.
 */
import type {ActionDirectory} from '../close/action-directory.js'
import type {CloseApi} from '../close/api.js'
import type {CacheStore} from '../close/cache.js'
import type {Lookups} from '../close/lookups.js'
import type {Io} from '../output/io.js'
import type {prompts} from '../prompts/index.js'
import type {ResolvedConnection} from '../session/connection-store.js'

/** The connection in use and what works on it; built once per run (again after a recovery). */
export interface ConnectionScope {
  actions: ActionDirectory
  api: CloseApi
  /** Per-connection caches (action IDs, lookups, the last lead shown: `@last`). */
  cache: CacheStore
  connection: ResolvedConnection
  id: string
  lookups: Lookups
}

export interface ServiceDeps {
  /** The connection scope, resolved on first call (design §5). */
  connect(): Promise<ConnectionScope>
  /** Questions may be asked (a terminal, no JSON, no CLOSE_NO_PROMPT). */
  interactive: boolean
  io: Io
  prompts: typeof prompts
}
