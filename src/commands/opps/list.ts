import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {opportunities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {opportunityListParams, statusTypes} from '../../services/opportunities.js'
import {lazyResolver} from '../../services/support.js'

export default class OppsList extends BaseCommand<typeof OppsList> {
  static aliases = ['opps:ls']
  static description = [
    'Filters combine: --lead, --user (me, a user ID, an email or a name), --status (a status label of',
    'your pipelines), --status-type, and date ranges on creation or on the won date. Dates take',
    "YYYY-MM-DD, today, yesterday or relative days such as -30d. VALUE is shown in the opportunity's",
    "currency; JSON keeps Close's cents.",
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --user me --status-type active',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV',
    '<%= config.bin %> <%= command.id %> --status-type won --won-after 2026-01-01 --won-before 2026-03-31 --json',
    '<%= config.bin %> <%= command.id %> --status "Proposal Sent" --created-after -30d',
    '<%= config.bin %> <%= command.id %> --all -o ndjson > opportunities.ndjson',
  ]
  static flags = {
    ...listFlags,
    'created-after': Flags.string({description: 'Created on or after this date (YYYY-MM-DD, today, -7d, …).'}),
    'created-before': Flags.string({description: 'Created on or before this date.'}),
    lead: Flags.string({description: 'Only opportunities of this lead (lead_…).'}),
    status: Flags.string({description: 'Only this status: a label of your pipelines, e.g. "Proposal Sent".'}),
    'status-type': Flags.option({description: 'Only statuses of this type.', options: statusTypes})(),
    user: Flags.string({description: 'Only opportunities owned by this user: me, a user ID, an email or a name.'}),
    'won-after': Flags.string({description: 'Won (or expected to close) on or after this date.'}),
    'won-before': Flags.string({description: 'Won (or expected to close) on or before this date.'}),
  }
  static summary = 'List opportunities: your pipeline, filtered by lead, owner, status and dates.'

  public async execute(): Promise<ListSummary> {
    const {flags} = this
    const params = await opportunityListParams(
      {
        createdAfter: flags['created-after'],
        createdBefore: flags['created-before'],
        lead: flags.lead,
        status: flags.status,
        statusType: flags['status-type'],
        user: flags.user,
        wonAfter: flags['won-after'],
        wonBefore: flags['won-before'],
      },
      lazyResolver(() => this.lookups()),
    )
    const close = await this.close()
    const limit = flags.all ? undefined : flags.limit
    return this.out.list(opportunities, close.list(opportunities, params, limit), {limit})
  }
}
