/** The flags and arguments of the notes commands. */
import {Args, Flags} from '@oclif/core'

const LEAD = 'an ID, a Close URL, an email, a phone, a website, a name or @last'

/** Where `notes create` and `notes update` take the text from. */
export const noteTextArgs = {
  text: Args.string({description: 'The note text; - reads it from stdin. Omit it on a terminal to write in $EDITOR.'}),
}

export const noteTextFlags = {
  file: Flags.string({char: 'f', description: 'Read the note text from this file (- for stdin).'}),
}

export const noteCreateFlags = {
  ...noteTextFlags,
  lead: Flags.string({description: `The lead the note is logged on: ${LEAD}.`}),
}

export const noteListFlags = {
  lead: Flags.string({description: `Only notes on this lead: ${LEAD}.`}),
  user: Flags.string({description: 'Only notes by this user: me, a user ID, an email or a name.'}),
}
