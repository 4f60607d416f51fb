import {Args} from '@oclif/core'

import type {ListSummary} from '../../output/types.js'

import {CUSTOM_FIELD_OBJECTS, type CustomFieldObject, customFieldResource} from '../../close/custom-fields.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {listFieldObjects} from '../../services/custom-fields.js'

export default class Fields extends BaseCommand<typeof Fields> {
  static args = {
    object: Args.string({description: 'Whose fields.', options: CUSTOM_FIELD_OBJECTS, required: true}),
  }
  static description = `Each field's name (what --set NAME=VALUE, --where and --fields take), type, choices and key (custom.cf_…, the key in JSON output). --json prints Close's field objects.`
  static examples = ['<%= config.bin %> <%= command.id %> lead', '<%= config.bin %> <%= command.id %> contact --json']
  static summary = 'List the custom fields of leads, contacts or opportunities.'

  public async execute(): Promise<ListSummary | unknown[]> {
    const object = this.args.object as CustomFieldObject
    const found = await listFieldObjects(this.deps(), object)
    if (this.io.json) return found
    const rows = found.map((field) => ({
      ...field,
      choices: Array.isArray(field.choices) ? field.choices.join(', ') : '',
      key: `custom.${String(field.id)}`,
    }))
    return this.out.list(customFieldResource(object), [rows])
  }
}
