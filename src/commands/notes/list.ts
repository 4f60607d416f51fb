import {Flags} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {notes} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {noteListParams} from '../../services/notes.js'
import {lazyResolver} from '../../services/support.js'

export default class NotesList extends BaseCommand<typeof NotesList> {
  static aliases = ['notes:ls']
  static description = [
    "Newest first. --lead shows one lead's notes; --user those written by a user (me, a user ID, an email",
    "or a name). The table shows each note's first line; --json gives Close's note objects, with note",
    '(plain text) and note_html.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV',
    '<%= config.bin %> <%= command.id %> --user me --limit 10',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --json',
  ]
  static flags = {
    ...listFlags,
    lead: Flags.string({description: 'Only notes on this lead (lead_…).'}),
    user: Flags.string({description: 'Only notes by this user: me, a user ID, an email or a name.'}),
  }
  static summary = 'List notes logged on leads.'

  public async execute(): Promise<ListSummary> {
    const {flags} = this
    const params = await noteListParams(
      {lead: flags.lead, user: flags.user},
      lazyResolver(() => this.lookups()),
    )
    const close = await this.close()
    const limit = flags.all ? undefined : flags.limit
    // One lead's notes: its ID in every row of a table would only crowd out the text.
    const table = this.io.format === 'table'
    const view = flags.lead && table ? {...notes, columns: notes.columns.filter((c) => c.key !== 'lead_id')} : notes
    return this.out.list(view, close.list(notes, params, limit), {limit})
  }
}
