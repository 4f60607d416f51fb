import {Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'
import {requireChanges, withFieldErrors} from '../../services/records.js'
import {forgetStaleLookups, lazyResolver} from '../../services/support.js'
import {TASK_FIELD_FLAGS, taskBody} from '../../services/tasks.js'
import {taskFlags} from './create.js'

export default class TasksUpdate extends BaseCommand<typeof TasksUpdate> {
  static aliases = ['tasks:edit']
  static args = idArg(tasks)
  static description = [
    'Sends only the flags given. --no-complete reopens a done task; to complete tasks use `close tasks',
    'done`, which takes several IDs at once.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --due +2d',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --text "Call Dana, not Sam" --assignee me',
    '<%= config.bin %> <%= command.id %> task_R7Gw2McQXCdvRuBzQxdtaz --no-complete --json',
  ]
  static flags = {
    ...fieldsFlag,
    ...taskFlags,
    complete: Flags.boolean({allowNo: true, description: 'Mark done (--complete) or not done (--no-complete).'}),
  }
  static summary = "Change a task's text, due date or assignee, or reopen it."

  public async execute(): Promise<CloseObject> {
    const {flags} = this
    const id = assertId(tasks, this.args.id)
    const changes = await taskBody(
      {assignee: flags.assignee, due: flags.due, text: flags.text},
      lazyResolver(() => this.lookups()),
    )
    if (flags.complete !== undefined) changes.is_complete = flags.complete
    requireChanges(changes, ['text', 'due', 'assignee', 'complete', 'no-complete'])
    const close = await this.close()
    try {
      const updated = await withFieldErrors(() => close.update(tasks, id, changes), TASK_FIELD_FLAGS, 'task')
      await this.out.record(tasks, updated)
      return updated
    } catch (error) {
      await forgetStaleLookups(error, async () => (await this.lookups()).forget())
      throw error
    }
  }
}
