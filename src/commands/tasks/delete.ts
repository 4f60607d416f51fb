import {Args, Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {BaseCommand} from '../../base-command.js'
import {assertId} from '../../close/ids.js'
import {tasks} from '../../close/resources.js'
import {deleteMessage, deleteRecord, type DeleteResult} from '../../services/records.js'
import {describedForDelete} from '../../services/records.js'
import {wantsJson} from '../../services/support.js'

export default class TasksDelete extends BaseCommand<typeof TasksDelete> {
  static aliases = ['tasks:rm']
  static args = {
    id: Args.string({description: 'Task ID (task_…).', required: true}),
  }
  static description = [
    'On a terminal you are shown the task and asked to confirm; off a terminal (scripts, CI) --yes is',
    'required. To mark a task done instead, use `close tasks done`.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> task_5pQrStUvWxYz0aBcDeFgHi',
    '<%= config.bin %> <%= command.id %> task_5pQrStUvWxYz0aBcDeFgHi --yes',
    '<%= config.bin %> <%= command.id %> task_5pQrStUvWxYz0aBcDeFgHi --yes --json',
  ]
  static flags = {
    yes: Flags.boolean({char: 'y', description: 'Delete without asking.'}),
  }
  static summary = 'Delete a task.'

  public async run(): Promise<DeleteResult> {
    const id = assertId(tasks, this.args.id)
    const result = await deleteRecord(async () => describedForDelete(await this.close(), describe), tasks, id, {
      interactive: this.interactive,
      yes: this.flags.yes,
    })
    this.out.message(deleteMessage(tasks, result))
    if (result.deleted && wantsJson(this.flags)) await this.out.record(tasks, {deleted: true, id: result.id})
    return result
  }
}

/** How the confirmation question and the result name the task. */
function describe(task: CloseObject): string {
  return [task.text, task.lead_name].filter(Boolean).join(' — ')
}
