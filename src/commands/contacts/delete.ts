import type {DeleteResult} from '../../services/records.js'

import {contacts} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {idArg, yesFlag} from '../../flags/record.js'

export default class ContactsDelete extends RecordCommand<typeof ContactsDelete> {
  static aliases = ['contacts:rm']
  static args = idArg(contacts)
  static description = `Removes the contact from its lead; this cannot be undone. On a terminal it asks first; off a terminal (scripts, --json) it needs --yes. Says what was deleted on stderr; with --json prints {"id": …, "deleted": true} on stdout.`
  static examples = [
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth',
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --yes',
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --yes --json',
  ]
  static flags = yesFlag
  static summary = 'Delete a contact.'

  public async execute(): Promise<DeleteResult> {
    return this.deleteAndReport(contacts, this.args.id, this.flags.yes)
  }
}
