import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'

export default class TasksGet extends BaseCommand<typeof TasksGet> {
  static aliases = ['tasks:show', 'tasks:view']
  static args = {
    id: Args.string({description: 'Task ID (task_…).', required: true}),
  }
  static examples = [
    '<%= config.bin %> <%= command.id %> task_5pQrStUvWxYz0aBcDeFgHi',
    '<%= config.bin %> <%= command.id %> task_5pQrStUvWxYz0aBcDeFgHi --json',
    '<%= config.bin %> <%= command.id %> task_5pQrStUvWxYz0aBcDeFgHi --fields text,date,is_complete,view',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one task: what, when, on which lead, for whom, and whether it is done.'

  public async execute(): Promise<CloseObject> {
    const id = assertId(tasks, this.args.id)
    const close = await this.close()
    const task = await close.get(tasks, id)
    await this.out.record(tasks, task)
    return task
  }
}
