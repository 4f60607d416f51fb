import type {DeleteResult} from '../../services/records.js'

import {leads} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {leadArg} from '../../flags/leads.js'
import {yesFlag} from '../../flags/record.js'
import {leadRef} from '../../services/lead-ref.js'

export default class LeadsDelete extends RecordCommand<typeof LeadsDelete> {
  static aliases = ['leads:rm']
  static args = leadArg
  static description = `Deletes the lead with its contacts, opportunities, tasks and activities; this cannot be undone. On a terminal it asks first; off a terminal (scripts, --json) it needs --yes. Says what was deleted on stderr; with --json prints {"id": …, "deleted": true} on stdout.`
  static examples = [
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --yes',
    '<%= config.bin %> <%= command.id %> lead_XZW0eDJ67uXvO0FeALnXUV --yes --json',
  ]
  static flags = yesFlag
  static summary = 'Delete a lead.'

  public async execute(): Promise<DeleteResult> {
    const {id} = await leadRef(this.deps(), this.args.id, {flag: 'the lead argument'})
    return this.deleteAndReport(leads, id, this.flags.yes)
  }
}
