import type {CloseObject} from '../../close/normalize.js'

import {contacts} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {contactArg, contactFlags, contactLeadFlag} from '../../flags/contacts.js'
import {fieldsFlag} from '../../flags/list.js'
import {updateContact} from '../../services/contacts.js'
import {fieldsByName, labelledView, showsCustom} from '../../services/custom-fields.js'

export default class ContactsUpdate extends RecordCommand<typeof ContactsUpdate> {
  static aliases = ['contacts:edit']
  static args = contactArg
  static description = `Sends only the fields you give. --email and --phone replace the contact's whole list of emails or phones with the ones given (repeat them to keep several). Without any field to change it exits 2.`
  static examples = [
    '<%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com --title "VP Sales"',
    '<%= config.bin %> <%= command.id %> Charles --lead "Aurio Components" --set "Preferred Channel=Phone"',
    '<%= config.bin %> <%= command.id %> "Rebecca Jackson" --lead "Aurio Components" --phone "+1 415 555 0199" --json',
  ]
  static flags = {
    ...fieldsFlag,
    ...contactFlags('update'),
    ...contactLeadFlag('The lead whose contact this is, when the contact is given by name.'),
  }
  static summary = 'Change a contact: only the fields given are sent.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    this.flags.fields = await fieldsByName(deps, 'contact', contacts, this.flags.fields)
    const contact = await updateContact(deps, this.args.id, this.flags)
    return this.shown(await labelledView(deps, 'contact', contacts, showsCustom(contact, this.flags.fields)), contact)
  }
}
