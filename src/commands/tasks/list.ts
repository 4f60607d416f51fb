import type {ListSummary} from '../../output/types.js'

import {tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {taskListFlags} from '../../flags/tasks.js'
import {listTasks} from '../../services/tasks.js'

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
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components" --view archive',
    '<%= config.bin %> <%= command.id %> --assignee "Jordan Lee" --all-types --json',
    '<%= config.bin %> <%= command.id %> --assignee anyone --view inbox --all -o ndjson',
  ]
  static flags = {...listFlags, ...taskListFlags}
  static summary = 'List tasks; by default your inbox for today.'

  public async execute(): Promise<ListSummary> {
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(tasks, await listTasks(this.deps(), this.flags, limit), {limit})
  }
}
