/**
 * Contacts: request bodies from flags (pure, unit-tested) and the steps of create/update.
 *
 * Close facts used (reference/close-api.md §2, §3): a contact belongs to exactly one lead
 * (`lead_id`); `emails[{email, type}]` and `phones[{phone, type}]` are lists that a PUT replaces
 * as a whole; PUT behaves like PATCH for the other fields.
 */
import {Flags} from '@oclif/core'

import type {CloseApi} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'

import {assertId} from '../close/ids.js'
import {contacts, leads} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {parseEmail, parsePhone} from '../input/values.js'
import {withFieldErrors} from './records.js'

/** The flags `contacts create` and `contacts update` share (create adds --lead). */
export function contactFlags(verb: 'create' | 'update') {
  const update = verb === 'update'
  return {
    email: Flags.string({
      char: 'e',
      description: update
        ? "Email address; replaces the contact's emails (repeatable)."
        : 'Email address (repeatable).',
      multiple: true,
      multipleNonGreedy: true,
    }),
    name: Flags.string({char: 'n', description: update ? 'New full name.' : 'Full name, e.g. "Jane Doe".'}),
    phone: Flags.string({
      char: 'p',
      description: update
        ? "Phone number; replaces the contact's phones (repeatable)."
        : 'Phone number, e.g. "+1 415 555 0100" (repeatable).',
      multiple: true,
      multipleNonGreedy: true,
    }),
    title: Flags.string({char: 't', description: update ? 'New job title.' : 'Job title, e.g. "VP Sales".'}),
  }
}

export interface ContactFlags {
  email?: string[]
  lead?: string
  name?: string
  phone?: string[]
  title?: string
}

/** Close field names (as in `field-errors`) → the flag that sets them. */
export const CONTACT_FIELD_FLAGS: Record<string, string> = {
  email: '--email',
  emails: '--email',
  lead: '--lead',
  lead_id: '--lead',
  name: '--name',
  phone: '--phone',
  phones: '--phone',
  title: '--title',
}

export const CONTACT_UPDATE_FLAGS = ['--name', '--title', '--email', '--phone']

/** Repeated `--email` → Close's `emails` list (type `office`). */
export function emailsFromFlags(values: string[]): Array<{email: string; type: string}> {
  return values.map((value) => ({email: parseEmail(value, '--email'), type: 'office'}))
}

/** Repeated `--phone` → Close's `phones` list (E.164, type `office`). */
export function phonesFromFlags(values: string[]): Array<{phone: string; type: string}> {
  return values.map((value) => ({phone: parsePhone(value, '--phone'), type: 'office'}))
}

/** The POST /contact/ body for `contacts create`. */
export function buildContactBody(flags: ContactFlags & {lead: string}): CloseObject {
  const body: CloseObject = {lead_id: assertId(leads, flags.lead, '--lead')}
  if (flags.name !== undefined) body.name = flags.name
  if (flags.title !== undefined) body.title = flags.title
  if (flags.email && flags.email.length > 0) body.emails = emailsFromFlags(flags.email)
  if (flags.phone && flags.phone.length > 0) body.phones = phonesFromFlags(flags.phone)
  return body
}

/** The PUT /contact/{id}/ body for `contacts update`: only the fields given; emails/phones replace the lists. */
export function buildContactChanges(flags: ContactFlags): CloseObject {
  const changes: CloseObject = {}
  if (flags.name !== undefined) changes.name = flags.name
  if (flags.title !== undefined) changes.title = flags.title
  if (flags.email && flags.email.length > 0) changes.emails = emailsFromFlags(flags.email)
  if (flags.phone && flags.phone.length > 0) changes.phones = phonesFromFlags(flags.phone)
  return changes
}

export type ContactDeps = {api: Pick<CloseApi, 'create' | 'update'>}

/** `contacts create`: check the input, then POST the contact on its lead. */
export async function createContact(
  connect: () => Promise<ContactDeps>,
  flags: ContactFlags & {lead: string},
): Promise<CloseObject> {
  const body = buildContactBody(flags)
  const {api} = await connect()
  return withFieldErrors(() => api.create(contacts, body), CONTACT_FIELD_FLAGS, 'contact')
}

/** `contacts update ID`: PUT only what was given; nothing given → exit 2 listing the flags. */
export async function updateContact(
  connect: () => Promise<ContactDeps>,
  id: string,
  flags: ContactFlags,
): Promise<CloseObject> {
  assertId(contacts, id)
  const changes = buildContactChanges(flags)
  if (Object.keys(changes).length === 0) {
    throw new UsageError('Nothing to update: give at least one field to change.', {
      code: 'missing_input',
      hint: `Pass one or more of ${CONTACT_UPDATE_FLAGS.join(', ')}.`,
    })
  }

  const {api} = await connect()
  return withFieldErrors(() => api.update(contacts, id, changes), CONTACT_FIELD_FLAGS, 'contact')
}
