import type {CloseObject} from '../../close/normalize.js'

import {calls} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {callLogInput} from '../../flags/calls.js'
import {fieldsFlag} from '../../flags/list.js'
import {logCall} from '../../services/calls.js'

export default class CallsLog extends RecordCommand<typeof CallsLog> {
  static aliases = ['calls:create', 'calls:add']
  static args = callLogInput.args
  static description =
    'Creates a Close call activity (POST /activity/call/) on the lead — outbound unless --direction inbound — and prints it.'
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components" --duration 5m --note "Wants a quote by Friday"',
    'pbpaste | <%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com --direction inbound --note - --json',
  ]
  static flags = {...fieldsFlag, ...callLogInput.flags}
  static summary = 'Log a call on a lead.'

  public async execute(): Promise<CloseObject> {
    const {args, flags} = this
    const created = await logCall(this.deps(), {...flags, lead: args.lead})
    return this.shown(calls, created)
  }
}
