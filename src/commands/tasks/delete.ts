import type {CloseObject} from '../../close/normalize.js'
import type {DeleteResult} from '../../services/records.js'

import {tasks} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {yesFlag} from '../../flags/record.js'
import {idOrUrlArg} from '../../flags/refs.js'
import {recordIdOf} from '../../services/support.js'

export default class TasksDelete extends RecordCommand<typeof TasksDelete> {
  static aliases = ['tasks:rm']
  static args = idOrUrlArg(tasks)
  static description = [
    'On a terminal you are shown the task and asked to confirm; off a terminal (scripts, CI) --yes is',
    'required. To mark a task done instead, use `close tasks done`.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --yes',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --yes --json',
  ]
  static flags = yesFlag
  static summary = 'Delete a task.'

  public async execute(): Promise<DeleteResult> {
    return this.deleteAndReport(tasks, recordIdOf(this.args.id, 'task', 'ID'), this.flags.yes, describe)
  }
}

/** How the confirmation question and the result name the task. */
function describe(task: CloseObject): string {
  return [task.text, task.lead_name].filter(Boolean).join(' — ')
}
