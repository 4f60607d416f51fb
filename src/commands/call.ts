import type {CloseObject} from '../close/normalize.js'

import {CaptureCommand} from '../command-base/capture-command.js'
import {callLogInput} from '../flags/calls.js'
import {captureCall} from '../services/capture.js'

export default class Call extends CaptureCommand<typeof Call> {
  static args = callLogInput.args
  static description =
    'Quick capture: the same as `calls log`. Prints one line (✓ Call logged on …); --json prints the call.'
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components" --duration 5m --note "Left a voicemail"',
    '<%= config.bin %> <%= command.id %> "Pinestone Communications" --direction inbound --duration 12m --json',
  ]
  static flags = {...callLogInput.flags}
  static summary = 'Log a call on a lead.'

  public async execute(): Promise<CloseObject> {
    const {args, flags} = this
    return this.done(await captureCall(this.deps(), {...flags, lead: args.lead}))
  }
}
