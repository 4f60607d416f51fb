/** The flags of the opps commands: one table for the fields (`create`/`update`; see ./table.ts) and the list filters. */
import {Flags} from '@oclif/core'

import {changeFlags, fieldFlags, type FlagTable, tableFlags, type TableValues} from './table.js'

export const valuePeriods = ['one_time', 'monthly', 'annual'] as const
export const statusTypes = ['active', 'won', 'lost'] as const

const LEAD = 'The lead: an ID, a Close URL, an email, a phone, a website, a name or @last.'

export const OPPORTUNITY_TABLE = [
  {description: 'Confidence, 0–100 (%).', fields: ['confidence'], integer: {max: 100, min: 0}, name: 'confidence'},
  {description: LEAD, fields: ['lead', 'lead_id'], name: 'lead'},
  {description: 'A note on the opportunity.', fields: ['note'], name: 'note'},
  {
    description: 'How often the value is paid (default one_time).',
    fields: ['value_period'],
    name: 'period',
    options: valuePeriods,
  },
  {
    description: {
      create: 'Status label from your pipelines, e.g. "Proposal Sent" (default: the pipeline\'s first).',
      update: 'Status label from your pipelines, e.g. "Proposal Sent" (or a stat_… ID).',
    },
    fields: ['status', 'status_id'],
    name: 'status',
  },
  {description: 'Owner: me, a user ID, an email or a name (default: you).', fields: ['user', 'user_id'], name: 'user'},
  {
    description: 'Value: 12000, 12,000, $12,000.50, 12k or 1.2m (Close stores cents).',
    fields: ['value'],
    name: 'value',
  },
] as const satisfies FlagTable

export type OpportunityFlags = TableValues<typeof OPPORTUNITY_TABLE>

/** The flags `opps create` and `opps update` share. */
export const opportunityFlags = tableFlags(OPPORTUNITY_TABLE, 'create')
export const opportunityUpdateFlags = tableFlags(OPPORTUNITY_TABLE, 'update')

/** The flags that change an opportunity, for "nothing to update". */
export const OPPORTUNITY_UPDATE_FLAGS = changeFlags(OPPORTUNITY_TABLE)

/** Close field → flag, for field errors. */
export const OPPORTUNITY_FIELD_FLAGS: Record<string, string> = fieldFlags(OPPORTUNITY_TABLE)

const DATES = 'today, yesterday, fri, next monday, -30d or YYYY-MM-DD'

/** The filters of `opps list`. */
export const opportunityListFlags = {
  'created-after': Flags.string({description: `Created on or after this date (${DATES}).`}),
  'created-before': Flags.string({description: 'Created on or before this date.'}),
  lead: Flags.string({description: `Only opportunities of this lead. ${LEAD.replace('The lead: a', 'A')}`}),
  status: Flags.string({description: 'Only this status: a label of your pipelines, e.g. "Proposal Sent".'}),
  'status-type': Flags.option({description: 'Only statuses of this type.', options: statusTypes})(),
  user: Flags.string({description: 'Only opportunities owned by this user: me, a user ID, an email or a name.'}),
  'won-after': Flags.string({description: 'Won (or expected to close) on or after this date.'}),
  'won-before': Flags.string({description: 'Won (or expected to close) on or before this date.'}),
}
