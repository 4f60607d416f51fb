import type {DeleteResult} from '../../services/records.js'

import {contacts} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {contactArg, contactLeadFlag} from '../../flags/contacts.js'
import {yesFlag} from '../../flags/record.js'
import {contactFrom} from '../../services/contacts.js'

export default class ContactsDelete extends RecordCommand<typeof ContactsDelete> {
  static aliases = ['contacts:rm']
  static args = contactArg
  static description = `Removes the contact from its lead; this cannot be undone. On a terminal it asks first; off a terminal (scripts, --json) it needs --yes. Says what was deleted on stderr; with --json prints {"id": …, "deleted": true} on stdout.`
  static examples = [
    '<%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com',
    '<%= config.bin %> <%= command.id %> Charles --lead "Aurio Components" --yes',
    '<%= config.bin %> <%= command.id %> cont_T6CUmZjYH3BuCjjg1u6QZR --yes --json',
  ]
  static flags = {...yesFlag, ...contactLeadFlag('The lead whose contact this is, when the contact is given by name.')}
  static summary = 'Delete a contact.'

  public async execute(): Promise<DeleteResult> {
    const {id} = await contactFrom(this.deps(), this.args.id, this.flags.lead)
    return this.deleteAndReport(contacts, id, this.flags.yes)
  }
}
