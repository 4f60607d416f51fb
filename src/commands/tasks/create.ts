import {Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'
import type {TaskInput} from '../../services/tasks.js'

import {assertId} from '../../close/ids.js'
import {leads, tasks} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {parseDate} from '../../input/values.js'
import {prompts} from '../../prompts/index.js'
import {withFieldErrors} from '../../services/records.js'
import {failIfMissing, forgetStaleLookups, lazyResolver, userChoices} from '../../services/support.js'
import {TASK_FIELD_FLAGS, taskBody} from '../../services/tasks.js'

/** The flags `tasks create` and `tasks update` share. */
export const taskFlags = {
  assignee: Flags.string({description: 'Assign to: me, a user ID, an email or a name (default: you).'}),
  due: Flags.string({
    description: 'Due date: YYYY-MM-DD, an ISO date-time, today, tomorrow, +3d, +1w (default: today).',
  }),
  text: Flags.string({description: 'What needs doing.'}),
}

export default class TasksCreate extends BaseCommand<typeof TasksCreate> {
  static aliases = ['tasks:add']
  static description = [
    '--lead and --text are required. On a terminal whatever is missing is asked for, with the due date',
    "and the assignee (picked from your organization's users); off a terminal a missing flag exits 2.",
    'Without --due Close makes the task due today; without --assignee it is yours.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --text "Call back about pricing" --due tomorrow',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --text "Send contract" --due 2026-12-01 --assignee priya.patel@acme-demo.example',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --text "Follow up" --due +3d --json',
    '<%= config.bin %> <%= command.id %>',
  ]
  static flags = {
    ...fieldsFlag,
    ...taskFlags,
    lead: Flags.string({description: 'Lead ID (lead_…) the task is about.'}),
  }
  static summary = 'Create a task (a to-do on a lead).'

  public async execute(): Promise<CloseObject> {
    const {flags} = this
    const input: TaskInput = {assignee: flags.assignee, due: flags.due, lead: flags.lead, text: flags.text}
    // What was given is checked before anything is spawned or asked.
    if (input.lead !== undefined) assertId(leads, input.lead, '--lead')
    if (input.due !== undefined) parseDate(input.due, '--due')
    const missing = (['lead', 'text'] as const).filter((key) => input[key] === undefined)
    failIfMissing(
      missing.map((key) => `--${key}`),
      this.interactive,
    )
    if (missing.length > 0) await this.ask(input)

    const body = await taskBody(
      input,
      lazyResolver(() => this.lookups()),
    )
    const close = await this.close()
    try {
      const created = await withFieldErrors(() => close.create(tasks, body), TASK_FIELD_FLAGS, 'task')
      await this.out.record(tasks, created)
      return created
    } catch (error) {
      await forgetStaleLookups(error, async () => (await this.lookups()).forget())
      throw error
    }
  }

  /** Guided creation on a terminal: each value not given is asked for; the assignee is a picker. */
  private async ask(input: TaskInput): Promise<void> {
    if (input.lead === undefined) {
      const answer = await prompts.input('Lead ID (lead_…):', {required: true})
      input.lead = assertId(leads, answer.trim(), '--lead')
    }

    input.text ??= await prompts.input('What needs doing?', {required: true})
    if (input.due === undefined) {
      input.due = await prompts.input('Due (YYYY-MM-DD, today, tomorrow, +3d):', {default: 'today'})
      parseDate(input.due, '--due')
    }

    if (input.assignee === undefined) {
      const lookups = await this.lookups()
      input.assignee = await prompts.select('Assign to:', userChoices(await lookups.users(), await lookups.me()))
    }
  }
}
