import {Args, Flags} from '@oclif/core'

import type {ActionDirectory} from '../../close/action-directory.js'
import type {CloseApi} from '../../close/api.js'
import type {JsonSchema, MembraneAction} from '../../membrane/types.js'

import {checkSchema, describeSchema} from '../../close/schema-check.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {NotFoundError, UsageError} from '../../errors.js'
import {readSource} from '../../raw/io.js'
import {formatBody} from '../../raw/output.js'
import {parseJson} from '../../raw/request.js'

interface Target {
  id: string
  inputSchema?: JsonSchema
  /** The key the user typed (cached in the action directory), when resolved by key. */
  key?: string
  /** What to call the action in messages. */
  label: string
}

/** Membrane action IDs are 24 hex digits; anything else is taken as a key. */
const ACTION_ID = /^[\da-f]{24}$/i
/** Actions that only read, so a 429/5xx may be retried without doing anything twice. */
const READ_KEY = /^(?:find|get|list|search)-/

export default class ActionsRun extends BaseCommand<typeof ActionsRun> {
  static args = {
    // ignoreStdin: stdin is the input with --input -, never the action.
    action: Args.string({
      description: 'Action key (e.g. get-lead) or ID, as `close actions list` shows.',
      ignoreStdin: true,
      required: true,
    }),
  }
  static description = `Runs the action with \`membrane action run\` on the connection in use and prints its output: JSON, pretty on a terminal, compact when piped.

The input is checked against the action's inputSchema before anything runs: a missing required property or a value of the wrong type exits 2 naming the property, and so does input that is not valid JSON. Actions whose key starts with list-, get-, find- or search- are retried on 429/5xx; others never are, so nothing is created twice.

Exit codes: 0 success; 2 bad input; 3 Membrane or Close refused or failed; 4 login or connection needed; 5 no such action or record; 6 still rate limited.`
  static examples = [
    '<%= config.bin %> <%= command.id %> get-lead --input \'{"id": "lead_8dWqYqDz3mTBxqZ2Y0n7kA"}\'',
    '<%= config.bin %> <%= command.id %> create-note --input @note.json',
    'echo \'{"limit": 5}\' | <%= config.bin %> <%= command.id %> list-leads --input -',
  ]
  static flags = {
    input: Flags.string({
      description: 'The input: JSON text, @FILE to read it from a file, or - for stdin. Default {}.',
    }),
  }
  static summary = 'Run a Membrane Close action by key or ID with a JSON input.'

  public async execute(): Promise<unknown> {
    const input = readInput(this.flags.input)
    const {actions: directory, api} = await this.scope()
    const target = await this.resolve(api, directory, this.args.action)

    const problems = checkSchema(input, target.inputSchema)
    if (problems.length > 0) {
      const shown = problems.slice(0, 5).map((problem) => problem.message)
      if (problems.length > shown.length) shown.push(`…and ${problems.length - shown.length} more.`)
      const takes = describeSchema(target.inputSchema)
      throw new UsageError(`Input does not fit ${target.label}: ${shown.join(' ')}`, {
        code: 'invalid_input',
        details: {problems},
        hint: takes.length > 0 ? `${target.label} takes: ${takes.join(', ')}.` : undefined,
      })
    }

    const retry = READ_KEY.test(target.key ?? target.label)
    const output = await api.runResolved(target, input, {retry})
    await this.emit(formatBody(output, this.io.stdoutIsTTY))
    return output
  }

  /** A key through the per-connection action cache (design §7); an ID through the action list. */
  private async resolve(api: CloseApi, directory: ActionDirectory, given: string): Promise<Target> {
    const name = given.trim()
    if (ACTION_ID.test(name)) {
      const found: MembraneAction | undefined = (
        await this.membrane.listActions(api.connectionId, undefined, 100)
      ).find((action) => action.id === name)
      // Not among the listed actions: Membrane itself decides whether it runs (and checks the input).
      return {id: name, inputSchema: found?.inputSchema, key: undefined, label: found?.key || name}
    }

    // The user asked for this key by name: a cached "no such action" is looked up again.
    if (this.context.cache.action(api.connectionId, name) === null) await directory.forget(name)
    const action = await directory.resolve(name)
    if (!action) {
      // Leave no "missing" entry behind for a key that may be a typo.
      await directory.forget(name)
      throw new NotFoundError(`No action "${name}" on this connection.`, {
        code: 'action_not_found',
        hint: `\`close actions list --intent ${JSON.stringify(name)}\` shows the closest actions and their keys.`,
      })
    }

    return {id: action.id, inputSchema: action.inputSchema, key: name, label: name}
  }
}

/** `--input JSON|@FILE|-` → the parsed input; `{}` when absent. Bad JSON is a UsageError (exit 2). */
export function readInput(flag: string | undefined, read: (path: string) => string = readSource()): unknown {
  if (flag === undefined) return {}
  if (flag === '-') return parseJson(read('-'), '--input (stdin)')
  if (flag.startsWith('@')) return parseJson(read(flag.slice(1)), `--input ${flag}`)
  return parseJson(flag, '--input')
}
