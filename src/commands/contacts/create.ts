import {Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {contacts} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {requireValues} from '../../input/ask.js'
import {contactFlags, createContact} from '../../services/contacts.js'

export default class ContactsCreate extends BaseCommand<typeof ContactsCreate> {
  static aliases = ['contacts:add']
  static description = `A contact belongs to one lead: --lead is required, and so is a --name or at least one --email. On a terminal missing ones are asked for; off a terminal (or with --json) they exit 2. --email and --phone may be repeated. Prints the contact Close created; --json prints the Close object.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --name "Jane Doe" --email jane@acme.com',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --name "Bob Stone" --title CTO --phone "+1 415 555 0100" --email bob@acme.com --email bob.stone@gmail.com',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --email ops@acme.com --json',
  ]
  static flags = {
    ...fieldsFlag,
    ...contactFlags('create'),
    lead: Flags.string({char: 'l', description: 'The lead (lead_…) the contact belongs to; asked on a terminal.'}),
  }
  static summary = 'Add a contact to a lead.'

  public async execute(): Promise<CloseObject> {
    const lead = this.flags.lead?.trim()
    const name = this.flags.name?.trim()
    const needLead = {flag: '--lead', question: 'Lead ID (lead_…) to add the contact to:'}
    const given =
      (this.flags.email ?? []).length > 0
        ? {...(await requireValues({lead}, {lead: needLead}, this.interactive)), name}
        : await requireValues(
            {lead, name},
            {lead: needLead, name: {flag: '--name (or --email)', question: 'Contact name:'}},
            this.interactive,
          )
    const contact = await createContact(async () => ({api: await this.close()}), {...this.flags, ...given})
    await this.out.record(contacts, contact)
    return contact
  }
}
