import {Flags} from '@oclif/core'

import type {MembraneAction} from '../../membrane/types.js'

import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {actionView, listActions} from '../../services/actions.js'
import {wantsJson} from '../../services/support.js'

export default class ActionsList extends BaseCommand<typeof ActionsList> {
  static aliases = ['actions:ls']
  static description = `The actions Membrane offers on the Close connection in use. With --intent, the best matches come first (Membrane ranks them by meaning, not by exact words). Run one with \`close actions run KEY\`.

--json prints the full objects, each with the inputSchema that \`actions run\` checks its --input against. An action without a key shows its ID in the KEY column; \`actions run\` takes either.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    "<%= config.bin %> <%= command.id %> --intent 'create a task'",
    '<%= config.bin %> <%= command.id %> --intent list-opportunities --json',
    '<%= config.bin %> <%= command.id %> --fields key,name | cut -f1',
  ]
  static flags = {
    ...fieldsFlag,
    intent: Flags.string({description: 'What you want to do, in words or as a key, e.g. "create a note".'}),
    limit: Flags.integer({
      default: 100,
      description: 'How many actions to show (Membrane serves at most 100).',
      max: 100,
      min: 1,
    }),
  }
  static summary = "List Membrane's Close actions, optionally the best matches for an intent."

  public async execute(): Promise<MembraneAction[]> {
    const deps = {...this.deps(), cache: this.context.cache, membrane: this.membrane}
    const json = wantsJson(this.io)
    const {rows, shown} = await listActions(deps, {...this.flags, json})
    await this.out.list(actionView, [rows])
    return shown
  }
}
