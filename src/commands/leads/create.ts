import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {leadFlags} from '../../flags/leads.js'
import {fieldsFlag} from '../../flags/list.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'
import {createLead} from '../../services/leads.js'

export default class LeadsCreate extends RecordCommand<typeof LeadsCreate> {
  static aliases = ['leads:add']
  static description = `Only --name is required: on a terminal it is asked for when missing; off a terminal (or with --json) a missing --name exits 2. --status takes a lead status label of your organization (default: its first status). Add contacts with --contact "Name <email>" (repeatable), or one contact with --contact-name/--contact-email/--contact-phone; a business address with the address flags; custom fields with --custom cf_ID=value. Prints the lead Close created; --json prints the Close object.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --name "Acme Inc" --status Potential',
    '<%= config.bin %> <%= command.id %> --name "Acme Inc" --url https://acme.com --contact "Jane Doe <jane@acme.com>" --contact "Bob Stone <bob@acme.com>"',
    '<%= config.bin %> <%= command.id %> --name "Acme Inc" --contact-name "Jane Doe" --contact-email jane@acme.com --contact-phone "+1 415 555 0100"',
    '<%= config.bin %> <%= command.id %> --name "Acme GmbH" --city Berlin --zip 10115 --country DE --custom cf_xxyX2q38k18ms6TVvy4I8H=Software --json',
  ]
  static flags = {...fieldsFlag, ...leadFlags('create')}
  static summary = 'Create a lead, with contacts and an address.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    this.flags.fields = await fieldsByName(deps, 'lead', leads, this.flags.fields)
    const lead = await createLead(deps, this.flags)
    return this.shownLead(
      await labelledView(deps, 'lead', leads, showsCustom(lead, this.flags.fields)),
      lead,
      'Created',
    )
  }
}
