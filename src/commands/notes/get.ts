import {Args} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'

import {assertId} from '../../close/ids.js'
import {notes} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'

export default class NotesGet extends BaseCommand<typeof NotesGet> {
  static aliases = ['notes:show', 'notes:view']
  static args = {
    id: Args.string({description: 'Note ID (acti_…).', required: true}),
  }
  static examples = [
    '<%= config.bin %> <%= command.id %> acti_3fGhJkLmNpQrStUvWxYzAb',
    '<%= config.bin %> <%= command.id %> acti_3fGhJkLmNpQrStUvWxYzAb --json',
    '<%= config.bin %> <%= command.id %> acti_3fGhJkLmNpQrStUvWxYzAb --fields note -o tsv',
  ]
  static flags = {...fieldsFlag}
  static summary = 'Show one note with its full text.'

  public async execute(): Promise<CloseObject> {
    const id = assertId(notes, this.args.id)
    const close = await this.close()
    const note = await close.get(notes, id)
    await this.out.record(notes, note)
    return note
  }
}
