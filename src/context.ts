/**
 * The context of one run (gh's Factory): everything a command needs, each built once and only
 * when first used, so a command that prints its path never starts Membrane and `--help` costs
 * nothing. One per command run; a test builds one over in-memory streams and a stub spawner.
 *
 *   io          output path (output/io.ts): streams, TTY, colour, width, format, progress
 *   settings    the config store (session/settings.ts) and close/'s cache port over it
 *   gateway     the Membrane process runner, `membrane` the typed client over it
 *   scope()     the connection in use (design §5) with its router, action directory and lookups
 */
import {join} from 'node:path'

import type {CacheStore} from './close/cache.js'
import type {ConnectionScope} from './services/deps.js'
import type {ResolvedConnection} from './session/connection-store.js'
import type {SessionContext} from './session/context.js'

import {ActionDirectory} from './close/action-directory.js'
import {CloseApi} from './close/api.js'
import {Lookups} from './close/lookups.js'
import {fileCapabilityStore, MembraneClient} from './membrane/client.js'
import {MembraneGateway, parseTimeoutMs} from './membrane/gateway.js'
import {createIo, type Io, type IoOptions} from './output/io.js'
import {canPrompt} from './prompts/index.js'
import {sandboxBinPath} from './sandbox/index.js'
import {settingsBasePaths, settingsCache} from './session/cache-store.js'
import {currentConnection} from './session/connection-store.js'
import {resolveConnection} from './session/connection.js'
import {Settings} from './session/settings.js'

/** The global flags of design §3, as parsed. */
export interface GlobalOptions {
  color?: boolean
  connection?: string
  debug?: boolean
  json?: boolean
  output?: string
  sandbox?: boolean
}

export interface ContextOptions {
  /** Where Membrane's capabilities (generation) are cached per binary. */
  cacheDir?: string
  configDir: string
  dataDir: string
  env?: NodeJS.ProcessEnv
  flags: GlobalOptions
  /** Aborted on Ctrl-C: the Membrane child is stopped and waits end. */
  signal: AbortSignal
  /** The process streams unless given (tests). */
  streams?: Pick<IoOptions, 'stderr' | 'stdin' | 'stdout'>
}

export type {ConnectionScope} from './services/deps.js'

export class Context {
  private built: {
    cache?: CacheStore
    gateway?: MembraneGateway
    io?: Io
    membrane?: MembraneClient
    scope?: Promise<ConnectionScope>
    settings?: Settings
  } = {}

  constructor(private readonly options: ContextOptions) {}

  /** close/'s cache port (action IDs, lookups) over the settings. */
  get cache(): CacheStore {
    this.built.cache ??= settingsCache(this.settings)
    return this.built.cache
  }

  get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env
  }

  get flags(): GlobalOptions {
    return this.options.flags
  }

  get gateway(): MembraneGateway {
    if (!this.built.gateway) {
      const {debug, sandbox} = this.options.flags
      this.built.gateway = new MembraneGateway({
        binPath: sandbox ? sandboxBinPath() : this.env.CLOSE_MEMBRANE_BIN || 'membrane',
        debug: debug ? (line) => this.io.stderr(`[debug] ${line}\n`) : undefined,
        env: sandbox ? {CLOSE_SANDBOX_DIR: this.sandboxDir} : undefined,
        onCall: (args) => this.io.waits.onCall(args),
        onWait: (ms, reason) => this.io.waits.onWait(ms, reason),
        signal: this.options.signal,
        timeoutMs: parseTimeoutMs(this.env.CLOSE_MEMBRANE_TIMEOUT_MS),
      })
    }

    return this.built.gateway
  }

  /** True when this run may ask questions: a terminal, no JSON format, no CLOSE_NO_PROMPT. */
  get interactive(): boolean {
    return canPrompt({json: this.io.json})
  }

  /** The output path of this run; a conflicting `--json`/`-o` throws a UsageError (exit 2) here. */
  get io(): Io {
    const {color, json, output} = this.options.flags
    this.built.io ??= createIo({...this.options.streams, color, env: this.env, json, output})
    return this.built.io
  }

  get membrane(): MembraneClient {
    const {cacheDir} = this.options
    this.built.membrane ??= new MembraneClient(this.gateway, {
      basePaths: settingsBasePaths(this.settings),
      capabilities: cacheDir ? fileCapabilityStore(join(cacheDir, 'membrane-capabilities.json')) : undefined,
    })
    return this.built.membrane
  }

  get sandbox(): boolean {
    return Boolean(this.options.flags.sandbox)
  }

  /** Where the sandbox keeps its data (design §9). */
  get sandboxDir(): string {
    return join(this.options.dataDir, 'sandbox')
  }

  /** What the login and connection flows need (session/context.ts); they speak through the Io. */
  get session(): SessionContext {
    return {
      interactive: this.interactive,
      io: this.io,
      json: this.io.json,
      membrane: this.membrane,
      sandbox: this.sandbox,
      settings: this.settings,
      signal: this.options.signal,
    }
  }

  get settings(): Settings {
    this.built.settings ??= new Settings(this.options.configDir)
    return this.built.settings
  }

  get signal(): AbortSignal {
    return this.options.signal
  }

  /** The connection the data commands would use, without set-up or a Membrane call. */
  currentConnection(): ResolvedConnection | undefined {
    return currentConnection(this.settings, {flag: this.options.flags.connection, sandbox: this.sandbox})
  }

  /** Drop the connection scope (after a recovery chose or fixed a connection); the next scope() resolves again. */
  forgetScope(): void {
    this.built.scope = undefined
  }

  /** The connection in use (design §5: flag > env > cache > set-up on a TTY > exit 4) and what works on it. */
  scope(): Promise<ConnectionScope> {
    this.built.scope ??= this.buildScope()
    this.built.scope.catch(() => this.forgetScope())
    return this.built.scope
  }

  private async buildScope(): Promise<ConnectionScope> {
    const {session} = this
    const connection = await resolveConnection({...session, flag: this.options.flags.connection})
    const actions = new ActionDirectory(this.membrane, this.cache, connection.id)
    const api = new CloseApi(this.membrane, connection.id, actions)
    return {
      actions,
      api,
      cache: this.cache,
      connection,
      id: connection.id,
      lookups: new Lookups(api, this.cache, connection.id),
    }
  }
}
