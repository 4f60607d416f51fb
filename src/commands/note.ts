import {Args} from '@oclif/core'

import type {CloseObject} from '../close/normalize.js'

import {CaptureCommand} from '../command-base/capture-command.js'
import {noteTextArgs, noteTextFlags} from '../flags/notes.js'
import {captureNote} from '../services/capture.js'

export default class Note extends CaptureCommand<typeof Note> {
  static args = {
    lead: Args.string({description: 'The lead: ID, Close URL, email, phone, domain, name or @last.', required: true}),
    ...noteTextArgs,
  }
  static description =
    'Quick capture: the same as `notes create`, with the lead as any reference. The text comes from TEXT, --file PATH, stdin (-), or $EDITOR on a terminal. Prints one line (✓ Note added to …); --json prints the note.'
  static examples = [
    '<%= config.bin %> <%= command.id %> "Aurio Components" "Wants a quote by Friday"',
    '<%= config.bin %> <%= command.id %> charles.anderson@auriocomponents.com --file notes.md',
    'pbpaste | <%= config.bin %> <%= command.id %> "Zenant Plumbing" - --json',
  ]
  static flags = {...noteTextFlags}
  static summary = 'Add a note to a lead.'

  public async execute(): Promise<CloseObject> {
    const {args, flags} = this
    return this.done(await captureNote(this.deps(), {file: flags.file, lead: args.lead, text: args.text}))
  }
}
