import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {idArg} from '../../flags/record.js'

export default class LeadsGet extends RecordCommand<typeof LeadsGet> {
  static aliases = ['leads:show', 'leads:view']
  static args = idArg(leads)
  static examples = [
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --json',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --fields id,display_name,status_label',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one lead with its contacts, opportunities and addresses.'

  public async execute(): Promise<CloseObject> {
    return this.show(leads, this.args.id)
  }
}
