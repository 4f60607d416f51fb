import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {NotFoundError} from '../../errors.js'
import {fieldsFlag} from '../../flags/list.js'
import {withFieldErrors} from '../../services/records.js'
import {completeTasksRequest, TASK_FIELD_FLAGS, taskIds, tasksByIdParams} from '../../services/tasks.js'

export default class TasksDone extends BaseCommand<typeof TasksDone> {
  static aliases = ['tasks:complete']
  static args = {
    ids: Args.string({description: 'Task IDs (task_…), one or more.', required: true}),
  }
  static description = [
    'Completes every task named in one request to Close, then prints them as they now are (done, in the',
    'archive view). Like rm, an ID that matches no task does not stop the others: they are completed, and',
    'the command exits 5 naming the unknown IDs.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz task_Wr6aHLb6KzAleeK7eAZcQM',
    '<%= config.bin %> <%= command.id %> $(close tasks list -o tsv --fields id | head -3) --json',
  ]
  static flags = {...fieldsFlag}
  static strict = false
  static summary = 'Complete one or more tasks.'

  public async execute(): Promise<CloseObject[]> {
    const {argv} = await this.parse(TasksDone)
    const ids = taskIds(argv.map(String))
    const close = await this.close()
    const request = completeTasksRequest(ids)
    await withFieldErrors(
      () => close.proxy(request.method, request.path, request.query, request.body, {retry: true}),
      TASK_FIELD_FLAGS,
      'task',
    )
    const completed: CloseObject[] = []
    for await (const page of close.list(tasks, tasksByIdParams(ids)).pages) completed.push(...page)
    const found = new Set(completed.map((task) => String(task.id)))
    const done = ids.filter((id) => found.has(id)).map((id) => completed.find((task) => task.id === id)!)
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length > 0) {
      // Like `rm a b`: the tasks that exist are completed; the error names the rest (stdout stays clean).
      const others = done.length === 0 ? '' : `; completed ${done.map((task) => task.id).join(', ')}`
      const which = missing.length === 1 ? `task with ID ${missing[0]}` : `tasks with IDs ${missing.join(', ')}`
      throw new NotFoundError(`No ${which}${others}.`, {
        code: 'not_found',
        details: {completed: done.map((task) => task.id), missing},
        hint: 'Check the IDs; `close tasks list` shows your tasks.',
      })
    }

    await this.out.list(tasks, [done])
    this.out.message(`Completed ${done.length === 1 ? '1 task' : `${done.length} tasks`}.`)
    return done
  }
}
