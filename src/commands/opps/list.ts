import type {ListSummary} from '../../output/types.js'

import {opportunities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {opportunityListFlags} from '../../flags/opportunities.js'
import {listOpportunities} from '../../services/opportunities.js'

export default class OppsList extends BaseCommand<typeof OppsList> {
  static aliases = ['opps:ls']
  static description = [
    'Filters combine: --lead (an ID, URL, email, domain or name), --user (me, a user ID, an email or a',
    'name), --status (a status label of your pipelines), --status-type, and date ranges on creation or',
    'on the won date. Dates take YYYY-MM-DD, today, yesterday, fri, next monday or relative days such as',
    "-30d. VALUE is shown in the opportunity's currency; JSON keeps Close's cents.",
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --user me --status-type active',
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components"',
    '<%= config.bin %> <%= command.id %> --status-type won --won-after 2026-01-01 --won-before 2026-03-31 --json',
    '<%= config.bin %> <%= command.id %> --status "Proposal Sent" --created-after -30d',
    '<%= config.bin %> <%= command.id %> --all -o ndjson > opportunities.ndjson',
  ]
  static flags = {...listFlags, ...opportunityListFlags}
  static summary = 'List opportunities: your pipeline, filtered by lead, owner, status and dates.'

  public async execute(): Promise<ListSummary> {
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(opportunities, await listOpportunities(this.deps(), this.flags, limit), {limit})
  }
}
