/**
 * SIGINT, SIGTERM and SIGHUP while Membrane runs (design §8, §10): every Membrane child is stopped
 * (SIGTERM, then SIGKILL after its grace period) and has exited BEFORE the CLI exits 130/143/129
 * with one line on stderr; a write that was in flight is reported as possibly done. A second signal
 * kills what is left at once. The base command installs this once per run (`installSignalHandlers`).
 */
import {stopAllChildren, writeInFlight} from './spawn.js'

export type StopSignal = 'SIGHUP' | 'SIGINT' | 'SIGTERM'

/** 128 + the signal number, the shell convention. */
export const SIGNAL_EXIT_CODES: Record<StopSignal, number> = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143}

export interface SignalOptions {
  /** Aborted first, so running calls and waits stop and nothing new is spawned. */
  abort?: AbortController
  /** Ends the process (process.exit in the CLI, a stub in tests). */
  exit: (code: number) => void
  /** Writes one line to stderr. */
  say: (line: string) => void
  /** Where to listen (process in the CLI; an EventEmitter in tests). */
  target?: Pick<NodeJS.Process, 'off' | 'on'>
}

/** The one line printed when a signal stops the CLI. */
export function interruptMessage(signal: StopSignal, writing: boolean): string {
  const what = signal === 'SIGINT' ? 'Interrupted' : `Stopped by ${signal}`
  return writing
    ? `${what}: the change that was being sent may have been made; check before running it again.`
    : `${what}.`
}

/** Listen for SIGINT/SIGTERM/SIGHUP; returns a function that removes the listeners. */
export function installSignalHandlers(options: SignalOptions): () => void {
  const target = options.target ?? process
  let stopping = false
  const handlers = new Map<StopSignal, () => void>()
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) {
    const handler = (): void => {
      const code = SIGNAL_EXIT_CODES[signal]
      if (stopping) {
        // A second signal: the children already had SIGTERM; kill them now and leave.
        stopAllChildren(true).catch(() => {})
        options.exit(code)
        return
      }

      stopping = true
      const writing = writeInFlight()
      options.abort?.abort()
      const leave = (): void => {
        options.say(interruptMessage(signal, writing))
        options.exit(code)
      }

      stopAllChildren().then(leave, leave)
    }

    handlers.set(signal, handler)
    target.on(signal, handler)
  }

  return () => {
    for (const [signal, handler] of handlers) target.off(signal, handler)
  }
}
