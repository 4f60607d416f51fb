/**
 * The sandbox's argv parser: positionals and flags in any order, `--flag=value` and `--flag value`,
 * known booleans that never swallow the next token, repeatable flags, a few short aliases
 * (`-X`, `-H`, `-d`) and `--` to end options. Unknown options are refused, like a strict parser,
 * so a misspelt flag in the CLI fails loudly in tests instead of being ignored.
 */
import {MembraneError} from './errors.js'

export interface ParsedArgs {
  flags: Map<string, string[]>
  positionals: string[]
}

/** Flags that take no value. */
const BOOLEANS = new Set([
  'allowMultipleConnections',
  'help',
  'json',
  'non-interactive',
  'rawData',
  'tenant',
  'version',
  'wait',
])

/** Every flag the sandbox understands (booleans included); anything else is "unknown option". */
const KNOWN = new Set([
  'api',
  'apiUri',
  'clientName',
  'code',
  'connectionId',
  'connectionKey',
  'connectorId',
  'connectorKey',
  'cursor',
  'data',
  'elementType',
  'header',
  'id',
  'input',
  'integrationId',
  'integrationKey',
  'intent',
  'key',
  'limit',
  'meta',
  'method',
  'name',
  'pathParam',
  'query',
  'search',
  'tenantKey',
  'timeout',
  'workspaceKey',
  ...BOOLEANS,
])

const SHORT: Record<string, string> = {d: 'data', h: 'help', H: 'header', v: 'version', X: 'method'}

export function parseArgs(argv: string[]): ParsedArgs {
  const flags = new Map<string, string[]>()
  const positionals: string[] = []
  const add = (name: string, value: string): void => {
    const list = flags.get(name)
    if (list) list.push(value)
    else flags.set(name, [value])
  }

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }

    let name: string
    let inline: string | undefined
    if (token.startsWith('--') && token.length > 2) {
      const eq = token.indexOf('=')
      name = eq === -1 ? token.slice(2) : token.slice(2, eq)
      inline = eq === -1 ? undefined : token.slice(eq + 1)
    } else if (/^-[A-Za-z]/.test(token)) {
      const long = SHORT[token[1]]
      if (!long) throw unknownOption(token)
      name = long
      // `-XPOST`, `-X=POST` and `-X POST` all work.
      const rest = token.slice(2)
      inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest
    } else {
      positionals.push(token)
      continue
    }

    if (!KNOWN.has(name)) throw unknownOption(token.split('=')[0])
    if (BOOLEANS.has(name)) {
      if (inline !== undefined && !/^(true|false)$/.test(inline)) {
        throw new MembraneError('bad_request', `option '--${name}' takes no value`)
      }

      add(name, inline ?? 'true')
      continue
    }

    if (inline === undefined) {
      if (i + 1 >= argv.length) throw new MembraneError('bad_request', `option '--${name}' argument missing`)
      inline = argv[++i]
    }

    add(name, inline)
  }

  return {flags, positionals}
}

function unknownOption(token: string): MembraneError {
  return new MembraneError('bad_request', `unknown option '${token}'`)
}

/** The last value of a flag (a repeated single-valued flag: the last one wins). */
export function flag(args: ParsedArgs, name: string): string | undefined {
  const list = args.flags.get(name)
  return list ? list.at(-1) : undefined
}

export function flagAll(args: ParsedArgs, name: string): string[] {
  return args.flags.get(name) ?? []
}

export function bool(args: ParsedArgs, name: string): boolean {
  const value = flag(args, name)
  return value !== undefined && value !== 'false'
}

/** A positive integer flag within [1, max], or the default. */
export function intFlag(args: ParsedArgs, name: string, fallback: number, max: number): number {
  const raw = flag(args, name)
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new MembraneError('bad_request', `--${name} must be an integer between 1 and ${max}, got '${raw}'`)
  }

  return Number(raw)
}
