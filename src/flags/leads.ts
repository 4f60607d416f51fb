/** The flags that set a lead's fields, in the order `leads update` names them; see ./table.ts. */
import {Args} from '@oclif/core'

import {changeFlags, fieldFlags, type FlagTable, tableFlags, type TableValues} from './table.js'

const ADDRESS = 'ADDRESS'
const CONTACT = 'CONTACT'

export const LEAD_TABLE = [
  {
    char: 'n',
    description: {create: 'Company name (asked on a terminal when missing).', update: 'New company name.'},
    fields: ['name'],
    name: 'name',
  },
  {
    char: 's',
    description: {
      create: "Lead status label, e.g. Qualified (default: the organization's first status).",
      update: 'New lead status label, e.g. Qualified.',
    },
    fields: ['status', 'status_id', 'status_label'],
    name: 'status',
  },
  {description: 'Company website.', fields: ['url'], name: 'url'},
  {description: 'Description of the lead.', fields: ['description'], name: 'description'},
  {
    description: {
      create: 'A contact: "Name <email>", an email or a name (repeatable).',
      update: 'Add a contact: "Name <email>", an email or a name (repeatable; existing contacts stay).',
    },
    fields: ['contacts', 'contacts.email', 'contacts.emails', 'contacts.name'],
    helpGroup: CONTACT,
    multiple: true,
    name: 'contact',
  },
  {
    description: {create: "One contact's name.", update: 'Add one contact with this name.'},
    fields: ['contacts.name'],
    helpGroup: CONTACT,
    name: 'contact-name',
  },
  {
    description: {create: "One contact's email.", update: 'Add one contact with this email.'},
    fields: ['contacts.email', 'contacts.emails'],
    helpGroup: CONTACT,
    name: 'contact-email',
  },
  {
    description: {create: 'One contact\'s phone, e.g. "+1 415 555 0100".', update: 'Add one contact with this phone.'},
    fields: ['contacts.phone', 'contacts.phones'],
    helpGroup: CONTACT,
    name: 'contact-phone',
  },
  {
    description: 'Street address, first line.',
    fields: ['addresses', 'addresses.address_1'],
    helpGroup: ADDRESS,
    name: 'address-1',
  },
  {
    description: 'Street address, second line.',
    fields: ['addresses', 'addresses.address_2'],
    helpGroup: ADDRESS,
    name: 'address-2',
  },
  {description: 'City.', fields: ['addresses', 'addresses.city'], helpGroup: ADDRESS, name: 'city'},
  {description: 'State or region.', fields: ['addresses', 'addresses.state'], helpGroup: ADDRESS, name: 'state'},
  {description: 'Postal code.', fields: ['addresses', 'addresses.zipcode'], helpGroup: ADDRESS, name: 'zip'},
  {
    description: 'Country as a two-letter ISO code, e.g. US, DE.',
    fields: ['addresses', 'addresses.country', 'country'],
    helpGroup: ADDRESS,
    name: 'country',
  },
  {
    description: 'Custom field by ID: cf_ID=value (repeatable; the same ID twice makes a list; cf_ID= unsets).',
    fields: [],
    multiple: true,
    name: 'custom',
  },
  {
    description:
      'Custom field by name: NAME=VALUE, e.g. "Industry=Software" (repeatable; checked against the field\'s type and choices; NAME= unsets).',
    fields: [],
    multiple: true,
    name: 'set',
  },
] as const satisfies FlagTable

/** The lead flags shared by `leads create` and `leads update`, as oclif parsed them. */
export type LeadFlags = TableValues<typeof LEAD_TABLE>

/** The flags of `leads create` and `leads update` (the same set; the wording differs). */
export function leadFlags(verb: 'create' | 'update') {
  return tableFlags(LEAD_TABLE, verb)
}

/** Every flag that changes a lead, in the order `leads update` lists them when none is given. */
export const LEAD_UPDATE_FLAGS = changeFlags(LEAD_TABLE)

/**
 * Close field names (as in `field-errors`) → the flag that sets them. Nested keys are matched as
 * `parent.child` with list indexes dropped (`addresses.0.country` → `addresses.country`).
 */
export const LEAD_FIELD_FLAGS: Record<string, string> = fieldFlags(LEAD_TABLE)

/** The lead argument of `leads get/update/delete`: any reference of design §5. */
export const leadArg = {
  id: Args.string({
    description: 'The lead: an ID, a pasted Close URL, an email, a phone, a website, a name or @last.',
    required: true,
  }),
}
