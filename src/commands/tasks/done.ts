import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {completeTasks} from '../../services/tasks.js'

export default class TasksDone extends BaseCommand<typeof TasksDone> {
  static aliases = ['tasks:complete']
  static args = {ids: Args.string({description: 'Task IDs (task_…) or Close task URLs; several may be given.'})}
  static description = [
    'Completes every task named (IDs or pasted Close URLs) in one request to Close, then prints them as',
    'they now are. Without IDs, on a terminal you tick them in a list of your inbox; off a terminal that',
    'exits 2. Like rm, an ID that matches no task does not stop the others: they are completed, and the',
    'command exits 5 naming the unknown IDs.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz task_Wr6aHLb6KzAleeK7eAZcQM',
    '<%= config.bin %> <%= command.id %> $(close tasks list -o tsv --fields id | head -3) --json',
  ]
  static flags = {...fieldsFlag}
  static strict = false
  static summary = 'Complete one or more tasks (pick them from your inbox on a terminal).'

  public async execute(): Promise<CloseObject[]> {
    const {argv} = await this.parse(TasksDone)
    const done = await completeTasks(this.deps(), argv.map(String))
    await this.out.list(tasks, [done])
    this.out.message(`Completed ${done.length === 1 ? '1 task' : `${done.length} tasks`}.`)
    return done
  }
}
