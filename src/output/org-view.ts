/** The `close org` page: the account at a glance. */
import type {OrgSummary} from '../services/org.js'
import type {ScreenStyle} from './screens.js'

import {line, row} from './lines.js'
import {heading} from './screens.js'

export function renderOrg(org: OrgSummary, s: ScreenStyle): string {
  const f = org.custom_fields
  const lines = [
    heading(org.name, s),
    line(`ID ${org.id} · currency ${org.currency}`, s, 2),
    line(`Custom fields: ${f.lead} lead, ${f.contact} contact, ${f.opportunity} opportunity`, s, 2),
    '',
    heading(`Members (${org.members.length})`, s),
    ...org.members.map((m) => row([{text: m.name, width: 24}, {text: m.email}, {text: m.role, width: 8}], s)),
    '',
    heading('Lead statuses', s),
    line(org.lead_statuses.map((st) => st.label).join(' · '), s, 2),
    '',
    heading('Pipelines', s),
    ...org.pipelines.map((p) =>
      line(`${p.name}: ${p.statuses.map((st) => `${st.label} (${st.type})`).join(' → ')}`, s, 2),
    ),
  ]
  return `${lines.join('\n')}\n`
}
