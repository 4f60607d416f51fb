/**
 * The base of every command (Heroku/Salesforce pattern): global flags, parsing once in `init`,
 * lazily built services (settings, Membrane gateway and client, the Close router, the renderer),
 * and one error path that prints a short message (plus the JSON error object under --json) on
 * stderr and sets the exit code of design §8.
 */
import {Command, type Interfaces} from '@oclif/core'
import {join} from 'node:path'

import type {CloseObject} from './close/normalize.js'
import type {ResourceDef} from './close/resources.js'

import {ActionDirectory} from './close/action-directory.js'
import {CloseApi} from './close/api.js'
import {assertId} from './close/ids.js'
import {Lookups} from './close/lookups.js'
import {CliError, ExitCode, InterruptedError} from './errors.js'
import {globalFlags} from './flags.js'
import {fileCapabilityStore, MembraneClient} from './membrane/client.js'
import {MembraneGateway} from './membrane/gateway.js'
import {createOutputContext} from './output/context.js'
import {Renderer} from './output/renderer.js'
import {canPrompt} from './prompts/index.js'
import {sandboxBinPath} from './sandbox/index.js'
import {deleteMessage, deleteRecord, type DeleteResult, describedForDelete} from './services/records.js'
import {wantsJson} from './services/support.js'
import {resolveConnection, type ResolvedConnection} from './session/connection.js'
import {Settings} from './session/settings.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

const DEFAULT_TIMEOUT_MS = 60_000

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static baseFlags = globalFlags
  protected readonly abort = new AbortController()
  protected args!: BaseArgs<T>
  protected flags!: BaseFlags<T>
  private cached: {
    api?: CloseApi
    gateway?: MembraneGateway
    lookups?: Lookups
    membrane?: MembraneClient
    out?: Renderer
    settings?: Settings
  } = {}
  /** The connection in use once close() resolved it; a failure on it may be recovered once (session/recovery.ts). */
  private connection?: ResolvedConnection
  private onSigint?: () => void
  private recovered = false

  private get gateway(): MembraneGateway {
    if (!this.cached.gateway) {
      const {sandbox} = this.flags
      const timeout = Number(process.env.CLOSE_MEMBRANE_TIMEOUT_MS)
      this.cached.gateway = new MembraneGateway({
        binPath: sandbox ? sandboxBinPath() : process.env.CLOSE_MEMBRANE_BIN || 'membrane',
        debug: this.flags.debug ? (line) => process.stderr.write(`[debug] ${line}\n`) : undefined,
        env: sandbox ? {CLOSE_SANDBOX_DIR: this.sandboxDir} : undefined,
        signal: this.abort.signal,
        timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
      })
    }

    return this.cached.gateway
  }

  /** True when this run may ask the user questions (a terminal, no --json, no CLOSE_NO_PROMPT). */
  protected get interactive(): boolean {
    return canPrompt({json: this.flags.json})
  }

  protected get membrane(): MembraneClient {
    this.cached.membrane ??= new MembraneClient(this.gateway, {
      capabilities: fileCapabilityStore(join(this.config.cacheDir, 'membrane-capabilities.json')),
    })
    return this.cached.membrane
  }

  protected get out(): Renderer {
    this.cached.out ??= new Renderer(
      createOutputContext({
        color: this.flags.color,
        fields: (this.flags as {fields?: string}).fields,
        json: this.flags.json,
        output: this.flags.output,
      }),
    )
    return this.cached.out
  }

  /** Where the sandbox keeps its data (design §9). */
  protected get sandboxDir(): string {
    return join(this.config.dataDir, 'sandbox')
  }

  protected get settings(): Settings {
    this.cached.settings ??= new Settings(this.config.configDir)
    return this.cached.settings
  }

  protected async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    if (this.connection && !this.recovered && (await this.recoverAndRetry(error, this.connection))) return
    const failure = toCliError(error)
    process.exitCode = failure.exitCode
    const json = Boolean(this.flags?.json) || this.argv.includes('--json')
    const lines = [`Error: ${failure.message}`]
    if (failure.hint) lines.push(`  ${failure.hint}`)
    if (this.flags?.debug && error.stack && failure.exitCode === ExitCode.Failure) lines.push(error.stack)
    process.stderr.write(`${lines.join('\n')}\n`)
    if (json) process.stderr.write(`${JSON.stringify(failure.toJSON())}\n`)
  }

  /** The Close router for the connection in use (resolved per design §5). */
  protected async close(): Promise<CloseApi> {
    if (!this.cached.api) {
      const connection = await resolveConnection({
        flag: this.flags.connection,
        interactive: this.interactive,
        json: this.flags.json,
        membrane: this.membrane,
        sandbox: this.flags.sandbox,
        settings: this.settings,
        signal: this.abort.signal,
      })
      this.connection = connection
      this.cached.api = new CloseApi(
        this.membrane,
        connection.id,
        new ActionDirectory(this.membrane, this.settings, connection.id),
      )
    }

    return this.cached.api
  }

  /**
   * The delete verb of every resource: `--yes` or a confirmation on a terminal, name what was
   * deleted on stderr, and `{"deleted": true, "id": …}` on stdout for JSON output.
   */
  protected async deleteAndReport(
    resource: ResourceDef,
    id: string,
    yes: boolean,
    describe?: (record: CloseObject) => string,
  ): Promise<DeleteResult> {
    assertId(resource, id)
    const connect = async () => (describe ? describedForDelete(await this.close(), describe) : this.close())
    const result = await deleteRecord(connect, resource, id, {interactive: this.interactive, yes})
    this.out.message(deleteMessage(resource, result))
    if (result.deleted && wantsJson(this.flags)) await this.out.record(resource, {deleted: true, id: result.id})
    return result
  }

  protected async finally(error: Error | undefined): Promise<void> {
    if (this.onSigint) process.removeListener('SIGINT', this.onSigint)
    return super.finally(error)
  }

  public async init(): Promise<void> {
    await super.init()
    releaseEngineCheck()
    this.onSigint = () => {
      this.abort.abort()
      process.exitCode = ExitCode.Interrupted
      // Whatever is still running after the child was killed gets a moment, then we leave.
      // eslint-disable-next-line n/no-process-exit, unicorn/no-process-exit -- Ctrl-C must end the CLI
      setTimeout(() => process.exit(ExitCode.Interrupted), 1000).unref()
    }

    process.once('SIGINT', this.onSigint)
    const {args, flags} = await this.parse({
      // oclif would read a missing argument from piped stdin (and eat a body meant for `-`): never.
      args: Object.fromEntries(
        Object.entries(this.ctor.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]),
      ),
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      flags: this.ctor.flags,
      strict: this.ctor.strict,
    })
    this.flags = flags as BaseFlags<T>
    this.args = args as BaseArgs<T>
  }

  /** Organization lookups (statuses, users, me) for the connection in use, cached per connection. */
  protected async lookups(): Promise<Lookups> {
    const api = await this.close()
    this.cached.lookups ??= new Lookups(api, this.settings, api.connectionId)
    return this.cached.lookups
  }

  /**
   * The connection in use is gone, needs re-authentication, or the login expired: explain it
   * (off a terminal) or fix it inline and run the command once more (session/recovery.ts).
   * Returns true when the failure was handled here.
   */
  private async recoverAndRetry(error: Error, connection: ResolvedConnection): Promise<boolean> {
    const {isRecoverable, recover} = await import('./session/recovery.js')
    if (!isRecoverable(error)) return false
    this.recovered = true
    try {
      const context = {interactive: this.interactive, json: this.flags.json, membrane: this.membrane}
      await recover(
        {...context, sandbox: this.flags.sandbox, settings: this.settings, signal: this.abort.signal},
        connection,
        error,
      )
      this.cached.api = undefined
      this.cached.lookups = undefined
      this.connection = undefined
      await this.run()
    } catch (retryError) {
      await this.catch(retryError as Error)
    }

    return true
  }
}

/**
 * bin/run.js sets OCLIF_DISABLE_ENGINE_WARNING while oclif loads (it checks Node itself, cheaper);
 * oclif is loaded by now, so take it back: Membrane and other children must not inherit it.
 */
function releaseEngineCheck(): void {
  const marker = Symbol.for('close-cli.engine-check-skipped')
  const global = globalThis as Record<symbol, unknown>
  if (!global[marker]) return
  delete global[marker]
  delete process.env.OCLIF_DISABLE_ENGINE_WARNING
}

/** Any thrown value → a CliError with the right exit code. */
export function toCliError(error: Error & {exitCode?: number; oclif?: {exit?: number}}): CliError {
  if (error instanceof CliError) return error
  if (error.name === 'ExitPromptError' || error.name === 'AbortPromptError') return new InterruptedError()
  const oclifExit = error.oclif?.exit
  if (typeof oclifExit === 'number') {
    // oclif's own parse/validation errors (unknown flag, missing arg, bad option): usage, exit 2.
    const exitCode = oclifExit === 0 ? 0 : ExitCode.Usage
    return new CliError(stripHelpSuffix(error.message), exitCode, 'usage', {
      hint: 'See `--help` for the flags and arguments this command takes.',
    })
  }

  return new CliError(`Unexpected error: ${error.message}`, ExitCode.Failure, 'internal', {
    hint: 'This is a bug in close. Run again with --debug for the stack trace.',
  })
}

function stripHelpSuffix(message: string): string {
  return message.replace(/\n*See more help with --help$/, '').trim()
}
