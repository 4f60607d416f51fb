/**
 * The base of every command (Heroku/Salesforce pattern): global flags, parsing once in `init`,
 * the run's Context (src/context.ts: io, settings, membrane, connection scope), one output rule
 * and one error path.
 *
 * Output: a command implements `execute()` and returns a typed result. A result the command
 * already streamed or rendered through `this.out` (lists, record pages) is not printed again; any
 * other result is printed by the base command: as JSON for `--json` and `-o json` alike, else by
 * the command's `display(result)` (human text; nothing by default).
 *
 * Errors: a short message (plus the JSON error object under JSON output) on stderr, and the exit
 * code of design §8. A failure on the connection in use may be recovered once (session/recovery.ts).
 */
import {Command, type Interfaces} from '@oclif/core'

import type {CloseApi} from '../close/api.js'
import type {Lookups} from '../close/lookups.js'
import type {ListSummary, RecordView} from '../output/types.js'
import type {ServiceDeps} from '../services/deps.js'
import type {NameHook} from '../services/lead-names.js'
import type {ResolvedConnection} from '../session/connection-store.js'

import {type ConnectionScope, Context} from '../context.js'
import {CliError, ExitCode, InterruptedError} from '../errors.js'
import {globalFlags} from '../flags/global.js'
import {unknownFlagHint} from '../hooks/suggest.js'
import {redact} from '../membrane/redact.js'
import {installSignalHandlers} from '../membrane/signals.js'
import {outputContext} from '../output/context.js'
import {type Io} from '../output/io.js'
import {Renderer} from '../output/renderer.js'
import {sanitizeLines} from '../output/sanitize.js'
import {prompts} from '../prompts/index.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/** What `this.out` offers: the Renderer's list and record, marking the result as printed. */
export interface Out {
  list(...args: Parameters<Renderer['list']>): Promise<ListSummary>
  message(text: string): void
  record(view: RecordView, record: Record<string, unknown>): Promise<void>
}

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static baseFlags = globalFlags
  protected readonly abort = new AbortController()
  protected args!: BaseArgs<T>
  protected flags!: BaseFlags<T>
  /** The connection in use once scope() resolved it; a failure on it may be recovered once. */
  private connection?: ResolvedConnection
  private ctx?: Context
  private nameHook?: NameHook
  /** Something was already written to stdout through `out`: the result is not printed again. */
  private printed = false
  private recovered = false
  private renderer?: Renderer
  private uninstallSignals?: () => void

  /** The run's context, built on first use. */
  protected get context(): Context {
    this.ctx ??= new Context({
      cacheDir: this.config.cacheDir,
      configDir: this.config.configDir,
      dataDir: this.config.dataDir,
      flags: this.flags ?? {},
      signal: this.abort.signal,
    })
    return this.ctx
  }

  /** True when this run may ask the user questions (a terminal, no JSON, no CLOSE_NO_PROMPT). */
  protected get interactive(): boolean {
    return this.context.interactive
  }

  protected get io(): Io {
    return this.context.io
  }

  protected get membrane() {
    return this.context.membrane
  }

  /** The renderer (tables, record pages, streamed lists) over the run's Io, with `--fields`. */
  protected get out(): Out {
    this.renderer ??= new Renderer({
      ...outputContext(this.io, {fields: (this.flags as {fields?: string}).fields}),
      // Loaded when a table first needs a name Close does not carry (a contact's lead), not at start-up.
      names: async (idKey, ids) => {
        this.nameHook ??= (await import('../services/lead-names.js')).leadNameHook(this.deps())
        return this.nameHook(idKey, ids)
      },
    })
    const {renderer} = this
    return {
      list: async (...args) => {
        this.printed = true
        return renderer.list(...args)
      },
      message: (text) => renderer.message(text),
      record: async (view, record) => {
        this.printed = true
        return renderer.record(view, record)
      },
    }
  }

  protected get sandboxDir(): string {
    return this.context.sandboxDir
  }

  protected get settings() {
    return this.context.settings
  }

  protected async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    if (this.connection && !this.recovered && (await this.recoverAndRetry(error, this.connection))) return
    const failure = toCliError(error)
    process.exitCode = failure.exitCode
    const json = Boolean(this.flags?.json) || this.flags?.output === 'json' || this.argv.includes('--json')
    // Secrets scrubbed from everything (design §10); human text made terminal-safe, JSON left as data.
    const lines = [`Error: ${sanitizeLines(redact(failure.message)).join('\n')}`]
    const hint = failure.hint === undefined ? undefined : redactHint(failure.hint)
    if (hint) lines.push(`  ${sanitizeLines(hint).join('\n')}`)
    if (this.flags?.debug && error.stack && failure.exitCode === ExitCode.Failure) {
      lines.push(...sanitizeLines(redact(error.stack)))
    }

    process.stderr.write(`${lines.join('\n')}\n`)
    if (json) {
      const {error: body} = redact(failure.toJSON())
      process.stderr.write(`${JSON.stringify({error: hint === undefined ? body : {...body, hint}})}\n`)
    }
  }

  /** The Close router for the connection in use (resolved per design §5). */
  protected async close(): Promise<CloseApi> {
    return (await this.scope()).api
  }

  /** The deps every service takes (services/deps.ts); the connection is resolved only when a service asks. */
  protected deps(): ServiceDeps {
    return {
      connect: () => this.scope(),
      interactive: this.interactive,
      io: this.io,
      prompts,
    }
  }

  /** The human form of a result that was not printed through `out` (JSON is printed by the base). */
  protected display(_result: unknown): Promise<void> | void {}

  /** Write text the command formats itself (a body as it came); the result is then not printed again. */
  protected async emit(text: string): Promise<void> {
    this.printed = true
    await this.io.stdout(text)
  }

  /** The command's use case: call one service and return its typed result. */
  protected abstract execute(): Promise<unknown>

  protected async finally(error: Error | undefined): Promise<void> {
    this.uninstallSignals?.()
    return super.finally(error)
  }

  public async init(): Promise<void> {
    await super.init()
    releaseEngineCheck()
    this.uninstallSignals = installSignalHandlers({
      abort: this.abort,
      // eslint-disable-next-line n/no-process-exit, unicorn/no-process-exit -- a signal must end the CLI
      exit: (code) => process.exit(code),
      say: (line) => process.stderr.write(`${line}\n`),
    })
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
    releaseStdoutErrors()
    // Build the Io now: `--json` with a different `-o` is a usage error before anything runs.
    this.context.io.stdoutClosed.throwIfAborted()
  }

  /** Organization lookups (statuses, users, me) for the connection in use, cached per connection. */
  protected async lookups(): Promise<Lookups> {
    return (await this.scope()).lookups
  }

  /**
   * Print a result now (JSON for `--json`/`-o json`, else `display`), e.g. before a non-zero exit
   * that still reports something; the base command then does not print it again.
   */
  protected async print(result: unknown): Promise<void> {
    if (result === undefined || this.printed) return
    this.printed = true
    await (this.io.json ? this.io.stdout(`${JSON.stringify(result, null, 2)}\n`) : this.display(result))
  }

  public async run(): Promise<unknown> {
    this.printed = false
    const result = await this.execute()
    await this.print(result)
    return result
  }

  /** The connection scope (src/context.ts); remembers the connection for recovery. */
  protected async scope(): Promise<ConnectionScope> {
    const scope = await this.context.scope()
    this.connection = scope.connection
    return scope
  }

  /**
   * The connection in use is gone, needs re-authentication, or the login expired: explain it
   * (off a terminal) or fix it inline and run the command once more (session/recovery.ts).
   * Returns true when the failure was handled here.
   */
  private async recoverAndRetry(error: Error, connection: ResolvedConnection): Promise<boolean> {
    const {isRecoverable, recover} = await import('../session/recovery.js')
    if (!isRecoverable(error)) return false
    this.recovered = true
    try {
      await recover(this.context.session, connection, error)
      this.context.forgetScope()
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

/**
 * A hint is close's own advice; a link in it is there to be opened (`membrane connect`'s one-time
 * authorization URL), so links are kept whole and only the rest is redacted.
 */
function redactHint(hint: string): string {
  return hint
    .split(/(https?:\/\/\S+)/)
    .map((part, index) => (index % 2 === 1 ? part : redact(part)))
    .join('')
}

/**
 * oclif rethrows every stdout error but EPIPE from a listener (a raw stack on `> /dev/full`); the
 * Io's writer (output/io.ts) handles stdout errors itself, so that listener goes.
 */
function releaseStdoutErrors(): void {
  for (const listener of process.stdout.listeners('error')) {
    const source = String(listener)
    if (source.includes('EPIPE') && /throw err\b/.test(source)) {
      process.stdout.off('error', listener as (...args: unknown[]) => void)
    }
  }
}

/** Any thrown value → a CliError with the right exit code. */
export function toCliError(error: Error & {exitCode?: number; oclif?: {exit?: number}}): CliError {
  if (error instanceof CliError && error.code === 'output_failed') return outputWriteError(error.message)
  if (error instanceof CliError) return error
  if (error.name === 'ExitPromptError' || error.name === 'AbortPromptError') return new InterruptedError()
  const {code, syscall} = error as NodeJS.ErrnoException
  if (syscall === 'write' && typeof code === 'string' && OUTPUT_WRITE_ERRORS.has(code)) {
    return outputWriteError(code)
  }

  const oclifExit = error.oclif?.exit
  if (typeof oclifExit === 'number') {
    // oclif's own parse/validation errors (unknown flag, missing arg, bad option): usage, exit 2.
    const exitCode = oclifExit === 0 ? 0 : ExitCode.Usage
    const suggestion = unknownFlagHint(error)
    return new CliError(stripHelpSuffix(error.message) + (suggestion ? `. ${suggestion}` : ''), exitCode, 'usage', {
      hint: 'See `--help` for the flags and arguments this command takes.',
    })
  }

  return new CliError(`Unexpected error: ${error.message}`, ExitCode.Failure, 'internal', {
    hint: 'This is a bug in close. Run again with --debug for the stack trace.',
  })
}

/** Write errors of stdout that are the system's, not close's (EPIPE is a closed reader: handled by output/io.ts). */
const OUTPUT_WRITE_ERRORS = new Set(['EDQUOT', 'EFBIG', 'EIO', 'ENOSPC', 'EROFS'])

/** stdout is full or broken (`> /dev/full`, a failing disk): exit 3, no stack. */
function outputWriteError(why: string): CliError {
  const reason = /\b(E[A-Z]{2,})\b/.exec(why)?.[1] ?? why
  return new CliError(`close could not write output (${reason}).`, ExitCode.Remote, 'output_write_failed', {
    hint: 'Check the disk or the file standard output goes to (is it full or read-only?).',
  })
}

function stripHelpSuffix(message: string): string {
  return message.replace(/\n*See more help with --help$/, '').trim()
}
