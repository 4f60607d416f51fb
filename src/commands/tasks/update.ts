import type {CloseObject} from '../../close/normalize.js'

import {tasks} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idOrUrlArg} from '../../flags/refs.js'
import {taskUpdateFlags} from '../../flags/tasks.js'
import {updateTask} from '../../services/tasks.js'

export default class TasksUpdate extends RecordCommand<typeof TasksUpdate> {
  static aliases = ['tasks:edit']
  static args = idOrUrlArg(tasks)
  static description = [
    'Sends only the flags given. --no-complete reopens a done task; to complete tasks use `close tasks',
    'done`, which takes several IDs at once.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --due +2d',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --text "Call Rebecca, not Charles" --assignee me',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --no-complete --json',
  ]
  static flags = {...fieldsFlag, ...taskUpdateFlags}
  static summary = "Change a task's text, due date or assignee, or reopen it."

  public async execute(): Promise<CloseObject> {
    return this.shown(tasks, await updateTask(this.deps(), {...this.flags, id: this.args.id}))
  }
}
