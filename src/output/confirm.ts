/**
 * The one-line confirmation after a write (design §6, issue 13 item 6): `✓ Created lead "Acme"
 * (lead_…)` on stderr, only when stderr is a terminal and the output is not JSON, so scripts see
 * exactly the data they asked for.
 */
import type {Io} from './io.js'

import {sanitize} from './sanitize.js'

export type WriteVerb = 'Completed' | 'Created' | 'Deleted' | 'Updated'

/** `lead "Acme" (lead_…)`, `task (task_…)`: what a confirmation or a message names. */
export function describeRecord(noun: string, id: string, name?: string): string {
  return `${noun} ${name ? `"${sanitize(name)}" ` : ''}(${id})`
}

/** Write `✓ <verb> <what>` on stderr when a person is watching; nothing otherwise. */
export function confirmWrite(
  io: Pick<Io, 'json' | 'stderr' | 'stderrColor' | 'stderrIsTTY'>,
  verb: WriteVerb,
  what: string,
): void {
  if (!io.stderrIsTTY || io.json) return
  const mark = io.stderrColor ? '\u001B[32m✓\u001B[39m' : '✓'
  io.stderr(`${mark} ${verb} ${what}\n`)
}

/** The name a record goes by, for a confirmation: display_name, name, text or note (first line). */
export function recordName(record: Record<string, unknown>): string | undefined {
  for (const key of ['display_name', 'name', 'text', 'note']) {
    const value = record[key]
    if (typeof value === 'string' && value.trim()) {
      const line = value.trim().split('\n')[0]!
      return line.length > 60 ? `${line.slice(0, 59)}…` : line
    }
  }

  return undefined
}
