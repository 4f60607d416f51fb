/** Shared fixtures for the output tests: realistic Close objects and in-memory streams. */
import {Writable} from 'node:stream'

import type {OutputOptions} from '../../../src/output/context.js'
import type {OutputContext, RecordView} from '../../../src/output/types.js'

import {leads, opportunities} from '../../../src/close/resources.js'
import {createOutputContext} from '../../../src/output/context.js'

/** A writable that keeps what it is given; `isTTY`/`columns` as a terminal would have them. */
export class Sink extends Writable {
  chunks: string[] = []
  columns?: number
  isTTY?: boolean

  constructor(options: {columns?: number; highWaterMark?: number; isTTY?: boolean} = {}) {
    super({decodeStrings: false, highWaterMark: options.highWaterMark})
    this.isTTY = options.isTTY
    this.columns = options.columns
  }

  get text(): string {
    return this.chunks.join('')
  }

  _write(chunk: unknown, _encoding: string, callback: (error?: Error | null) => void): void {
    this.chunks.push(String(chunk))
    callback()
  }
}

export interface Harness {
  ctx: OutputContext
  stderr: Sink
  stdout: Sink
}

/** An output context over in-memory streams; no colour unless the env or TTY flags say so. */
export function harness(
  options: OutputOptions & {columns?: number; stderrTTY?: boolean; stdoutTTY?: boolean} = {},
): Harness {
  const stdout = new Sink({columns: options.columns, isTTY: options.stdoutTTY})
  const stderr = new Sink({isTTY: options.stderrTTY})
  const ctx = createOutputContext({env: {}, ...options, stderr, stdout})
  return {ctx, stderr, stdout}
}

export const leadView: RecordView = leads
export const oppView: RecordView = opportunities

export const bluestem = {
  addresses: [{address_1: '100 Main Street', city: 'Denver', country: 'US', label: 'business', state: 'CO'}],
  contacts: [
    {
      display_name: 'Priya Raman',
      emails: [{email: 'priya.raman@bluestem.example', type: 'office'}],
      id: 'cont_3XRcNWc0fZ581jIBgb32en',
      name: 'Priya Raman',
    },
  ],
  'custom.cf_4rT9x2VbQmLk8sWz1nYpAe': 'Enterprise',
  date_created: '2026-01-10T10:20:00.000000+00:00',
  date_updated: '2026-10-01T09:10:30.000000+00:00',
  description: '',
  display_name: 'Bluestem Logistics',
  id: 'lead_YBEldzFN1XdtXNMPqAXiuF',
  name: 'Bluestem Logistics',
  primary_email: {email: 'priya.raman@bluestem.example', type: 'office'},
  status_id: 'stat_JGr297EYx8ZXnd1mof4efX',
  status_label: 'Potential',
  url: 'https://bluestem.example',
}

export const harbor = {
  addresses: [{address_1: '9 Dock Rd', city: 'Portland', country: 'US', label: 'business', state: 'ME'}],
  contacts: [
    {display_name: 'Tom Okafor', id: 'cont_z5KaeHCk7FeRvH4SUeledH', name: 'Tom Okafor'},
    {display_name: 'Lena Fischer', id: 'cont_RZHeDFHzMGL3ZDF2gyjniY', name: 'Lena Fischer'},
  ],
  date_created: '2026-02-11T11:21:01.000000+00:00',
  date_updated: '2026-10-02T09:11:31.000000+00:00',
  description: 'Two clinics.\nWants\tonline booking',
  display_name: 'Harbor & Pine, "Dental"',
  id: 'lead_swFwTjT7fXwZ8Qz8IpCRMR',
  name: 'Harbor & Pine, "Dental"',
  primary_email: null,
  status_id: 'stat_gMxhV8az36a4sMzMJ5xu09',
  status_label: 'Qualified',
  url: null,
}

export const oppActive = {
  confidence: 80,
  date_won: null,
  id: 'oppo_8Hj2KfLw0PqRs3TuVx4YzA',
  lead_id: 'lead_YBEldzFN1XdtXNMPqAXiuF',
  lead_name: 'Bluestem Logistics',
  status_label: 'Active',
  status_type: 'active',
  user_name: 'Dana Whitfield',
  value: 1_200_000,
  value_currency: 'USD',
  value_period: 'one_time',
}

export const oppWon = {
  confidence: 100,
  date_won: '2026-09-30',
  id: 'oppo_Qm5Nb7Vc9Xz1Lk3Jh5Gf7D',
  lead_id: 'lead_swFwTjT7fXwZ8Qz8IpCRMR',
  lead_name: 'Harbor & Pine, "Dental"',
  status_label: 'Won',
  status_type: 'won',
  user_name: 'Marco Bellini',
  value: 1_200_050,
  value_currency: 'EUR',
  value_period: 'monthly',
}

/** Run `fn` with TZ set, restoring it after. */
export function withTZ(tz: string): {after: () => void; before: () => void} {
  let saved: string | undefined
  return {
    after() {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    },
    before() {
      saved = process.env.TZ
      process.env.TZ = tz
    },
  }
}
