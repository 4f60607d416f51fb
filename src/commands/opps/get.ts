import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {opportunities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'

export default class OppsGet extends BaseCommand<typeof OppsGet> {
  static aliases = ['opps:show', 'opps:view']
  static args = {
    id: Args.string({description: 'Opportunity ID (oppo_…).', required: true}),
  }
  static examples = [
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj',
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj --json',
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj --fields status_label,value,date_won',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one opportunity: lead, status, value, confidence, owner and dates.'

  public async execute(): Promise<CloseObject> {
    const id = assertId(opportunities, this.args.id)
    const close = await this.close()
    const opportunity = await close.get(opportunities, id)
    await this.out.record(opportunities, opportunity)
    return opportunity
  }
}
