/** The flags that set a contact's fields (create adds --lead), and the contact argument. */
import {Args, Flags} from '@oclif/core'

/** `--set NAME=VALUE` of every create and update that takes custom fields. */
export function setFlag(object: string) {
  return {
    set: Flags.string({
      description: `Custom field by name: NAME=VALUE (repeatable; checked against the field's type and choices; NAME= unsets). \`close fields ${object}\` lists them.`,
      multiple: true,
    }),
  }
}

/** The flags `contacts create` and `contacts update` share. */
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
    ...setFlag('contact'),
    title: Flags.string({char: 't', description: update ? 'New job title.' : 'Job title, e.g. "VP Sales".'}),
  }
}

/** `--lead REF` of the contact commands. */
export function contactLeadFlag(description: string) {
  return {lead: Flags.string({char: 'l', description})}
}

/** The contact argument: an ID or URL, or an email, phone or name (within `--lead`). */
export const contactArg = {
  id: Args.string({
    description: 'The contact: an ID, a Close URL, an email, or a name or phone within --lead.',
    required: true,
  }),
}

/** The user argument: me, an ID, an email or a name. */
export const userArg = {
  id: Args.string({description: 'The user: me, an ID (user_…), an email or a name.', required: true}),
}
