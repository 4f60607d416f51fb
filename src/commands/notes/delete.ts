import {Args, Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {BaseCommand} from '../../base-command.js'
import {assertId} from '../../close/ids.js'
import {notes} from '../../close/resources.js'
import {noteText} from '../../services/notes.js'
import {deleteMessage, deleteRecord, type DeleteResult} from '../../services/records.js'
import {describedForDelete} from '../../services/records.js'
import {wantsJson} from '../../services/support.js'

export default class NotesDelete extends BaseCommand<typeof NotesDelete> {
  static aliases = ['notes:rm']
  static args = {
    id: Args.string({description: 'Note ID (acti_…).', required: true}),
  }
  static description = [
    'On a terminal you are shown the start of the note and asked to confirm; off a terminal (scripts, CI)',
    '--yes is required. There is no undo.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_3fGhJkLmNpQrStUvWxYzAb',
    '<%= config.bin %> <%= command.id %> acti_3fGhJkLmNpQrStUvWxYzAb --yes',
    '<%= config.bin %> <%= command.id %> acti_3fGhJkLmNpQrStUvWxYzAb --yes --json',
  ]
  static flags = {
    yes: Flags.boolean({char: 'y', description: 'Delete without asking.'}),
  }
  static summary = 'Delete a note.'

  public async run(): Promise<DeleteResult> {
    const id = assertId(notes, this.args.id)
    const result = await deleteRecord(async () => describedForDelete(await this.close(), describe), notes, id, {
      interactive: this.interactive,
      yes: this.flags.yes,
    })
    this.out.message(deleteMessage(notes, result))
    if (result.deleted && wantsJson(this.flags)) await this.out.record(notes, {deleted: true, id: result.id})
    return result
  }
}

/** How the confirmation question and the result name the note. */
function describe(note: CloseObject): string {
  const text = noteText(note).split('\n')[0] ?? ''
  return text.length > 50 ? `${text.slice(0, 49)}…` : text
}
