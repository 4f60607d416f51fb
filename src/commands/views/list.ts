import type {ListSummary} from '../../output/types.js'

import {savedSearches} from '../../close/custom-fields.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listViews} from '../../services/views.js'

export default class ViewsList extends BaseCommand<typeof ViewsList> {
  static aliases = ['views:ls']
  static description = `Each Smart View's name, its lead search and its ID. Run one with \`close leads list --view NAME\` (a unique prefix of the name is enough). --json prints Close's saved-search objects.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static summary = 'List the Smart Views (saved lead searches).'

  public async execute(): Promise<ListSummary | unknown[]> {
    const views = await listViews(this.deps())
    if (this.io.json) return views
    return this.out.list(savedSearches, [views])
  }
}
