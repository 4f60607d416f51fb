/**
 * What the login and connection flows need from the command that runs them. Everything they say
 * goes to stderr (stdout is the command's result); they prompt only when `interactive` is true.
 */
import type {MembraneClient} from '../membrane/client.js'
import type {Io} from '../output/io.js'
import type {Settings} from './settings.js'

import {InterruptedError} from '../errors.js'

export interface SessionContext {
  /** How long to wait for a connection to become READY (ms). Default: config `connect-timeout`, else 5 min. */
  connectTimeoutMs?: number
  /** A terminal on stdin and stderr, no --json, no CLOSE_NO_PROMPT: questions may be asked. */
  interactive: boolean
  /** The run's output path: what the flows say goes to its stderr. */
  io?: Io
  /** Where no prompt may run and no spinner is drawn (`--json`). */
  json?: boolean
  membrane: MembraneClient
  /** Opens a URL in a browser; resolves false when it could not (stubbed in tests). */
  openBrowser?: (url: string) => Promise<boolean>
  /** How often to ask Membrane whether a connection is READY (ms). Default 1500. */
  pollMs?: number
  /** `--sandbox`: the sandbox's own cached connection, and `--sandbox` in every command we suggest. */
  sandbox: boolean
  settings: Settings
  /** Aborted on Ctrl-C: waits stop with InterruptedError. */
  signal?: AbortSignal
  /** Waits between polls (stubbed in tests). */
  sleep?: (ms: number) => Promise<void>
  /** stderr sink (tests). Default: the Io's stderr. */
  stderr?: (text: string) => void
}

/** Write to the context's stderr. */
export function say(ctx: Pick<SessionContext, 'io' | 'stderr'>, text: string): void {
  const write = ctx.stderr ?? ctx.io?.stderr
  write?.(text)
}

/** A `close …` command to suggest, in backticks, with `--sandbox` when the sandbox is in use. */
export function cmd(ctx: Pick<SessionContext, 'sandbox'>, command: string): string {
  return `\`close ${command}${ctx.sandbox ? ' --sandbox' : ''}\``
}

/** The fix for a connection that needs re-authentication (design §5), as a hint. */
export function reconnectHint(ctx: Pick<SessionContext, 'sandbox'>, connectionId: string): string {
  const membrane = ctx.sandbox ? '' : ` (or \`membrane connect --connectionId=${connectionId}\`)`
  return `Re-authenticate it with ${cmd(ctx, `connections reconnect ${connectionId}`)}${membrane}, or choose another with ${cmd(ctx, 'connections use')}.`
}

/** Whether stderr is a terminal that can show a spinner (never under --json). */
export function stderrIsTTY(ctx: Pick<SessionContext, 'io' | 'json' | 'stderr'>): boolean {
  return !ctx.json && !ctx.stderr && Boolean(ctx.io?.stderrIsTTY)
}

/** Wait `ms`, or stop with InterruptedError when the context's signal fires. */
export async function sleep(ctx: Pick<SessionContext, 'signal' | 'sleep'>, ms: number): Promise<void> {
  if (ctx.signal?.aborted) throw new InterruptedError()
  await (ctx.sleep
    ? ctx.sleep(ms)
    : new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms)
        function done(): void {
          clearTimeout(timer)
          ctx.signal?.removeEventListener('abort', done)
          resolve()
        }

        ctx.signal?.addEventListener('abort', done, {once: true})
      }))

  if (ctx.signal?.aborted) throw new InterruptedError()
}
