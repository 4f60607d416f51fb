import type {CloseObject} from '../../close/normalize.js'

import {contacts} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'
import {contactFlags, updateContact} from '../../services/contacts.js'

export default class ContactsUpdate extends BaseCommand<typeof ContactsUpdate> {
  static aliases = ['contacts:edit']
  static args = idArg(contacts)
  static description = `Sends only the fields you give. --email and --phone replace the contact's whole list of emails or phones with the ones given (repeat them to keep several). Without any field to change it exits 2.`
  static examples = [
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --title "VP Sales"',
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --email jane@acme.com --email jane.doe@gmail.com',
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --name "Jane Smith" --phone "+1 415 555 0199" --json',
  ]
  static flags = {...fieldsFlag, ...contactFlags('update')}
  static summary = 'Change a contact: only the fields given are sent.'

  public async execute(): Promise<CloseObject> {
    const contact = await updateContact(async () => ({api: await this.close()}), this.args.id, this.flags)
    await this.out.record(contacts, contact)
    return contact
  }
}
