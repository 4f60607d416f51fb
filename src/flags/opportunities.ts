/** The flags that set an opportunity's fields (`opps create` and `opps update`); see ./table.ts. */
import {changeFlags, fieldFlags, type FlagTable, tableFlags, type TableValues} from './table.js'

export const valuePeriods = ['one_time', 'monthly', 'annual'] as const

export const OPPORTUNITY_TABLE = [
  {description: 'Confidence, 0–100 (%).', fields: ['confidence'], integer: {max: 100, min: 0}, name: 'confidence'},
  {description: 'Lead ID (lead_…) the opportunity belongs to.', fields: ['lead', 'lead_id'], name: 'lead'},
  {description: 'A note on the opportunity.', fields: ['note'], name: 'note'},
  {description: 'How often the value is paid.', fields: ['value_period'], name: 'period', options: valuePeriods},
  {
    description: 'Status label from your pipelines, e.g. "Proposal Sent" (or a stat_… ID).',
    fields: ['status', 'status_id'],
    name: 'status',
  },
  {description: 'Owner: me, a user ID, an email or a name.', fields: ['user', 'user_id'], name: 'user'},
  {
    description: 'Value in currency units, e.g. 12,000 or 99.50 (Close stores cents).',
    fields: ['value'],
    name: 'value',
  },
] as const satisfies FlagTable

export type OpportunityFlags = TableValues<typeof OPPORTUNITY_TABLE>

/** The flags `opps create` and `opps update` share. */
export const opportunityFlags = tableFlags(OPPORTUNITY_TABLE, 'create')

/** The flags that change an opportunity, for "nothing to update". */
export const OPPORTUNITY_UPDATE_FLAGS = changeFlags(OPPORTUNITY_TABLE)

/** Close field → flag, for field errors. */
export const OPPORTUNITY_FIELD_FLAGS: Record<string, string> = fieldFlags(OPPORTUNITY_TABLE)
