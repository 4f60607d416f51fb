#!/usr/bin/env node
/* eslint n/no-unpublished-bin: "off" -- npm does publish bin/ (`npm pack --dry-run`); the rule misreads "/bin" in `files` */
// Start-up matters (issue 6, BENCHMARKS.md): nothing heavy is imported before it is needed.
//
// 1. `close --version` / `close -v` print oclif's exact version string
//    (`close-cli/<version> <platform>-<arch> node-<version>`, as oclif's Config builds its userAgent)
//    from package.json without loading oclif. Whenever oclif could print something else — WSL (its
//    platform is "wsl"), or an init hook in package.json — oclif does it.
// 2. Otherwise oclif runs from `@oclif/core/execute`: the package index also loads the parser,
//    flags and a full `semver` (about 50 modules) only to check Node against oclif's own engines
//    (>=18). That check is done here, cheaply, and oclif's is skipped, so `--help` stays fast.
import {existsSync, readFileSync} from 'node:fs'
import {arch, platform, release} from 'node:os'

const argv = process.argv.slice(2)

function versionString() {
  const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
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

const version = argv[0]?.startsWith('-') ? versionString() : undefined
if (version === undefined) {
  if (process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined && Number(process.versions.node.split('.')[0]) >= 18) {
    // Only while oclif loads: BaseCommand.init removes it again, so no child inherits it.
    process.env.OCLIF_DISABLE_ENGINE_WARNING = '1'
    globalThis[Symbol.for('close-cli.engine-check-skipped')] = true
  }

  const {execute} = await import('@oclif/core/execute')
  await execute({dir: import.meta.url})
} else {
  process.stdout.write(`${version}\n`)
}
