import type {CloseObject} from '../../close/normalize.js'

import {tasks} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {taskCreateFlags} from '../../flags/tasks.js'
import {createTask} from '../../services/tasks.js'

export default class TasksCreate extends RecordCommand<typeof TasksCreate> {
  static aliases = ['tasks:add']
  static description = [
    '--lead (an ID, a Close URL, an email, a website or a name) and --text are required: on a terminal a',
    'missing one is asked for (the lead with a search picker), off a terminal it exits 2. Without --due',
    'the task is due today; without --assignee it is yours.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components" --text "Call back about pricing" --due fri',
    '<%= config.bin %> <%= command.id %> --lead "Zenant Plumbing" --text "Send contract" --due "next monday" --assignee priya.patel@acme-demo.example',
    '<%= config.bin %> <%= command.id %> --lead charles.anderson@auriocomponents.com --text "Follow up" --due +3d --json',
    '<%= config.bin %> <%= command.id %>',
  ]
  static flags = {...fieldsFlag, ...taskCreateFlags}
  static summary = 'Create a task (a to-do on a lead).'

  public async execute(): Promise<CloseObject> {
    return this.shown(tasks, await createTask(this.deps(), this.flags))
  }
}
