/**
 * `close today`: a rep's day (issue 12 §1) — overdue tasks, tasks due today, today's meetings and
 * the active opportunities expected to close this month (Close keeps the expected close date in
 * `date_won` on active opportunities). The three reads run concurrently (design §7).
 */
import type {Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {allRecords} from '../close/api.js'
import {localDay, periodOf, periodParams} from '../close/periods.js'
import {meetings, opportunities, tasks} from '../close/resources.js'
import {userRef} from './lead-ref.js'

export interface TodayResult {
  date: string
  meetings: CloseObject[]
  opportunities: {closing: CloseObject[]}
  tasks: {overdue: CloseObject[]; today: CloseObject[]}
}

const EVERYONE = new Set(['all', 'any', 'anyone', 'everyone'])

/** `--user me|REF|all` → a user ID, or undefined for everyone. */
export async function userFilter(deps: ServiceDeps, user = 'me', flag = '--user'): Promise<string | undefined> {
  if (EVERYONE.has(user.trim().toLowerCase())) return undefined
  return (await userRef(deps, user, {flag})).id
}

/** The local midnight starting the day `offset` days from `now`, as ISO 8601. */
function midnight(now: Date, offset: number): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset).toISOString()
}

const dueDay = (task: CloseObject) => String(task.date ?? task.due_date ?? '').slice(0, 10)
const byDue = (a: CloseObject, b: CloseObject) => dueDay(a).localeCompare(dueDay(b))

export async function today(deps: ServiceDeps, input: {user?: string}, now = new Date()): Promise<TodayResult> {
  const {api} = await deps.connect()
  const userId = await userFilter(deps, input.user)
  const date = localDay(now)
  const month = periodOf('this-month', now)
  const mine = (key: string): Params => (userId ? {[key]: userId} : {})
  const [inbox, todays, closing] = await Promise.all([
    allRecords(api.list(tasks, {_type: 'lead', view: 'inbox', ...mine('assigned_to')})),
    allRecords(
      api.list(meetings, {
        _order_by: 'activity_at',
        activity_at__gte: midnight(now, 0),
        activity_at__lt: midnight(now, 1),
        ...mine('user_id'),
      }),
    ),
    allRecords(
      api.list(opportunities, {
        _order_by: 'date_won',
        status_type: 'active',
        ...periodParams('date_won', month),
        ...mine('user_id'),
      }),
    ),
  ])
  const open = inbox.filter((task) => task.is_complete !== true)
  return {
    date,
    meetings: todays.sort((a, b) => String(a.starts_at ?? '').localeCompare(String(b.starts_at ?? ''))),
    opportunities: {closing},
    tasks: {
      overdue: open.filter((task) => dueDay(task) !== '' && dueDay(task) < date).sort(byDue),
      today: open.filter((task) => dueDay(task) === date || dueDay(task) === ''),
    },
  }
}
