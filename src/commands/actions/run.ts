import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../command-base/base-command.js'
import {formatBody} from '../../raw/output.js'
import {runAction} from '../../services/actions.js'

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
    '<%= config.bin %> <%= command.id %> get-lead --input \'{"id": "lead_XZW0eDJ67uXvO0FeALnXUV"}\'',
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
    const deps = {...this.deps(), cache: this.context.cache, membrane: this.membrane}
    const output = await runAction(deps, {action: this.args.action, input: this.flags.input})
    await this.emit(formatBody(output, this.io.stdoutIsTTY))
    return output
  }
}
