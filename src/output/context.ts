/**
 * The OutputContext a renderer paints with: an Io (./io.ts) plus chalk instances per stream and
 * the parsed `--fields`. chalk (about 10–20 ms to load) is imported by this module only, which
 * commands reach when they print; `--version` and help never load it.
 */
// chalk 5 exports the Chalk class by name; a per-stream level needs it.
// eslint-disable-next-line unicorn/import-style
import {Chalk} from 'chalk'

import type {Io, IoOptions} from './io.js'
import type {OutputContext, RecordView} from './types.js'

import {parseFields, splitFields} from './fields.js'
import {createIo} from './io.js'

export {type ColorLevel, createStdoutWriter, type OutputStream, resolveColorLevel, resolveFormat} from './io.js'

export interface OutputOptions extends IoOptions {
  /**
   * Raw `--fields` value, or an already split list. Validated here when `view` is given; otherwise
   * only split (an empty value gives `[]`) and the Renderer validates it against the view it shows,
   * before anything is fetched or written.
   */
  fields?: string | string[]
  /** `--no-color`. */
  noColor?: boolean
  /** The resource shown, to validate `--fields` and list the valid ones. */
  view?: RecordView
}

/** The renderer's context over an existing Io (the run's), with `--fields`. */
export function outputContext(io: Io, options: Pick<OutputOptions, 'fields' | 'view'> = {}): OutputContext {
  const fields =
    typeof options.fields === 'string'
      ? options.view
        ? parseFields(options.fields, options.view)
        : splitFields(options.fields)
      : options.fields
  return {
    chalk: new Chalk({level: io.colorLevel}),
    color: io.color,
    fields,
    format: io.format,
    progress: io.progress,
    stderr: io.stderr,
    stderrChalk: new Chalk({level: io.stderrColorLevel}),
    stderrColor: io.stderrColor,
    stdout: io.stdout,
    stdoutClosed: io.stdoutClosed,
    stdoutIsTTY: io.stdoutIsTTY,
    width: io.width,
  }
}

/** An OutputContext over a fresh Io (tests, or code without a run's Io). */
export function createOutputContext(options: OutputOptions = {}): OutputContext {
  const {color, fields, noColor, view, ...rest} = options
  const io = createIo({...rest, color: noColor === true ? false : color})
  return outputContext(io, {fields, view})
}
