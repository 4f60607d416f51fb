#!/usr/bin/env node
/**
 * The build's fingerprint: one hash of everything `npm run build` makes dist/ and
 * oclif.manifest.json from — src/, the compiler and bundler settings, package.json, and the
 * lockfile (the bundle includes the dependencies). Both builds (`build`, `build:test`) write it last,
 * to dist/.fingerprint; `npm test` skips its build when it matches the checkout, as right after
 * `npm ci` (whose `prepare` has just built). Contents, not mtimes: a fresh clone has no useful ones.
 *
 *   node scripts/build-stamp.js write   after a build
 *   node scripts/build-stamp.js check   exit 0 when dist/ is current, 1 when it must be built
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const STAMP = join(ROOT, 'dist', '.fingerprint')
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/bundle.js', 'scripts/build-stamp.js']

function files(dir) {
  return readdirSync(dir, {withFileTypes: true})
    .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort()
}

/** The hash of the build's inputs, as they are now. */
export function fingerprint() {
  const hash = createHash('sha256')
  for (const file of [...INPUTS.map((name) => join(ROOT, name)), ...files(join(ROOT, 'src'))]) {
    hash.update(`${relative(ROOT, file)}\0`)
    hash.update(existsSync(file) ? readFileSync(file) : '(none)')
    hash.update('\0')
  }

  return hash.digest('hex')
}

/** True when dist/ and the manifest were built from the inputs as they are now. */
export function buildIsCurrent() {
  if (!existsSync(STAMP) || !existsSync(join(ROOT, 'oclif.manifest.json'))) return false
  return readFileSync(STAMP, 'utf8').trim() === fingerprint()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode] = process.argv.slice(2)
  if (mode === 'write') writeFileSync(STAMP, `${fingerprint()}\n`)
  else if (mode === 'check') process.exitCode = buildIsCurrent() ? 0 : 1
  else {
    process.stderr.write('usage: node scripts/build-stamp.js write|check\n')
    process.exitCode = 2
  }
}
