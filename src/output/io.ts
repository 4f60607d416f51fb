/**
 * The one output path of a run (gh's IOStreams): where stdout and stderr go, whether each is a
 * terminal, colour, width, the output format and a progress slot. Built once per run by the
 * context (src/context.ts) from the process streams, or by a test from in-memory streams;
 * commands, services, session flows and close/ write only through it.
 *
 * This module is cheap to import (no chalk): renderers that paint build their OutputContext from
 * an Io with `outputContext()` in ./context.ts, which loads chalk only then.
 *
 * Format: `--json` → json; else `-o`; else `table` when stdout is a terminal, `tsv` when piped.
 * `--json` with a different `-o` is a usage error (exit 2). Colour (judged per stream):
 * `--no-color` or a non-empty NO_COLOR → off; else FORCE_COLOR=0/false → off, FORCE_COLOR=1..3
 * (or empty/true) → on at that level even when piped; else on only for a terminal (TERM=dumb →
 * off). Width: the terminal's columns, else COLUMNS, else 100.
 *
 * stdout writes honour backpressure: the returned promise settles on 'drain' when write() returned
 * false, so streaming a large export keeps memory flat. When the reader goes away (EPIPE, `| head`),
 * `stdoutClosed` is aborted, later writes are dropped and lists stop fetching: a quiet, successful
 * end. Any other write failure (disk full…) rejects the next write, so the command fails.
 */
import type {Writable} from 'node:stream'

import type {OutputFormat} from './types.js'

import {CliError, ExitCode, UsageError} from '../errors.js'
import {createProgress, type Progress, progressEnabled, waitHooks} from './progress.js'
import {outputFormats} from './types.js'

/** The stream features this module uses; `process.stdout`/`process.stderr` fit. */
export type OutputStream = Writable & {columns?: number; isTTY?: boolean}

export type ColorLevel = 0 | 1 | 2 | 3

export type {Progress} from './progress.js'

/** Hooks for the Membrane gateway (membrane/gateway.ts `onCall`/`onWait`): spinner and countdown. */
export interface WaitHooks {
  onCall(args: string[]): (() => void) | void
  onWait(ms: number, reason: string): void
}

export interface Io {
  /** Colour allowed on stdout (level > 0). */
  readonly color: boolean
  readonly colorLevel: ColorLevel
  readonly env: NodeJS.ProcessEnv
  /** The chosen format: explicit -o/--json, else table on a TTY, else tsv. */
  readonly format: OutputFormat
  /** The format is JSON (`--json` or `-o json`): the base command prints the result as JSON. */
  readonly json: boolean
  /**
   * Progress on stderr (output/progress.ts): a spinner, a running count, a countdown; a no-op off a
   * terminal and under JSON output. Every stderr write goes through it, so lines never collide.
   */
  readonly progress: Progress
  /** stderr sink (messages, notices); a closed stderr is ignored. Clears the progress line first. */
  readonly stderr: (text: string) => void
  readonly stderrColor: boolean
  readonly stderrColorLevel: ColorLevel
  readonly stderrIsTTY: boolean
  readonly stdinIsTTY: boolean
  /** stdout sink; many small writes are fine (streaming). Settles when drained. */
  readonly stdout: (text: string) => Promise<void> | void
  /** Aborted when the reader of stdout went away (EPIPE): quiet success. */
  readonly stdoutClosed: AbortSignal
  readonly stdoutIsTTY: boolean
  /** The streams themselves, for the few writers that need them (prompts, renderers). */
  readonly streams: {stderr: OutputStream; stdout: OutputStream}
  /** The gateway's hooks: a spinner naming each Membrane wait, a countdown during retry waits. */
  readonly waits: WaitHooks
  /** Terminal width in cells; 100 when unknown. */
  readonly width: number
}

export interface IoOptions {
  /** oclif's `--color/--no-color` boolean: false turns colour off on both streams. */
  color?: boolean
  env?: NodeJS.ProcessEnv
  /** `--json`. */
  json?: boolean
  /** `-o/--output`. */
  output?: string
  stderr?: OutputStream
  stdin?: {isTTY?: boolean}
  stdout?: OutputStream
}

/** The Io of a run; `process.*` streams unless given. Throws a UsageError for a bad or conflicting format. */
export function createIo(options: IoOptions = {}): Io {
  const env = options.env ?? process.env
  const out: OutputStream = options.stdout ?? process.stdout
  const err: OutputStream = options.stderr ?? process.stderr
  const stdoutIsTTY = Boolean(out.isTTY)
  const stderrIsTTY = Boolean(err.isTTY)
  if (options.json && options.output !== undefined && options.output.toLowerCase() !== 'json') {
    throw new UsageError(`--json and -o ${options.output} ask for different formats.`, {
      code: 'conflicting_output',
      hint: 'Pass one of them: --json is the same as -o json.',
    })
  }

  const format = resolveFormat(options, stdoutIsTTY)
  const noColor = options.color === false
  const colorLevel = resolveColorLevel(stdoutIsTTY, env, noColor)
  const stderrColorLevel = resolveColorLevel(stderrIsTTY, env, noColor)
  const stdout = createStdoutWriter(out)
  const stderr = createStderrWriter(err)
  const progress = createProgress({
    enabled: progressEnabled({env, isTTY: stderrIsTTY, json: format === 'json'}),
    stream: {
      get columns() {
        return err.columns
      },
      write: stderr,
    },
  })
  return {
    color: colorLevel > 0,
    colorLevel,
    env,
    format,
    json: format === 'json',
    progress,
    stderr: (text) => progress.write(text),
    stderrColor: stderrColorLevel > 0,
    stderrColorLevel,
    stderrIsTTY,
    // Read when asked: touching process.stdin builds a stream (node:net), ~10 ms at start-up.
    get stdinIsTTY() {
      return Boolean((options.stdin ?? process.stdin).isTTY)
    },
    stdout: stdout.write,
    stdoutClosed: stdout.closed,
    stdoutIsTTY,
    streams: {stderr: err, stdout: out},
    waits: waitHooks(progress),
    width: resolveWidth(out, env),
  }
}

/** The colour level for one stream under the rules in the file header. */
export function resolveColorLevel(isTTY: boolean, env: NodeJS.ProcessEnv, noColor = false): ColorLevel {
  if (noColor) return 0
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0
  const force = env.FORCE_COLOR
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return 0
    const n = Number.parseInt(force, 10)
    return n >= 1 && n <= 3 ? (n as ColorLevel) : n > 3 ? 3 : 1
  }

  if (!isTTY || env.TERM === 'dumb') return 0
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3
  if (env.TERM?.includes('256')) return 2
  return 1
}

/** `-o`/`--json` and the TTY → the format; an unknown `-o` value is a UsageError. */
export function resolveFormat(options: {json?: boolean; output?: string}, stdoutIsTTY: boolean): OutputFormat {
  if (options.json) return 'json'
  if (options.output !== undefined) {
    const format = options.output.toLowerCase()
    if (!(outputFormats as readonly string[]).includes(format)) {
      throw new UsageError(`Unknown output format "${options.output}". Use one of: ${outputFormats.join(', ')}.`, {
        code: 'invalid_output',
        hint: 'For example -o csv, or --json.',
      })
    }

    return format as OutputFormat
  }

  return stdoutIsTTY ? 'table' : 'tsv'
}

export function resolveWidth(stream: OutputStream, env: NodeJS.ProcessEnv): number {
  if (typeof stream.columns === 'number' && stream.columns > 0) return stream.columns
  const columns = Number.parseInt(env.COLUMNS ?? '', 10)
  return columns > 0 ? columns : 100
}

interface Waiter {
  reject: (error: Error) => void
  resolve: () => void
}

interface StdoutWriter {
  closed: AbortSignal
  write: (text: string) => Promise<void> | void
}

// One writer per stream, so Ios built repeatedly (tests, retries) share state and listeners.
const stdoutWriters = new WeakMap<OutputStream, StdoutWriter>()
const stderrWriters = new WeakMap<OutputStream, (text: string) => void>()

/** A backpressure-aware, EPIPE-tolerant writer for stdout (see the file header). */
export function createStdoutWriter(stream: OutputStream): StdoutWriter {
  const existing = stdoutWriters.get(stream)
  if (existing) return existing
  const controller = new AbortController()
  const waiters = new Set<Waiter>()
  let failure: Error | undefined

  const settle = () => {
    for (const waiter of waiters) {
      if (failure) waiter.reject(failure)
      else waiter.resolve()
    }

    waiters.clear()
  }

  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || controller.signal.aborted) {
      controller.abort()
    } else {
      failure ??= new CliError(`Could not write output: ${error.message}`, ExitCode.Failure, 'output_failed')
    }

    settle()
  }

  stream.on('error', onError)
  stream.on('drain', settle)
  stream.on('close', () => {
    if (!stream.writableFinished) controller.abort()
    settle()
  })

  const write = (text: string): Promise<void> | void => {
    if (failure) return Promise.reject(failure)
    if (controller.signal.aborted || text === '') return
    let ok: boolean
    try {
      ok = stream.write(text)
    } catch (error) {
      onError(error as NodeJS.ErrnoException)
      return failure ? Promise.reject(failure) : undefined
    }

    if (ok) return
    return new Promise<void>((resolve, reject) => {
      waiters.add({reject, resolve})
    })
  }

  const writer = {closed: controller.signal, write}
  stdoutWriters.set(stream, writer)
  return writer
}

/** A stderr writer; a closed stderr must not crash the command or change its exit code. */
export function createStderrWriter(stream: OutputStream): (text: string) => void {
  const existing = stderrWriters.get(stream)
  if (existing) return existing
  stream.on('error', () => {})
  const write = (text: string) => {
    try {
      stream.write(text)
    } catch {
      // ignore: nobody is reading stderr
    }
  }

  stderrWriters.set(stream, write)
  return write
}
