import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {meetings} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {activityFilterFlags} from '../../flags/calls.js'
import {listFlags} from '../../flags/list.js'
import {activityListParams, meetingWhen, meetingWindow} from '../../services/calls.js'

export default class MeetingsList extends BaseCommand<typeof MeetingsList> {
  static aliases = ['meetings:ls']
  static examples = [
    '<%= config.bin %> <%= command.id %> --today',
    '<%= config.bin %> <%= command.id %> --upcoming --user me --json',
  ]
  static flags = {
    ...listFlags,
    ...activityFilterFlags,
    past: Flags.boolean({
      description: 'Only meetings that have started, newest first.',
      exclusive: ['today', 'upcoming'],
    }),
    today: Flags.boolean({description: 'Only meetings today, in order.', exclusive: ['past', 'upcoming']}),
    upcoming: Flags.boolean({
      description: 'Only meetings still to start, soonest first.',
      exclusive: ['past', 'today'],
    }),
  }
  static summary = 'List meetings.'

  public async execute(): Promise<ListSummary> {
    const {flags} = this
    const filters = await activityListParams(this.deps(), {lead: flags.lead, user: flags.user})
    const params = {...filters, ...meetingWindow(meetingWhen.find((w) => flags[w]))}
    const close = await this.close()
    const limit = flags.all ? undefined : flags.limit
    return this.out.list(meetings, close.list(meetings, params, limit), {limit})
  }
}
