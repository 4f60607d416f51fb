import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {leadArg} from '../../flags/leads.js'
import {fieldsFlag} from '../../flags/list.js'
import {webFlag} from '../../flags/record.js'
import {screenStyle} from '../../output/screens.js'
import {fieldsByName, labelledView} from '../../services/custom-fields.js'
import {leadPage} from '../../services/lead-page.js'
import {leadRef, rememberLead} from '../../services/lead-ref.js'

export default class LeadsGet extends RecordCommand<typeof LeadsGet> {
  static aliases = ['leads:show', 'leads:view']
  static args = leadArg
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components"',
    '<%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --json',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --fields id,display_name,status_label',
  ]
  static flags = {...fieldsFlag, ...webFlag}
  static summary = 'Show one lead with its contacts, opportunities and addresses.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    const {id} = await leadRef(deps, this.args.id, {flag: 'the lead argument'})
    await rememberLead(deps, id)
    if (!this.wantsPage()) {
      this.flags.fields = await fieldsByName(deps, 'lead', leads, this.flags.fields)
      return this.show(await labelledView(deps, 'lead', leads, true), id)
    }

    const page = await leadPage(deps, id)
    const {renderLeadPage} = await import('../../output/record-page.js')
    return this.page(renderLeadPage(page, screenStyle(this.io)), page.lead)
  }
}
