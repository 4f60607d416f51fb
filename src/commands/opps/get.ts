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
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W',
    '<%= config.bin %> <%= command.id %> https://app.close.com/lead/lead_XZW0eDJ67uXvO0FeALnXUV/opportunity/oppo_V5DRNzX9jqRt2uLZdAVm9W/ --json',
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W --fields status_label,value,date_won',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one opportunity: lead, status, value, confidence, owner and dates.'

  public async execute(): Promise<CloseObject> {
    return this.shown(opportunities, await getOpportunity(this.deps(), this.args.id))
  }
}
