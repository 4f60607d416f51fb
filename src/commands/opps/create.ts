import type {CloseObject} from '../../close/normalize.js'

import {opportunities} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {opportunityFlags} from '../../flags/opportunities.js'
import {createOpportunity} from '../../services/opportunities.js'

export default class OppsCreate extends RecordCommand<typeof OppsCreate> {
  static aliases = ['opps:add']
  static description = [
    '--lead, --value and --status are required. On a terminal whatever is missing is asked for, the',
    "status and the owner picked from your organization's values; off a terminal a missing flag exits 2.",
    '--period defaults to one_time and the owner to you. Moving the opportunity to a won status later',
    '(opps update --status) makes Close set its won date.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --value 12,000 --status Negotiation',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --value 499 --period monthly --confidence 60 --status "Proposal Sent" --note "Pilot for 10 seats"',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --value 12000 --status Negotiation --user priya.patel@acme-demo.example --json',
    '<%= config.bin %> <%= command.id %>',
  ]
  static flags = {...fieldsFlag, ...opportunityFlags}
  static summary = 'Create an opportunity (a deal) on a lead.'

  public async execute(): Promise<CloseObject> {
    return this.shown(opportunities, await createOpportunity(this.deps(), {...this.flags}))
  }
}
