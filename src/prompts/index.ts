/**
 * Prompts behind one object so tests can stub them (the plugin-not-found / Salesforce pattern).
 * `@inquirer/prompts` is imported only when a prompt is really shown. Prompts write to stderr,
 * never stdout, and run only when the gate says so: a terminal on stdin and stderr, no `--json`,
 * no `CLOSE_NO_PROMPT`. As a backstop every prompt of the real object refuses (exit 2) off a
 * terminal instead of waiting for input that never comes.
 *
 * `createPrompts({streams})` builds the same object over other streams, which is how the unit
 * tests drive the real inquirer prompts (type keys into a PassThrough, read what was drawn).
 */
import type {Readable, Writable} from 'node:stream'

import {UsageError} from '../errors.js'

export interface Choice<T> {
  description?: string
  /** Shown dimmed and not selectable; a string says why. */
  disabled?: boolean | string
  name: string
  value: T
}

/** Returns true when the answer is good, else the reason shown under the question. */
export type Validate<T = string> = (value: T) => Promise<string | true> | string | true

export interface InputOptions {
  default?: string
  required?: boolean
  /** Checked as the answer is entered; a reason keeps what was typed on the line and asks again. */
  validate?: Validate
}

export interface SearchOptions<T> {
  pageSize?: number
  validate?: Validate<T>
}

export interface CheckboxOptions<T> {
  pageSize?: number
  /** At least one must be ticked. */
  required?: boolean
  validate?: Validate<T[]>
}

export interface EditorOptions {
  /** File suffix, so the editor picks a mode: `.md`, `.txt` (default). */
  postfix?: string
  validate?: Validate
}

/** The search prompt's source: called with what was typed so far (undefined at first). */
export type SearchSource<T> = (term: string | undefined, options: {signal: AbortSignal}) => Promise<Array<Choice<T>>>

export interface Prompts {
  checkbox<T>(message: string, choices: Array<Choice<T>>, options?: CheckboxOptions<T>): Promise<T[]>
  confirm(message: string, defaultValue?: boolean): Promise<boolean>
  editor(message: string, defaultValue?: string, options?: EditorOptions): Promise<string>
  input(message: string, options?: InputOptions): Promise<string>
  search<T>(message: string, source: SearchSource<T>, options?: SearchOptions<T>): Promise<T>
  select<T>(message: string, choices: Array<Choice<T>>, options?: {default?: T}): Promise<T>
}

export interface PromptStreams {
  input?: Readable
  output?: Writable
}

type Inquirer = typeof import('@inquirer/prompts')

export interface PromptsOptions {
  /** Whether prompting is possible at all; default {@link canPrompt}. */
  allowed?: () => boolean
  /** Loads inquirer; tests may pass a fake. */
  load?: () => Promise<Inquirer>
  /** Input and output; default stdin and stderr. */
  streams?: () => PromptStreams
  /** Where the editor's private temp directory is made; default the OS temp dir. */
  tempRoot?: () => string
}

export interface PromptGate {
  env?: NodeJS.ProcessEnv
  json?: boolean
  stderrIsTTY?: boolean
  stdinIsTTY?: boolean
}

/** The gate as a pure function: a terminal on stdin and stderr, no --json, CLOSE_NO_PROMPT unset or `0`. */
export function promptAllowed(gate: PromptGate): boolean {
  if (gate.json) return false
  const noPrompt = gate.env?.CLOSE_NO_PROMPT
  if (noPrompt && noPrompt !== '0') return false
  return Boolean(gate.stdinIsTTY && gate.stderrIsTTY)
}

/** Prompting is allowed only with a terminal on stdin and stderr, without --json or CLOSE_NO_PROMPT. */
export function canPrompt(options: {json?: boolean} = {}): boolean {
  return promptAllowed({
    env: process.env,
    json: options.json,
    stderrIsTTY: process.stderr.isTTY,
    // process.stdin is built on first touch (node:net, ~10 ms): only when a prompt could be shown.
    stdinIsTTY: Boolean(process.stderr.isTTY) && !options.json && process.stdin.isTTY,
  })
}

/** The prompts object over the given streams, loader and gate. */
export function createPrompts(options: PromptsOptions = {}): Prompts {
  const allowed = options.allowed ?? (() => canPrompt())
  const load = options.load ?? (async () => import('@inquirer/prompts'))
  const streams = options.streams ?? (() => ({output: process.stderr}))

  const ready = async (message: string): Promise<[Inquirer, PromptStreams]> => {
    if (!allowed()) {
      throw new UsageError(`Cannot ask "${message}": not running on a terminal.`, {
        code: 'missing_input',
        hint: 'Pass the value as a flag or argument (see --help).',
      })
    }

    return [await load(), streams()]
  }

  return {
    async checkbox<T>(message: string, choices: Array<Choice<T>>, opts: CheckboxOptions<T> = {}): Promise<T[]> {
      const [inquirer, context] = await ready(message)
      const {validate} = opts
      return inquirer.checkbox<T>(
        {
          choices,
          message,
          pageSize: opts.pageSize ?? 12,
          required: opts.required,
          ...(validate ? {validate: async (ticked) => validate(ticked.map((choice) => choice.value))} : {}),
        },
        context,
      )
    },

    async confirm(message: string, defaultValue = false): Promise<boolean> {
      const [inquirer, context] = await ready(message)
      return inquirer.confirm({default: defaultValue, message}, context)
    },

    /**
     * The user's $VISUAL/$EDITOR on a file in a private directory (mode 0700) of its own, the
     * file mode 0600 (design §10); both are removed afterwards.
     */
    async editor(message: string, defaultValue = '', opts: EditorOptions = {}): Promise<string> {
      const [inquirer, context] = await ready(message)
      const {mkdtemp, rm} = await import('node:fs/promises')
      const {join} = await import('node:path')
      const root = options.tempRoot?.() ?? (await import('node:os')).tmpdir()
      const dir = await mkdtemp(join(root, 'close-'))
      try {
        return await inquirer.editor(
          {
            default: defaultValue,
            file: {dir, mode: 0o600, postfix: opts.postfix ?? '.txt', prefix: 'close-'},
            message,
            ...(opts.validate ? {validate: opts.validate} : {}),
            waitForUserInput: false,
          },
          context,
        )
      } finally {
        await rm(dir, {force: true, recursive: true})
      }
    },

    async input(message: string, opts: InputOptions = {}): Promise<string> {
      const [inquirer, context] = await ready(message)
      return inquirer.input(
        {
          default: opts.default,
          message,
          required: opts.required,
          ...(opts.validate ? {validate: opts.validate} : {}),
        },
        context,
      )
    },

    async search<T>(message: string, source: SearchSource<T>, opts: SearchOptions<T> = {}): Promise<T> {
      const [inquirer, context] = await ready(message)
      return inquirer.search<T>(
        {message, pageSize: opts.pageSize ?? 10, source, ...(opts.validate ? {validate: opts.validate} : {})},
        context,
      )
    },

    async select<T>(message: string, choices: Array<Choice<T>>, opts: {default?: T} = {}): Promise<T> {
      const [inquirer, context] = await ready(message)
      return inquirer.select<T>({choices, default: opts.default, message, pageSize: 12}, context)
    },
  }
}

/** The prompts every command uses (stubbed in tests with sinon). */
export const prompts: Prompts = createPrompts()
