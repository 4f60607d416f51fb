#!/usr/bin/env node
/**
 * `npm test` runs the tests compiled, not through tsx: src/ and test/ go to `.test-build/` with the
 * native TypeScript compiler (no type check here unless `--check`: `npm run typecheck` does that), so mocha's workers
 * load plain JavaScript instead of sending every import through a loader thread (measured on 2 cores:
 * the four suites take 117 s of CPU compiled against 140 s through tsx, 64 s of wall against 76 s). `npx mocha test/…/x.test.ts` still runs the source through tsx.
 *
 * Besides the compiled modules, `.test-build/` gets test/'s other files (fixtures, executables) and a
 * package.json whose oclif paths name `./src/…`, so an in-process command test's oclif loads the very
 * command modules the test imports (test/helpers/root.ts, run-command.ts).
 *
 * `--check` (npm test) type-checks in the same compile, as `npm run typecheck` does (declaration
 * checks included, on one thread): one parse of src/ and test/ instead of two, ~1.5 s less CPU. On a
 * type error the output is still written and copied, and this exits 2 after it, so that npm test
 * reports the errors and still runs the tests.
 */
import {spawnSync} from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const OUT = join(ROOT, '.test-build')

const check = process.argv.includes('--check')
rmSync(OUT, {force: true, recursive: true})
const tsc = join(ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc')
const checkArgs = check ? ['--declaration', '--singleThreaded'] : ['--noCheck']
// tsc exits 2 when it found errors and still wrote every file (1: it wrote nothing).
const {status} = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'test', 'tsconfig.build.json'), ...checkArgs], {
  stdio: 'inherit',
})
if (status !== 0 && !(check && status === 2)) throw new Error(`tsc exited ${status ?? 'on a signal'}`)
/** test/'s files that tsc does not emit (fixtures, executables, JSON), modes kept. */
function copyAssets(from, to) {
  for (const entry of readdirSync(from, {withFileTypes: true})) {
    const source = join(from, entry.name)
    const target = join(to, entry.name)
    if (entry.isDirectory()) copyAssets(source, target)
    else if (!/\.[cm]?ts$/.test(entry.name)) {
      mkdirSync(to, {recursive: true})
      copyFileSync(source, target)
      chmodSync(target, statSync(source).mode)
    }
  }
}

copyAssets(join(ROOT, 'test'), join(OUT, 'test'))

const pjson = readFileSync(join(ROOT, 'package.json'), 'utf8')
writeFileSync(join(OUT, 'package.json'), pjson.replaceAll('"./dist/', '"./src/'))
const manifest = join(ROOT, 'oclif.manifest.json')
if (existsSync(manifest)) copyFileSync(manifest, join(OUT, 'oclif.manifest.json'))
if (status !== 0) process.exitCode = status
