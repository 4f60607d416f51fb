/** The ID argument of opportunity and task commands: an ID or a pasted Close URL. */
import {Args} from '@oclif/core'

/** `ID`: an ID or a Close URL; optional where a terminal offers a picker when it is left out. */
export function idOrUrlArg(resource: {idPrefix: string; noun: string}, picker: string | undefined) {
  const noun = resource.noun.charAt(0).toUpperCase() + resource.noun.slice(1)
  const description = `${noun} ID (${resource.idPrefix}…) or its Close URL.${picker ? ` Omit it on a terminal to pick from ${picker}.` : ''}`
  return {id: Args.string({description, required: picker === undefined})}
}
