import type {ListSummary} from '../../output/types.js'

import {contacts} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {contactLeadFlag} from '../../flags/contacts.js'
import {listFlags} from '../../flags/list.js'
import {contactListLead} from '../../services/contacts.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'

export default class ContactsList extends BaseCommand<typeof ContactsList> {
  static aliases = ['contacts:ls']
  static description = `With --lead (a name, email, website, Close URL, ID or @last), only the contacts of that lead; without it, contacts across the organization. On a terminal the result is a table; piped, it is tab-separated without a header; -o json|ndjson|csv|tsv for scripts. --all streams every page as it arrives.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components"',
    '<%= config.bin %> <%= command.id %> --limit 20 --fields id,name,"Preferred Channel"',
    '<%= config.bin %> <%= command.id %> --all -o ndjson > contacts.ndjson',
  ]
  static flags = {
    ...listFlags,
    ...contactLeadFlag('Only contacts of this lead: a name, email, website, URL, ID or @last.'),
  }
  static summary = 'List contacts, of one lead or of everyone.'

  public async execute(): Promise<ListSummary> {
    const deps = this.deps()
    const leadId = await contactListLead(deps, this.flags.lead)
    this.flags.fields = await fieldsByName(deps, 'contact', contacts, this.flags.fields)
    const view = await labelledView(deps, 'contact', contacts, showsCustom(undefined, this.flags.fields))
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(view, (await this.close()).list(contacts, {lead_id: leadId}, limit))
  }
}
