import {Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'
import type {ListSummary} from '../../output/types.js'

import {activities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFlags} from '../../flags/list.js'
import {activityListParams, activityTypeWords, SUMMARY_KEY, withSummary} from '../../services/activities.js'
import {wantsJson} from '../../services/support.js'

export default class ActivitiesList extends BaseCommand<typeof ActivitiesList> {
  static aliases = ['activities:ls']
  static description = [
    "A lead's timeline, newest first: calls, emails, meetings, notes, SMS, status changes. The table's",
    "SUMMARY gives each activity in a line (a note's text, an email's subject, a call's direction and",
    "duration, a status change old → new); --json gives Close's activity objects unchanged. --type",
    '(repeatable, or comma-separated) needs --lead: Close filters activities by type only within one',
    "lead. Without --lead you get the organization's latest activities of every type.",
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --type call --type email',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --type status-change --json',
    '<%= config.bin %> <%= command.id %> --limit 20',
  ]
  static flags = {
    ...listFlags,
    lead: Flags.string({description: 'The lead (lead_…) whose timeline to show.'}),
    type: Flags.string({
      description: `Only these types (needs --lead): ${activityTypeWords.join(', ')}.`,
      multiple: true,
      multipleNonGreedy: true,
    }),
  }
  static summary = "List a lead's activities: its timeline."

  public async execute(): Promise<ListSummary> {
    const {flags} = this
    const params = activityListParams({lead: flags.lead, types: flags.type})
    const close = await this.close()
    const limit = flags.all ? undefined : flags.limit
    const source = close.list(activities, params, limit)
    // SUMMARY is derived for tables and csv/tsv; JSON and NDJSON stay exactly as Close shapes activities
    // unless --fields asks for the summary by name.
    const askedFor = flags.fields?.split(',').some((field) => field.trim() === SUMMARY_KEY)
    if (wantsJson(flags) && !askedFor) return this.out.list(activities, source, {limit})
    return this.out.list(activities, {...source, pages: summarised(source.pages)}, {limit})
  }
}

async function* summarised(pages: AsyncIterable<CloseObject[]>): AsyncGenerator<CloseObject[]> {
  for await (const page of pages) yield page.map((activity) => withSummary(activity))
}
