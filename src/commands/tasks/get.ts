import type {CloseObject} from '../../close/normalize.js'

import {tasks} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {webFlag} from '../../flags/record.js'
import {idOrUrlArg} from '../../flags/refs.js'
import {getTask} from '../../services/tasks.js'

export default class TasksGet extends RecordCommand<typeof TasksGet> {
  static aliases = ['tasks:show', 'tasks:view']
  static args = idOrUrlArg(tasks)
  static examples = [
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --json',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --fields text,date,is_complete,view',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one task: what, when, on which lead, for whom, and whether it is done.'

  public async execute(): Promise<CloseObject> {
    return this.shown(tasks, await getTask(this.deps(), this.args.id))
  }
}
