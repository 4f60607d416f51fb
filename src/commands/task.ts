import {Args, Flags} from '@oclif/core'

import type {CloseObject} from '../close/normalize.js'

import {CaptureCommand} from '../command-base/capture-command.js'
import {captureTask} from '../services/capture.js'

export default class Task extends CaptureCommand<typeof Task> {
  static args = {
    lead: Args.string({description: 'The lead: ID, Close URL, email, phone, domain, name or @last.', required: true}),
    text: Args.string({description: 'What needs doing.', required: true}),
  }
  static description =
    'Quick capture: the same as `tasks create`. Due today unless --due; yours unless --assignee. Prints one line (✓ Task added to …); --json prints the task.'
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components" "Send the contract" --due fri',
    '<%= config.bin %> <%= command.id %> "Zenant Plumbing" "Follow up" --due "+3d" --assignee priya.patel@acme-demo.example --json',
  ]
  static flags = {
    assignee: Flags.string({description: 'Assign to: me (default), a user ID, an email or a name.'}),
    due: Flags.string({description: 'Due: today (default), tomorrow, fri, +3d, 2026-12-01, "fri 3pm".'}),
  }
  static summary = 'Add a task to a lead.'

  public async execute(): Promise<CloseObject> {
    const {args, flags} = this
    return this.done(await captureTask(this.deps(), {...flags, lead: args.lead, text: args.text}))
  }
}
