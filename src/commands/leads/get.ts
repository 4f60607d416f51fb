import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg, webFlag} from '../../flags/record.js'
import {screenStyle} from '../../output/screens.js'
import {leadPage} from '../../services/lead-page.js'

export default class LeadsGet extends RecordCommand<typeof LeadsGet> {
  static aliases = ['leads:show', 'leads:view']
  static args = idArg(leads)
  static examples = [
    '<%= config.bin %> <%= command.id %> lead_8dWqYqDz3mTBxqZ2Y0n7kA',
    '<%= config.bin %> <%= command.id %> lead_8dWqYqDz3mTBxqZ2Y0n7kA --json',
    '<%= config.bin %> <%= command.id %> lead_8dWqYqDz3mTBxqZ2Y0n7kA --fields id,display_name,status_label',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one lead with its contacts, opportunities and addresses.'

  public async execute(): Promise<CloseObject> {
    if (!this.wantsPage()) return this.show(leads, this.args.id)
    const page = await leadPage(this.deps(), this.args.id)
    const {renderLeadPage} = await import('../../output/record-page.js')
    return this.page(renderLeadPage(page, screenStyle(this.io)), page.lead)
  }
}
