import type {ListSummary} from '../../output/types.js'

import {activities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {activityListFlags} from '../../flags/activities.js'
import {listFlags} from '../../flags/list.js'
import {listActivities} from '../../services/activities.js'

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
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components"',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --type call --type email',
    '<%= config.bin %> <%= command.id %> --lead charles.anderson@auriocomponents.com --type status-change --json',
    '<%= config.bin %> <%= command.id %> --limit 20',
  ]
  static flags = {...listFlags, ...activityListFlags}
  static summary = "List a lead's activities: its timeline."

  public async execute(): Promise<ListSummary> {
    const limit = this.flags.all ? undefined : this.flags.limit
    const source = await listActivities(this.deps(), {...this.flags, types: this.flags.type}, limit)
    return this.out.list(activities, source, {limit})
  }
}
