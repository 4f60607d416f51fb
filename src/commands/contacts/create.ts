import type {CloseObject} from '../../close/normalize.js'

import {contacts} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {contactFlags, contactLeadFlag} from '../../flags/contacts.js'
import {fieldsFlag} from '../../flags/list.js'
import {createContact} from '../../services/contacts.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'

export default class ContactsCreate extends RecordCommand<typeof ContactsCreate> {
  static aliases = ['contacts:add']
  static description = `A contact belongs to one lead: --lead takes any lead reference (a name, an email, a website, a pasted Close URL, an ID, @last), and Close needs a --name or at least one --email. On a terminal the lead is picked from a search as you type and the name is asked (each answer checked as you type it); off a terminal (or with --json) missing ones exit 2. --email, --phone and --set may be repeated.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components" --name "Laura Kim" --email laura.kim@auriocomponents.com',
    '<%= config.bin %> <%= command.id %> --lead auriocomponents.com --name "Bob Stone" --title CTO --set "Preferred Channel=Email"',
    '<%= config.bin %> <%= command.id %> --lead "Zenant Plumbing" --name "Sam Rivera" --json',
  ]
  static flags = {
    ...fieldsFlag,
    ...contactFlags('create'),
    ...contactLeadFlag('The lead to add the contact to: a name, email, website, Close URL, ID or @last.'),
  }
  static summary = 'Add a contact to a lead.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    this.flags.fields = await fieldsByName(deps, 'contact', contacts, this.flags.fields)
    const contact = await createContact(deps, this.flags)
    return this.shown(await labelledView(deps, 'contact', contacts, showsCustom(contact, this.flags.fields)), contact)
  }
}
