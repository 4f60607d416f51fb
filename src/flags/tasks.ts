/** The flags of the tasks commands: the fields table (`create`/`update`; see ./table.ts) and the list filters. */
import {Flags} from '@oclif/core'

import {fieldFlags, type FlagTable, tableFlags, type TableValues} from './table.js'

export const taskViews = ['inbox', 'future', 'archive'] as const

const LEAD = 'an ID, a Close URL, an email, a phone, a website, a name or @last'

export const TASK_TABLE = [
  {description: 'What needs doing.', fields: ['text'], name: 'text'},
  {
    description: {
      create: 'Due: today, tomorrow, fri, next monday, +3d, YYYY-MM-DD or an ISO date-time (default: today).',
      update: 'New due date: today, tomorrow, fri, next monday, +3d, YYYY-MM-DD or an ISO date-time.',
    },
    fields: ['date', 'due_date'],
    name: 'due',
  },
  {
    description: {
      create: 'Assign to: me, a user ID, an email or a name (default: you).',
      update: 'Assign to: me, a user ID, an email or a name.',
    },
    fields: ['assigned_to'],
    name: 'assignee',
  },
] as const satisfies FlagTable

export type TaskFlags = TableValues<typeof TASK_TABLE> & {complete?: boolean; lead?: string}

export const taskCreateFlags = {
  ...tableFlags(TASK_TABLE, 'create'),
  lead: Flags.string({description: `The lead the task is about: ${LEAD}.`}),
}

export const taskUpdateFlags = {
  ...tableFlags(TASK_TABLE, 'update'),
  complete: Flags.boolean({allowNo: true, description: 'Mark done (--complete) or not done (--no-complete).'}),
}

/** Close field → flag, for field errors. */
export const TASK_FIELD_FLAGS: Record<string, string> = {...fieldFlags(TASK_TABLE), lead: '--lead', lead_id: '--lead'}

export const taskListFlags = {
  'all-types': Flags.boolean({description: 'Every task type, not only plain to-dos (_type=all).'}),
  assignee: Flags.string({
    description: 'Assigned to: me (default without --lead), anyone, a user ID, an email or a name.',
  }),
  lead: Flags.string({description: `Only tasks on this lead: ${LEAD}.`}),
  view: Flags.option({
    description: 'inbox: due up to today and not done (default); future: due later; archive: done.',
    options: taskViews,
  })(),
}
