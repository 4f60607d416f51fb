/**
 * Small pieces the opportunity, task, note and activity services share: turning a user reference
 * (`me`, an ID, an email, a name) into a user ID without a lookup when the ID is given, an
 * opportunity status label into its ID, the rules for missing input, and pickers.
 */
import type {CloseUser, OpportunityStatus} from '../close/lookups.js'
import type {Choice} from '../prompts/index.js'

import {assertId} from '../close/ids.js'
import {fullName} from '../close/lookups.js'
import {users} from '../close/resources.js'
import {UsageError} from '../errors.js'

/** The part of `Lookups` the services use (stubbed in unit tests). */
export interface Resolver {
  me(): Promise<{id: string}>
  resolveOpportunityStatus(labelOrId: string, flag?: string): Promise<OpportunityStatus>
  resolveUser(reference: string, flag?: string): Promise<{id: string}>
}

/** A Resolver that builds the real one only when a lookup is really needed (IDs are checked first, without it). */
export function lazyResolver(get: () => Promise<Resolver>): Resolver {
  return {
    me: async () => (await get()).me(),
    resolveOpportunityStatus: async (labelOrId, flag) => (await get()).resolveOpportunityStatus(labelOrId, flag),
    resolveUser: async (reference, flag) => (await get()).resolveUser(reference, flag),
  }
}

/**
 * Off a terminal, missing required input is exit 2 naming every missing flag at once (the rule of
 * src/input/ask.ts); on a terminal the caller asks for each.
 */
export function failIfMissing(missing: string[], interactive: boolean): void {
  if (missing.length === 0 || interactive) return
  throw new UsageError(`Missing ${missing.join(', ')}.`, {
    code: 'missing_input',
    hint: `Not running on a terminal, so nothing is asked: pass ${missing.join(' and ')}.`,
  })
}

/** Close field name → the flag (or argument) that sets it. */
export type FieldFlags = Record<string, string>

const USER_ID = /^user_[A-Za-z0-9]+$/

/**
 * `me`, `user_…`, an email or a name → a user ID. A well-formed `user_…` ID is used as given (no
 * lookup, so no Membrane process); an ID of another kind exits 2; `me` costs one cached lookup.
 */
export async function resolveUserId(reference: string, resolver: Resolver, flag: string): Promise<string> {
  const value = reference.trim()
  if (value === '')
    throw new UsageError(`${flag} is empty.`, {
      code: 'invalid_value',
      hint: `Use ${flag} me, a user ID, an email or a name.`,
    })
  if (USER_ID.test(value)) return assertId(users, value, flag)
  if (/^[a-z]+_[A-Za-z0-9]{8,}$/.test(value)) assertId(users, value, flag) // throws: the wrong kind of ID
  if (value.toLowerCase() === 'me') return (await resolver.me()).id
  return (await resolver.resolveUser(value, flag)).id
}

/** An opportunity status label (any case) or `stat_…` ID → its ID; unknown → exit 2 listing the labels. */
export async function resolveOpportunityStatusId(labelOrId: string, resolver: Resolver, flag: string): Promise<string> {
  return (await resolver.resolveOpportunityStatus(labelOrId.trim(), flag)).id
}

/** Picker choices for opportunity statuses: the label, with its type and pipeline as the description. */
export function statusChoices(statuses: OpportunityStatus[]): Array<Choice<string>> {
  return statuses.map((status) => ({
    description: [status.type, status.pipeline_name].filter(Boolean).join(' · '),
    name: status.label,
    value: status.id,
  }))
}

/** Picker choices for users: you first (as "me"), then everyone else by name. */
export function userChoices(everyone: CloseUser[], me: CloseUser): Array<Choice<string>> {
  const others = everyone.filter((user) => user.id !== me.id).sort((a, b) => fullName(a).localeCompare(fullName(b)))
  return [me, ...others].map((user) => ({
    description: user.email,
    name: user.id === me.id ? `${fullName(user)} (me)` : fullName(user),
    value: user.id,
  }))
}

/**
 * When Close rejects a status or a user (perhaps taken from the day-old lookup cache), forget the
 * cache so the next run fetches fresh values.
 */
export async function forgetStaleLookups(error: unknown, forget: () => Promise<void>): Promise<void> {
  const fields = (error as undefined | {details?: {fieldErrors?: unknown}})?.details?.fieldErrors
  if (typeof fields !== 'object' || fields === null) return
  if (Object.keys(fields).some((field) => /^(status|user|assigned_to)(_id)?$/.test(field))) await forget()
}

/** Whether the output is JSON or NDJSON (`--json`, `-o json`, `-o ndjson`): scripts get data on stdout. */
export function wantsJson(flags: {json?: boolean; output?: string}): boolean {
  return Boolean(flags.json) || flags.output === 'json' || flags.output === 'ndjson'
}
