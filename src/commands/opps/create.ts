import type {CloseObject} from '../../close/normalize.js'

import {opportunities} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {opportunityFlags} from '../../flags/opportunities.js'
import {createOpportunity} from '../../services/opportunities.js'

export default class OppsCreate extends RecordCommand<typeof OppsCreate> {
  static aliases = ['opps:add']
  static description = [
    '--lead (an ID, a Close URL, an email, a website or a name) and --value (12000, 12k, $12,000.50) are',
    'required: on a terminal a missing one is asked for (the lead with a search picker), off a terminal it',
    "exits 2. Everything else has Close's default: the pipeline's first status, one_time, and you as owner.",
    'Moving the opportunity to a won status later (opps update --status) makes Close set its won date.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components" --value 12k',
    '<%= config.bin %> <%= command.id %> --lead "Pinestone Communications" --value 499 --period monthly --confidence 60 --status "Proposal Sent" --note "Pilot for 10 seats"',
    '<%= config.bin %> <%= command.id %> --lead charles.anderson@auriocomponents.com --value 12,000 --user me --json',
    '<%= config.bin %> <%= command.id %>',
  ]
  static flags = {...fieldsFlag, ...opportunityFlags}
  static summary = 'Create an opportunity (a deal) on a lead.'

  public async execute(): Promise<CloseObject> {
    return this.shown(opportunities, await createOpportunity(this.deps(), {...this.flags}))
  }
}
