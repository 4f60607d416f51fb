import {Flags} from '@oclif/core'

import type {MembraneAction} from '../../membrane/types.js'
import type {RecordView} from '../../output/types.js'

import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'

/** How actions look in a table; `--json` prints the whole objects, inputSchema included. */
export const actionView: RecordView = {
  columns: [
    {header: 'KEY', key: 'key', maxWidth: 32},
    {header: 'NAME', key: 'name', maxWidth: 32},
    {header: 'DESCRIPTION', key: 'description', maxWidth: 80},
  ],
  fields: ['id', 'key', 'name', 'description', 'inputSchema', 'outputSchema', 'integrationKey', 'layer'],
  noun: 'action',
  plural: 'actions',
}

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
    const api = await this.close()
    const intent = this.flags.intent?.trim() || undefined
    const actions = await this.membrane.listActions(api.connectionId, intent, this.flags.limit)
    const shown = actions.slice(0, this.flags.limit)
    const whole = this.io.json || this.flags.output === 'json' || this.flags.output === 'ndjson'
    const rows = whole ? shown : shown.map((action) => (action.key ? action : {...action, key: action.id}))
    await this.out.list(actionView, [rows])
    return shown
  }
}
