/** The filters of `activities list`. */
import {Flags} from '@oclif/core'

import {activityTypeWords} from '../services/activities.js'

export const activityListFlags = {
  lead: Flags.string({
    description: 'The lead whose timeline to show: an ID, a Close URL, an email, a phone, a website, a name or @last.',
  }),
  type: Flags.string({
    description: `Only these types (needs --lead): ${activityTypeWords.join(', ')}.`,
    multiple: true,
    multipleNonGreedy: true,
  }),
}
