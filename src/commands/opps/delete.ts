import type {CloseObject} from '../../close/normalize.js'
import type {DeleteResult} from '../../services/records.js'

import {formatMoney} from '../../close/format.js'
import {opportunities} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {idArg, yesFlag} from '../../flags/record.js'

export default class OppsDelete extends RecordCommand<typeof OppsDelete> {
  static aliases = ['opps:rm']
  static args = idArg(opportunities)
  static description = [
    'On a terminal you are shown the opportunity and asked to confirm; off a terminal (scripts, CI) --yes',
    'is required. There is no undo.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W',
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W --yes',
    '<%= config.bin %> <%= command.id %> oppo_V5DRNzX9jqRt2uLZdAVm9W --yes --json',
  ]
  static flags = yesFlag
  static summary = 'Delete an opportunity.'

  public async execute(): Promise<DeleteResult> {
    return this.deleteAndReport(opportunities, this.args.id, this.flags.yes, describe)
  }
}

/** How the confirmation question and the result name the opportunity. */
function describe(opp: CloseObject): string {
  return [opp.lead_name, opp.status_label, opp.value === undefined ? '' : formatMoney(opp.value, opp.value_currency)]
    .filter(Boolean)
    .join(', ')
}
