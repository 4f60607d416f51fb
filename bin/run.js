#!/usr/bin/env node
// Start-up matters (issue 6, BENCHMARKS.md): nothing is loaded that the command line does not need.
//
// 1. `close --version` / `close -v` print oclif's exact version string
//    (`close-cli/<version> <platform>-<arch> node-<version>`, as oclif's Config builds its userAgent)
//    from package.json without loading oclif. Whenever oclif could print something else — WSL (its
//    platform is "wsl"), or an init hook in package.json — oclif does it.
// 2. Otherwise oclif runs from `@oclif/core/execute` (dist/oclif.js; the build bundles it with the
//    commands, scripts/bundle.js): the package index also loads the parser, flags and a full
//    `semver` only to check Node against oclif's own engines (>=18). That check is done here,
//    cheaply, and oclif's is skipped while oclif loads.
// 3. When the command line names one of this package's own commands (its compiled file exists),
//    oclif is not asked to load the core plugins: they add only the `help` and `autocomplete`
//    commands and a hook for unknown commands, none of which an own command uses (`close leads
//    list --help` is oclif's built-in help). Anything else — root or topic help, `close help …`,
//    `close autocomplete`, a mistyped command — gets every plugin.
import {existsSync, readFileSync} from 'node:fs'
import {arch, platform, release} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
// Global flags before the command (`close --connection X leads list`) move behind it, or oclif would
// look for a command named `--connection` (src/hooks/argv.ts; loaded only when argv starts with a flag).
if (process.argv[2]?.startsWith('-') && process.argv.length > 3) {
  const {hoistGlobalFlags} = await import('../dist/hooks/argv.js')
  process.argv.splice(2, Number.POSITIVE_INFINITY, ...hoistGlobalFlags(process.argv.slice(2)))
}

const argv = process.argv.slice(2)
const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

function versionString() {
  const flags = new Set(['--version', '-v', ...(pjson.oclif?.additionalVersionFlags ?? [])])
  if (!flags.has(argv[0]) || pjson.oclif?.hooks?.init) return
  if (platform() === 'linux' && mightBeWsl()) return
  const cpu = arch() === 'ia32' ? 'x86' : arch()
  return `${pjson.name}/${pjson.version || '0.0.0'} ${platform()}-${cpu} node-${process.version}`
}

function mightBeWsl() {
  if (release().toLowerCase().includes('microsoft')) return true
  if (existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || existsSync('/run/WSL')) return true
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft')
  } catch {
    return false
  }
}

/** Whether the leading words of argv (`leads list`, `leads:list`, `raw`) name a compiled command of this package. */
function namesOwnCommand() {
  const commands = pjson.oclif?.commands
  if (typeof commands !== 'string') return false
  const words = []
  for (const arg of argv.slice(0, 3)) {
    if (!/^[\w-]+(:[\w-]+)*$/.test(arg) || arg.startsWith('-')) break
    words.push(...arg.split(':'))
  }

  for (let n = Math.min(words.length, 3); n > 0; n--) {
    const path = join(root, commands, ...words.slice(0, n))
    if (existsSync(`${path}.js`) || existsSync(join(path, 'index.js'))) return true
  }

  return false
}

const version = argv[0]?.startsWith('-') ? versionString() : undefined
if (version === undefined) {
  if (process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined && Number(process.versions.node.split('.')[0]) >= 18) {
    // Only while oclif loads: BaseCommand.init removes it again, so no child inherits it.
    process.env.OCLIF_DISABLE_ENGINE_WARNING = '1'
    globalThis[Symbol.for('close-cli.engine-check-skipped')] = true
  }

  const {execute} = await import('../dist/oclif.js')
  const own = Boolean(pjson.oclif) && namesOwnCommand()
  await execute(
    own ? {loadOptions: {pjson: {...pjson, oclif: {...pjson.oclif, plugins: []}}, root}} : {dir: import.meta.url},
  )
} else {
  process.stdout.write(`${version}\n`)
}
