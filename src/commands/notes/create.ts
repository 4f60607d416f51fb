import type {CloseObject} from '../../close/normalize.js'

import {notes} from '../../close/resources.js'
import {RecordCommand} from '../../command-base/record-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {noteCreateFlags, noteTextArgs} from '../../flags/notes.js'
import {createNote} from '../../services/notes.js'

export default class NotesCreate extends RecordCommand<typeof NotesCreate> {
  static aliases = ['notes:add']
  static args = noteTextArgs
  static description = [
    'The lead is --lead: an ID, a pasted Close URL, an email, a website or a name (asked with a search',
    'picker on a terminal). The text comes from the TEXT argument, from --file PATH, or from stdin with -.',
    'On a terminal without any of them your $EDITOR opens (multi-line notes); off a terminal a missing',
    'text or --lead exits 2. Line breaks are kept (Close stores the text as note and a rendered note_html).',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead "Aurio Components" "Called Charles: wants a quote by Friday"',
    '<%= config.bin %> <%= command.id %> --lead lead_XZW0eDJ67uXvO0FeALnXUV --file meeting-notes.md',
    'pbpaste | <%= config.bin %> <%= command.id %> --lead charles.anderson@auriocomponents.com - --json',
    '<%= config.bin %> <%= command.id %> --lead https://app.close.com/lead/lead_XZW0eDJ67uXvO0FeALnXUV/',
  ]
  static flags = {...fieldsFlag, ...noteCreateFlags}
  static summary = "Log a note on a lead's timeline."

  public async execute(): Promise<CloseObject> {
    return this.shown(notes, await createNote(this.deps(), {...this.flags, text: this.args.text}))
  }
}
