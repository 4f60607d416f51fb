import type {CloseObject} from '../../close/normalize.js'

import {contacts} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'

export default class ContactsGet extends RecordCommand<typeof ContactsGet> {
  static aliases = ['contacts:show', 'contacts:view']
  static args = idArg(contacts)
  static examples = [
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth',
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --json',
    '<%= config.bin %> <%= command.id %> cont_oofe3VvptC5ayQnf2yfSth --fields name,emails.0.email,phones.0.phone',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one contact with its emails and phones.'

  public async execute(): Promise<CloseObject> {
    return this.show(contacts, this.args.id)
  }
}
