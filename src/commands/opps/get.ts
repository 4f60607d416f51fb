import type {CloseObject} from '../../close/normalize.js'

import {opportunities} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {webFlag} from '../../flags/record.js'
import {pickableIdArg} from '../../flags/refs.js'
import {getOpportunity} from '../../services/opportunities.js'

export default class OppsGet extends RecordCommand<typeof OppsGet> {
  static aliases = ['opps:show', 'opps:view']
  static args = pickableIdArg(opportunities, 'your open opportunities')
  static examples = [
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj',
    '<%= config.bin %> <%= command.id %> https://app.close.com/lead/lead_8dWqYqDz3mTBxqZ2Y0n7kA/opportunity/oppo_2Lk9wQeR5tYuIoPaSdFgHj/ --json',
    '<%= config.bin %> <%= command.id %> oppo_2Lk9wQeR5tYuIoPaSdFgHj --fields status_label,value,date_won',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one opportunity: lead, status, value, confidence, owner and dates.'

  public async execute(): Promise<CloseObject> {
    return this.shown(opportunities, await getOpportunity(this.deps(), this.args.id))
  }
}
