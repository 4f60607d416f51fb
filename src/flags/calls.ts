/** The flags of `calls log`, shared with the quick capture `close call`. */
import {Args, Flags} from '@oclif/core'

import {directions} from '../services/calls.js'

export const callLogInput = {
  args: {
    lead: Args.string({
      description: 'The lead: ID, Close URL, email, phone, domain, name or @last.',
      required: true,
    }),
  },
  flags: {
    contact: Flags.string({description: 'The contact called (ID, email, phone or name within the lead).'}),
    direction: Flags.option({description: 'Call direction (default outbound).', options: directions})(),
    duration: Flags.string({description: 'How long: 300, 90s, 5m, 1h30m, 1:30.'}),
    file: Flags.string({
      char: 'f',
      description: 'Read the call note from this file (- for stdin).',
      exclusive: ['note'],
    }),
    note: Flags.string({description: 'A note on the call (- reads stdin).'}),
    phone: Flags.string({description: 'The number called or calling.'}),
  },
}

/** `--lead`, `--user`, `--since` of `calls list` / `meetings list`. */
export const activityFilterFlags = {
  lead: Flags.string({description: 'Only on this lead (ID, URL, email, phone, domain, name or @last).'}),
  user: Flags.string({description: 'Only by this user: me, a user ID, an email or a name.'}),
}
