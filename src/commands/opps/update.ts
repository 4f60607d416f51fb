import type {CloseObject} from '../../close/normalize.js'

import {opportunities} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {opportunityUpdateFlags} from '../../flags/opportunities.js'
import {pickableIdArg} from '../../flags/refs.js'
import {updateOpportunity} from '../../services/opportunities.js'

export default class OppsUpdate extends RecordCommand<typeof OppsUpdate> {
  static aliases = ['opps:edit']
  static args = pickableIdArg(opportunities, "your open opportunities (the lead's with --lead)")
  static description = [
    'Takes the same flags as opps create and sends only the ones given. Moving to a won status sets the',
    'won date (Close does that, the first time); --status takes a label of your pipelines.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W --status Won',
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W --value 15.5k --confidence 80',
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W --user me --note "Champion: Charles" --json',
  ]
  static flags = {...fieldsFlag, ...opportunityUpdateFlags}
  static summary = "Change an opportunity's status, value, confidence, owner or note."

  public async execute(): Promise<CloseObject> {
    return this.shown(opportunities, await updateOpportunity(this.deps(), {...this.flags, id: this.args.id}))
  }
}
