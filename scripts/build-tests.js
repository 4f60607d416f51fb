#!/usr/bin/env node
/**
 * `npm test` runs the tests compiled, not through tsx: src/ and test/ go to `.test-build/` with the
 * native TypeScript compiler (no type check here: `npm run typecheck` does that), so mocha's workers
 * load plain JavaScript instead of sending every import through a loader thread (measured on 2 cores:
 * the four suites take 117 s of CPU compiled against 140 s through tsx, 64 s of wall against 76 s). `npx mocha test/…/x.test.ts` still runs the source through tsx.
 *
 * Besides the compiled modules, `.test-build/` gets test/'s other files (fixtures, executables) and a
 * package.json whose oclif paths name `./src/…`, so an in-process command test's oclif loads the very
 * command modules the test imports (test/helpers/root.ts, run-command.ts).
 */
import {execFileSync} from 'node:child_process'
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

rmSync(OUT, {force: true, recursive: true})
const tsc = join(ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc')
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'test', 'tsconfig.build.json'), '--noCheck'], {stdio: 'inherit'})
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
