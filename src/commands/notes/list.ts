import type {ListSummary} from '../../output/types.js'

import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {noteListFlags} from '../../flags/notes.js'
import {listNotes} from '../../services/notes.js'

export default class NotesList extends BaseCommand<typeof NotesList> {
  static aliases = ['notes:ls']
  static description = [
    "Newest first. --lead shows one lead's notes (an ID, URL, email, website or name); --user those written",
    "by a user (me, a user ID, an email or a name). The table shows each note's first line; --json gives",
    "Close's note objects, with note (plain text) and note_html.",
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components"',
    '<%= config.bin %> <%= command.id %> --user me --limit 10',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --json',
  ]
  static flags = {...listFlags, ...noteListFlags}
  static summary = 'List notes logged on leads.'

  public async execute(): Promise<ListSummary> {
    const limit = this.flags.all ? undefined : this.flags.limit
    const {source, view} = await listNotes(this.deps(), this.flags, limit)
    return this.out.list(view, source, {limit})
  }
}
