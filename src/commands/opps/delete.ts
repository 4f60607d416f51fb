import type {DeleteResult} from '../../services/records.js'

import {opportunities} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {yesFlag} from '../../flags/record.js'
import {idOrUrlArg} from '../../flags/refs.js'
import {describeOpportunity} from '../../services/opportunities.js'
import {recordIdOf} from '../../services/support.js'

export default class OppsDelete extends RecordCommand<typeof OppsDelete> {
  static aliases = ['opps:rm']
  static args = idOrUrlArg(opportunities)
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
    return this.deleteAndReport(
      opportunities,
      recordIdOf(this.args.id, 'opportunity', 'ID'),
      this.flags.yes,
      describeOpportunity,
    )
  }
}
