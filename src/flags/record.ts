/** The ID argument and `--yes` of the record commands (get, update, delete). */
import {Args, Flags} from '@oclif/core'

/** `ID`, required: "Lead ID (lead_…)." */
export function idArg(resource: {idPrefix: string; noun: string}) {
  const noun = resource.noun.charAt(0).toUpperCase() + resource.noun.slice(1)
  return {id: Args.string({description: `${noun} ID (${resource.idPrefix}…).`, required: true})}
}

/** `--yes` of every delete. */
export const yesFlag = {
  yes: Flags.boolean({char: 'y', description: 'Delete without asking (required off a terminal).'}),
}

/** `--web` of every get: open the record in Close (or print its URL when no browser can open). */
export const webFlag = {
  web: Flags.boolean({description: 'Open the record in Close in your browser (prints the URL when none can open).'}),
}
