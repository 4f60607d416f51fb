import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {leads} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'
import {leadListQuery} from '../../services/leads.js'

export default class LeadsList extends BaseCommand<typeof LeadsList> {
  static aliases = ['leads:ls']
  static description = `--query takes Close's lead search syntax (free text, status:"…", has:email, sort:-created); --where NAME=VALUE matches a custom field by name; --view runs a Smart View (a unique prefix of its name, or its ID). On a terminal the result is a table; piped, it is tab-separated without a header; -o json|ndjson|csv|tsv for scripts. --all streams every lead, newest-created first, reading two slices of the list at once.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --status Qualified --limit 20',
    '<%= config.bin %> <%= command.id %> --where Industry=Software --fields display_name,Industry',
    '<%= config.bin %> <%= command.id %> --view "My hot"',
    "<%= config.bin %> <%= command.id %> --query 'has:email sort:-created' --all -o ndjson > leads.ndjson",
  ]
  static flags = {
    ...listFlags,
    query: Flags.string({char: 'q', description: 'Close lead search query, e.g. \'acme status:"Potential"\'.'}),
    status: Flags.string({description: 'Only leads with this status label, e.g. Qualified.'}),
    view: Flags.string({description: 'Run this Smart View: its name, a unique prefix of it, or its ID (save_…).'}),
    where: Flags.string({description: 'Custom field NAME=VALUE, e.g. Industry=Software (repeatable).', multiple: true}),
  }
  static summary = 'List and search leads.'

  public async execute(): Promise<ListSummary> {
    const deps = this.deps()
    const query = await leadListQuery(deps, this.flags)
    this.flags.fields = await fieldsByName(deps, 'lead', leads, this.flags.fields)
    const view = await labelledView(deps, 'lead', leads, showsCustom(undefined, this.flags.fields))
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(view, (await this.close()).list(leads, {query}, limit), {limit})
  }
}
