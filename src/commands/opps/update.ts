import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {opportunities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {OPPORTUNITY_FIELD_FLAGS, opportunityBody} from '../../services/opportunities.js'
import {requireChanges, withFieldErrors} from '../../services/records.js'
import {forgetStaleLookups, lazyResolver} from '../../services/support.js'
import {opportunityFlags} from './create.js'

export default class OppsUpdate extends BaseCommand<typeof OppsUpdate> {
  static aliases = ['opps:edit']
  static args = {
    id: Args.string({description: 'Opportunity ID (oppo_…).', required: true}),
  }
  static description = [
    'Takes the same flags as opps create and sends only the ones given. Moving to a won status sets the',
    'won date (Close does that, the first time); --status takes a label of your pipelines.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj --status Won',
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj --value 15,500 --confidence 80',
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj --user me --note "Champion: Dana" --json',
  ]
  static flags = {...fieldsFlag, ...opportunityFlags}
  static summary = "Change an opportunity's status, value, confidence, owner or note."

  public async execute(): Promise<CloseObject> {
    const {flags} = this
    const id = assertId(opportunities, this.args.id)
    const changes = await opportunityBody(
      {
        confidence: flags.confidence,
        lead: flags.lead,
        note: flags.note,
        period: flags.period,
        status: flags.status,
        user: flags.user,
        value: flags.value,
      },
      lazyResolver(() => this.lookups()),
    )
    requireChanges(changes, Object.keys(opportunityFlags))
    const close = await this.close()
    try {
      const updated = await withFieldErrors(
        () => close.update(opportunities, id, changes),
        OPPORTUNITY_FIELD_FLAGS,
        'opportunity',
      )
      await this.out.record(opportunities, updated)
      return updated
    } catch (error) {
      await forgetStaleLookups(error, async () => (await this.lookups()).forget())
      throw error
    }
  }
}
