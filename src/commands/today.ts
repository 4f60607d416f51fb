import {Flags} from '@oclif/core'

import {BaseCommand} from '../command-base/base-command.js'
import {screenStyle} from '../output/screens.js'
import {today, type TodayResult} from '../services/today.js'

export default class Today extends BaseCommand<typeof Today> {
  static description = [
    'Overdue tasks, tasks due today, today’s meetings and your active opportunities expected to close',
    'this month (Close keeps the expected close date in date_won). --json gives',
    '{"date", "tasks": {"overdue", "today"}, "meetings", "opportunities": {"closing"}} of Close objects.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --user priya.patel@acme-demo.example',
    '<%= config.bin %> <%= command.id %> --user all --json',
  ]
  static flags = {
    user: Flags.string({default: 'me', description: 'Whose day: me (default), a user (ID, email, name) or all.'}),
  }
  static summary = 'Your day: tasks, meetings and deals closing this month.'

  protected async display(result: TodayResult): Promise<void> {
    const {renderToday} = await import('../output/today-view.js')
    await this.emit(renderToday(result, screenStyle(this.io)))
  }

  public async execute(): Promise<TodayResult> {
    return today(this.deps(), {user: this.flags.user})
  }
}
