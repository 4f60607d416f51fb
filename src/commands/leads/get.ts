import type {CloseObject} from '../../close/normalize.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {leadArg} from '../../flags/leads.js'
import {fieldsFlag} from '../../flags/list.js'
import {fieldsByName, labelledView} from '../../services/custom-fields.js'
import {leadRef, rememberLead} from '../../services/lead-ref.js'

export default class LeadsGet extends RecordCommand<typeof LeadsGet> {
  static aliases = ['leads:show', 'leads:view']
  static args = leadArg
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components"',
    '<%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com',
    '<%= config.bin %> <%= command.id %> lead_8dWqYqDz3mTBxqZ2Y0n7kA --json',
    '<%= config.bin %> <%= command.id %> lead_8dWqYqDz3mTBxqZ2Y0n7kA --fields id,display_name,status_label',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one lead with its contacts, opportunities and addresses.'

  public async execute(): Promise<CloseObject> {
    const deps = this.deps()
    const {id} = await leadRef(deps, this.args.id, {flag: 'the lead argument'})
    this.flags.fields = await fieldsByName(deps, 'lead', leads, this.flags.fields)
    const lead = await this.show(await labelledView(deps, 'lead', leads, true), id)
    await rememberLead(deps, id)
    return lead
  }
}
