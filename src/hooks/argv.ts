/**
 * Global flags before the command (issue 13 item 4): `close --connection X leads list` and
 * `close --json leads list`. oclif takes the first word of argv as the command id, so a leading
 * flag made it look for a command named `--connection` (and exit 127). bin/run.js and bin/dev.js
 * pass argv through `hoistGlobalFlags` first: leading global flags (with their values) move to the
 * end of argv, before a `--` if there is one, where every command parses them. Nothing else moves;
 * argv that does not start with a global flag is returned as it is.
 *
 * Pure and dependency-free, so bin/run.js can load it cheaply (only when argv starts with `-`).
 * GLOBAL_FLAGS mirrors src/flags.ts `globalFlags` (a unit test keeps them in step).
 */

/** Global flag → whether it takes a value. Short forms map to their long name. */
export const GLOBAL_FLAGS: Readonly<Record<string, boolean>> = {
  color: false,
  connection: true,
  debug: false,
  json: false,
  'no-color': false,
  output: true,
  sandbox: false,
}
const SHORT: Readonly<Record<string, string>> = {o: 'output'}

/** How many argv entries the global flag at argv[i] takes (0 when argv[i] is not a global flag). */
function globalFlagLength(argv: readonly string[], i: number): number {
  const arg = argv[i]!
  let name: string | undefined
  let inline = false
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=')
    name = arg.slice(2, eq === -1 ? undefined : eq)
    inline = eq !== -1
  } else if (/^-[A-Za-z]/.test(arg)) {
    name = SHORT[arg[1]!]
    inline = arg.length > 2
  }

  if (name === undefined || !(name in GLOBAL_FLAGS)) return 0
  if (!GLOBAL_FLAGS[name]) return inline ? 0 : 1
  if (inline) return 1
  return i + 1 < argv.length ? 2 : 1
}

/** argv with its leading global flags moved behind the command (see the file header). */
export function hoistGlobalFlags(argv: readonly string[]): string[] {
  const moved: string[] = []
  let i = 0
  while (i < argv.length) {
    const n = globalFlagLength(argv, i)
    if (n === 0) break
    moved.push(...argv.slice(i, i + n))
    i += n
  }

  if (moved.length === 0 || i === argv.length) return [...argv]
  const rest = argv.slice(i)
  const end = rest.indexOf('--')
  return end === -1 ? [...rest, ...moved] : [...rest.slice(0, end), ...moved, ...rest.slice(end)]
}
