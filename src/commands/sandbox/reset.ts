import {Flags} from '@oclif/core'

import {BaseCommand} from '../../command-base/base-command.js'
import {resetSandbox} from '../../sandbox/index.js'

export default class SandboxReset extends BaseCommand<typeof SandboxReset> {
  static description = `Deletes the sandbox's data and seeds it again: the demo organization "Acme Demo" with its
leads, contacts, opportunities, tasks, notes and users, logged in, with its demo connections.
The data is the same every time for the same --leads.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --leads 1000']
  static flags = {
    leads: Flags.integer({default: 300, description: 'How many leads to seed.', max: 1_000_000, min: 1}),
  }
  static summary = 'Re-seed the offline sandbox.'

  public async execute(): Promise<{counts: Record<string, number>; path: string}> {
    const counts = await resetSandbox(this.sandboxDir, {leads: this.flags.leads})
    if (!this.io.json) {
      const summary = Object.entries(counts)
        .map(([kind, count]) => `${count.toLocaleString('en-US')} ${kind}`)
        .join(', ')
      this.io.stderr(`Sandbox re-seeded in ${this.sandboxDir}: ${summary}.\n`)
    }

    return {counts, path: this.sandboxDir}
  }
}
