import type {CloseObject} from '../../close/normalize.js'

import {contacts} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {contactArg, contactLeadFlag} from '../../flags/contacts.js'
import {fieldsFlag} from '../../flags/list.js'
import {webFlag} from '../../flags/record.js'
import {getContact} from '../../services/contacts.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'

export default class ContactsGet extends RecordCommand<typeof ContactsGet> {
  static aliases = ['contacts:show', 'contacts:view']
  static args = contactArg
  static examples = [
    '<%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com',
    '<%= config.bin %> <%= command.id %> Charles --lead "Aurio Components"',
    '<%= config.bin %> <%= command.id %> cont_3kIsP4X0SHMWbAQPHtbFdg --fields name,emails.0.email,phones.0.phone',
  ]
  static flags = {
    ...fieldsFlag,
    ...webFlag,
    ...contactLeadFlag('The lead whose contact this is, when the contact is given by name.'),
  }
  static summary = 'Show one contact with its emails and phones.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    this.flags.fields = await fieldsByName(deps, 'contact', contacts, this.flags.fields)
    const contact = await getContact(deps, this.args.id, this.flags.lead)
    return this.shown(await labelledView(deps, 'contact', contacts, showsCustom(contact, this.flags.fields)), contact)
  }
}
