import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {lazyResolver} from '../../services/support.js'
import {taskListParams, taskViews} from '../../services/tasks.js'

export default class TasksList extends BaseCommand<typeof TasksList> {
  static aliases = ['tasks:ls']
  static description = [
    'Without flags: your inbox — incomplete tasks due today or earlier, assigned to you. --view future',
    "shows what is due from tomorrow, --view archive what is done. With --lead you see that lead's tasks",
    'whoever they are assigned to; --assignee narrows to a user (me, a user ID, an email or a name) or',
    'widens to anyone. Only plain to-dos are listed unless --all-types (which adds email follow-ups,',
    'missed calls and the like).',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --view future',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --view archive',
    '<%= config.bin %> <%= command.id %> --assignee priya.patel@acme-demo.example --all-types --json',
    '<%= config.bin %> <%= command.id %> --assignee anyone --view inbox --all -o ndjson',
  ]
  static flags = {
    ...listFlags,
    'all-types': Flags.boolean({description: 'Every task type, not only plain to-dos (_type=all).'}),
    assignee: Flags.string({
      description: 'Assigned to: me (default without --lead), anyone, a user ID, an email or a name.',
    }),
    lead: Flags.string({description: 'Only tasks on this lead (lead_…).'}),
    view: Flags.option({
      description: 'inbox: due up to today and not done (default); future: due later; archive: done.',
      options: taskViews,
    })(),
  }
  static summary = 'List tasks; by default your inbox for today.'

  public async execute(): Promise<ListSummary> {
    const {flags} = this
    const params = await taskListParams(
      {allTypes: flags['all-types'], assignee: flags.assignee, lead: flags.lead, view: flags.view},
      lazyResolver(() => this.lookups()),
    )
    const close = await this.close()
    const limit = flags.all ? undefined : flags.limit
    return this.out.list(tasks, close.list(tasks, params, limit), {limit})
  }
}
