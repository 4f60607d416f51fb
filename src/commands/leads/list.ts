import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {leads} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'

export default class LeadsList extends BaseCommand<typeof LeadsList> {
  static aliases = ['leads:ls']
  static description = `Search with --query in Close's lead search syntax (the app's search box): free text, status:"…",
has:email, custom.cf_…:"…", sort:-created. On a terminal the result is a table; piped, it is tab-separated
without a header; -o json|ndjson|csv|tsv for scripts. --all streams every page as it arrives.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --status Qualified --limit 20',
    "<%= config.bin %> <%= command.id %> --query 'has:email sort:-created' --json",
    '<%= config.bin %> <%= command.id %> --all -o ndjson > leads.ndjson',
  ]
  static flags = {
    ...listFlags,
    query: Flags.string({char: 'q', description: 'Close lead search query, e.g. \'acme status:"Potential"\'.'}),
    status: Flags.string({description: 'Only leads with this status label, e.g. Qualified.'}),
  }
  static summary = 'List and search leads.'

  public async execute(): Promise<ListSummary> {
    const query = leadQuery(this.flags.query, this.flags.status)
    const close = await this.close()
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(leads, close.list(leads, {query}, limit), {limit})
  }
}

/** The lead search query for --query and --status together (undefined when neither is given). */
export function leadQuery(query?: string, status?: string): string | undefined {
  const parts = [query?.trim(), status ? `status:"${status.replaceAll('"', String.raw`\"`)}"` : undefined]
  const joined = parts.filter(Boolean).join(' ')
  return joined || undefined
}
