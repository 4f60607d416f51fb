import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {leadFlags} from '../../flags/leads.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'
import {updateLead} from '../../services/leads.js'

export default class LeadsUpdate extends BaseCommand<typeof LeadsUpdate> {
  static aliases = ['leads:edit']
  static args = idArg(leads)
  static description = `Sends only the fields you give; everything else stays as it is. Address flags change the lead's first address part by part (the others are kept). Close does not change contacts through a lead, so --contact and --contact-name/--contact-email/--contact-phone add new contacts to the lead; change existing ones with \`close contacts update\`. Without any field to change it exits 2.`
  static examples = [
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --status Qualified',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --name "Acme Corporation" --url https://acme.com',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --city Austin --state TX --custom cf_kyhIuuutdy7sTDwVCNJtkp= --json',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --contact "Jane Doe <jane@acme.com>"',
  ]
  static flags = {...fieldsFlag, ...leadFlags('update')}
  static summary = 'Change a lead: only the fields given are sent.'

  public async execute(): Promise<CloseObject> {
    const lead = await updateLead(
      async () => ({api: await this.close(), lookups: await this.lookups()}),
      this.args.id,
      this.flags,
    )
    await this.out.record(leads, lead)
    return lead
  }
}
