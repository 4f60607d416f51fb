import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {assertId} from '../../close/ids.js'
import {contacts, leads} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'

export default class ContactsList extends BaseCommand<typeof ContactsList> {
  static aliases = ['contacts:ls']
  static description = `With --lead, only the contacts of that lead; without it, contacts across the organization. On a terminal the result is a table; piped, it is tab-separated without a header; -o json|ndjson|csv|tsv for scripts. --all streams every page as it arrives.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV',
    '<%= config.bin %> <%= command.id %> --limit 20 --fields id,name,title',
    '<%= config.bin %> <%= command.id %> --all -o ndjson > contacts.ndjson',
  ]
  static flags = {
    ...listFlags,
    lead: Flags.string({char: 'l', description: 'Only contacts of this lead (lead_…).'}),
  }
  static summary = 'List contacts, of one lead or of everyone.'

  public async execute(): Promise<ListSummary> {
    const leadId = this.flags.lead === undefined ? undefined : assertId(leads, this.flags.lead, '--lead')
    const close = await this.close()
    const limit = this.flags.all ? undefined : this.flags.limit
    return this.out.list(contacts, close.list(contacts, {lead_id: leadId}, limit))
  }
}
