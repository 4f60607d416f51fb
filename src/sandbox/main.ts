/**
 * Entry of the sandbox executable (bin/membrane-sandbox.js): a stand-in for the `membrane` CLI
 * over the local Close emulator. Parses argv, runs one command, prints as Membrane does, and
 * resolves to the exit code. Errors: `{type, key, message, data}` on stdout under `--json`, always
 * `Error: <message>` on stderr, exit 1.
 */
import type {CloseOpener} from './membrane/close-api.js'
import type {Context, Io} from './membrane/commands.js'

import {parseArgs} from './membrane/args.js'
import {SANDBOX_MEMBRANE_VERSION} from './membrane/constants.js'
import {MembraneError} from './membrane/errors.js'
import {resolveSandboxDir} from './membrane/paths.js'

export const USAGE = `membrane ${SANDBOX_MEMBRANE_VERSION} (close sandbox: a local stand-in for the Membrane CLI over demo Close data)

Usage: membrane <command> [options]

Commands:
  login [--tenant] [--non-interactive]      start a login; prints the authorization URL
  login complete <code>                     finish a login with the code shown after approval
  logout                                    log out
  status [--json]                           login state
  search <query> [--elementType=connector]  find connectors
  connect --connectorId=ID | --connectionId=ID [--non-interactive]
                                            create or re-authenticate a connection
  connection list | get <id>                connections and their state
  action list --connectionId=ID [--intent=TEXT] [--limit=N]
  action run <action-id-or-key> --connectionId=ID --input=JSON
  request <connection-id> <path> [-X METHOD] [--query k=v] [-H "K: V"] [-d BODY]
                                            call the Close API through the connection
  act (--id=ID | --key=KEY | --api=JSON) [--connectionId=ID] [--input=JSON]
                                            generation B: run an action or a Close request

Options: --json (machine-readable output), --help, --version
Data: $CLOSE_SANDBOX_DIR (default ~/.local/share/close/sandbox)
`

const COMMANDS = new Set(['act', 'action', 'connect', 'connection', 'login', 'logout', 'request', 'search', 'status'])

export type {CloseHandler, CloseOpener, CloseRequest, CloseResponse} from './membrane/close-api.js'
export type {Io} from './membrane/commands.js'

export interface SandboxOptions {
  /** The Close backend (default: the emulator in the sandbox directory). */
  close?: CloseOpener
}

function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}

export function processIo(): Io {
  // A reader that stops early (`| head`) must not turn into a crash with a stack trace.
  process.stdout.on('error', () => {})
  return {
    stderr: (text) => process.stderr.write(text),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdout: (text) => process.stdout.write(text),
  }
}

export async function main(
  argv: string[],
  io: Io = processIo(),
  env: NodeJS.ProcessEnv = process.env,
  options: SandboxOptions = {},
): Promise<number> {
  const json = argv.includes('--json')
  try {
    const args = parseArgs(argv)
    if (args.flags.has('version')) {
      io.stdout(`${SANDBOX_MEMBRANE_VERSION}\n`)
      return 0
    }

    const name = args.positionals[0]
    if (args.flags.has('help') || name === undefined || name === 'help') {
      io.stdout(USAGE)
      return 0
    }

    if (!COMMANDS.has(name)) throw new MembraneError('bad_request', `Unknown command '${name}'. Run: membrane --help`)
    // Loaded only now, so --version and --help stay as cheap as a bare node start.
    const commands = (await import('./membrane/commands.js')) as unknown as Record<
      string,
      (ctx: Context) => Promise<number>
    >
    const openClose = options.close ?? (await import('./membrane/close-api.js')).openEmulator
    return await commands[name]({args, dir: resolveSandboxDir(env), env, io, json, openClose})
  } catch (error) {
    const failure =
      error instanceof MembraneError
        ? error
        : new MembraneError('internal', `Sandbox failure: ${error instanceof Error ? error.message : String(error)}`)
    if (json) printJson(io, failure.toJSON())
    io.stderr(`Error: ${failure.message}\n`)
    if (!(error instanceof MembraneError) && env.CLOSE_SANDBOX_DEBUG && error instanceof Error) {
      io.stderr(`${error.stack}\n`)
    }

    return 1
  }
}
