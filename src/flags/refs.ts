/** The ID argument of opportunity and task commands: an ID or a pasted Close URL. */
import {Args} from '@oclif/core'

function describe(resource: {idPrefix: string; noun: string}): string {
  const noun = resource.noun.charAt(0).toUpperCase() + resource.noun.slice(1)
  return `${noun} ID (${resource.idPrefix}…) or its Close URL.`
}

/** `ID`, required: an ID or a Close URL. */
export function idOrUrlArg(resource: {idPrefix: string; noun: string}) {
  return {id: Args.string({description: describe(resource), required: true})}
}

/** `[ID]`: left out on a terminal, a picker offers `picker`; off a terminal that is exit 2. */
export function pickableIdArg(resource: {idPrefix: string; noun: string}, picker: string) {
  return {id: Args.string({description: `${describe(resource)} Omit it on a terminal to pick from ${picker}.`})}
}
