import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {leadArg, leadFlags} from '../../flags/leads.js'
import {fieldsFlag} from '../../flags/list.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'
import {updateLead} from '../../services/leads.js'

export default class LeadsUpdate extends RecordCommand<typeof LeadsUpdate> {
  static aliases = ['leads:edit']
  static args = leadArg
  static description = `Sends only the fields you give; everything else stays as it is. Address flags change the lead's first address part by part (the others are kept). Close does not change contacts through a lead, so --contact and --contact-name/--contact-email/--contact-phone add new contacts to the lead; change existing ones with \`close contacts update\`. Without any field to change it exits 2.`
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components" --status Qualified',
    '<%= config.bin %> <%= command.id %> "Pinestone Communications" --name "Pinestone Communications Inc."',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --city Austin --set Industry=Software --json',
    '<%= config.bin %> <%= command.id %> "Zenant Plumbing" --contact "Maria Lopez <maria@zenantplumbing.com>"',
  ]
  static flags = {...fieldsFlag, ...leadFlags('update')}
  static summary = 'Change a lead: only the fields given are sent.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    this.flags.fields = await fieldsByName(deps, 'lead', leads, this.flags.fields)
    const lead = await updateLead(deps, this.args.id, this.flags)
    return this.shownLead(
      await labelledView(deps, 'lead', leads, showsCustom(lead, this.flags.fields)),
      lead,
      'Updated',
    )
  }
}
