/**
 * Builds the OutputContext of a command from its flags, the environment and the real streams.
 *
 * Format: `--json` → json; else `-o`; else `table` when stdout is a terminal, `tsv` when piped.
 * Colour (judged per stream): `--no-color` or a non-empty NO_COLOR → off; else FORCE_COLOR=0/false
 * → off, FORCE_COLOR=1..3 (or empty/true) → on at that level even when piped; else on only for a
 * terminal (TERM=dumb → off). Width: the terminal's columns, else COLUMNS, else 100.
 *
 * stdout writes honour backpressure: the returned promise settles on 'drain' when write() returned
 * false, so streaming a large export keeps memory flat. When the reader goes away (EPIPE, `| head`),
 * `stdoutClosed` is aborted, later writes are dropped and lists stop fetching: a quiet, successful
 * end. Any other write failure (disk full…) rejects the next write, so the command fails.
 *
 * chalk (about 10–20 ms to load) is imported by this module only, which commands reach when they
 * print; `--version` and help never load it.
 */
import type {Writable} from 'node:stream'

// chalk 5 exports the Chalk class by name; a per-stream level needs it.
// eslint-disable-next-line unicorn/import-style
import {Chalk} from 'chalk'

import type {OutputContext, OutputFormat, RecordView} from './types.js'

import {CliError, ExitCode, UsageError} from '../errors.js'
import {parseFields, splitFields} from './fields.js'
import {outputFormats} from './types.js'

/** The stream features this module uses; `process.stdout`/`process.stderr` fit. */
export type OutputStream = Writable & {columns?: number; isTTY?: boolean}

export interface OutputOptions {
  /** oclif's `--color/--no-color` boolean: false is the same as noColor. */
  color?: boolean
  /** Environment to read NO_COLOR, FORCE_COLOR, COLUMNS, TERM from; default process.env. */
  env?: NodeJS.ProcessEnv
  /**
   * Raw `--fields` value, or an already split list. Validated here when `view` is given; otherwise
   * only split (an empty value gives `[]`) and the Renderer validates it against the view it shows,
   * before anything is fetched or written.
   */
  fields?: string | string[]
  /** `--json`. */
  json?: boolean
  /** `--no-color`. */
  noColor?: boolean
  /** `-o/--output`. */
  output?: string
  stderr?: OutputStream
  stdout?: OutputStream
  /** The resource shown, to validate `--fields` and list the valid ones. */
  view?: RecordView
}

export type ColorLevel = 0 | 1 | 2 | 3

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

function resolveWidth(stream: OutputStream, env: NodeJS.ProcessEnv): number {
  if (typeof stream.columns === 'number' && stream.columns > 0) return stream.columns
  const columns = Number.parseInt(env.COLUMNS ?? '', 10)
  return columns > 0 ? columns : 100
}

export function createOutputContext(options: OutputOptions = {}): OutputContext {
  const env = options.env ?? process.env
  const out: OutputStream = options.stdout ?? process.stdout
  const err: OutputStream = options.stderr ?? process.stderr
  const stdoutIsTTY = Boolean(out.isTTY)
  const format = resolveFormat(options, stdoutIsTTY)
  const fields =
    typeof options.fields === 'string'
      ? options.view
        ? parseFields(options.fields, options.view)
        : splitFields(options.fields)
      : options.fields
  const noColor = options.noColor === true || options.color === false
  const level = resolveColorLevel(stdoutIsTTY, env, noColor)
  const stderrLevel = resolveColorLevel(Boolean(err.isTTY), env, noColor)
  const stdout = createStdoutWriter(out)
  return {
    chalk: new Chalk({level}),
    color: level > 0,
    fields,
    format,
    stderr: createStderrWriter(err),
    stderrChalk: new Chalk({level: stderrLevel}),
    stderrColor: stderrLevel > 0,
    stdout: stdout.write,
    stdoutClosed: stdout.closed,
    stdoutIsTTY,
    width: resolveWidth(out, env),
  }
}

interface Waiter {
  reject: (error: Error) => void
  resolve: () => void
}

interface StdoutWriter {
  closed: AbortSignal
  write: (text: string) => Promise<void> | void
}

// One writer per stream, so contexts built repeatedly (tests, retries) share state and listeners.
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

function createStderrWriter(stream: OutputStream): (text: string) => void {
  const existing = stderrWriters.get(stream)
  if (existing) return existing
  // A closed stderr must not crash the command or change its exit code.
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
