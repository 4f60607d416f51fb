/** The global flags of design §3 (the GLOBAL help group), on every command through BaseCommand. */
import {Flags} from '@oclif/core'

import {outputFormats} from '../output/types.js'

/** On every command (the GLOBAL help group). */
export const globalFlags = {
  color: Flags.boolean({
    allowNo: true,
    default: true,
    description: 'Colour on a terminal; --no-color (or NO_COLOR) turns it off.',
    helpGroup: 'GLOBAL',
  }),
  connection: Flags.string({
    description: 'Membrane connection ID to use (default: the one chosen with `close login`).',
    env: 'CLOSE_CONNECTION_ID',
    helpGroup: 'GLOBAL',
  }),
  debug: Flags.boolean({
    description: 'Log each Membrane call (argv with input values redacted, duration, exit code) to stderr.',
    env: 'CLOSE_DEBUG',
    helpGroup: 'GLOBAL',
  }),
  json: Flags.boolean({
    description: 'Print JSON (same as -o json). Never prompts.',
    helpGroup: 'GLOBAL',
  }),
  output: Flags.option({
    char: 'o',
    description: 'Output format (default: table on a terminal, tsv when piped).',
    helpGroup: 'GLOBAL',
    options: outputFormats,
  })(),
  sandbox: Flags.boolean({
    description: 'Use the bundled offline sandbox instead of the real Membrane CLI.',
    env: 'CLOSE_SANDBOX',
    helpGroup: 'GLOBAL',
  }),
}
