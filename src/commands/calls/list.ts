import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {calls} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {activityFilterFlags} from '../../flags/calls.js'
import {listFlags} from '../../flags/list.js'
import {activityListParams} from '../../services/calls.js'

export default class CallsList extends BaseCommand<typeof CallsList> {
  static aliases = ['calls:ls']
  static examples = [
    '<%= config.bin %> <%= command.id %> --user me --since "-1w"',
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components" --json',
  ]
  static flags = {
    ...listFlags,
    ...activityFilterFlags,
    since: Flags.string({description: 'Only calls on or after this date (2026-12-01, monday, -1w…).'}),
  }
  static summary = 'List call activities, newest first.'

  public async execute(): Promise<ListSummary> {
    const {flags} = this
    const params = await activityListParams(this.deps(), {lead: flags.lead, since: flags.since, user: flags.user})
    const close = await this.close()
    const limit = flags.all ? undefined : flags.limit
    return this.out.list(calls, close.list(calls, params, limit), {limit})
  }
}
