#!/usr/bin/env node
/**
 * `npm test`: build, type-check, every mocha suite (unit, in-process commands, e2e, tmux) and lint
 * (oxlint, prettier --check), offline, within 60 s on 2 cores (design §11). Two lanes run
 * side by side, one per core: build → type-check → mocha over the compiled tests (their output
 * streams), and lint (its output shown when done). The build here skips type-checking
 * (`build:test`, tsc --noCheck), and is skipped when dist/ was built from the sources as they are
 * (scripts/build-stamp.js). The type-check is the compile of src and test for mocha
 * (`scripts/build-tests.js --check`, what `npm run typecheck` checks): on a type error the tests
 * still run, and npm test fails. Exits with the first failing step's code.
 *
 * The tests' throwaway homes and sandboxes (os.tmpdir()) go to a directory in /dev/shm where Linux
 * has one: the sandbox and the config store fsync every write, which on a disk costs the suite
 * ~6 s of CPU and more of wall time, and nothing a test asserts depends on the disk.
 */
import {spawn} from 'node:child_process'
import {accessSync, constants, mkdtempSync, readFileSync, rmSync, statfsSync} from 'node:fs'
import {delimiter, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {buildIsCurrent} from './build-stamp.js'

/**
 * A fresh directory in /dev/shm (memory-backed), or undefined where there is none to write to, it is
 * mounted noexec (tests run scripts they write there) or it is small (a container's default is 64 MB;
 * the suite's peak is ~12 MB, measured with du).
 */
function memoryTmp() {
  if (process.platform !== 'linux') return
  try {
    const mount = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .findLast((fields) => fields[1] === '/dev/shm')
    if (!mount || mount[3].split(',').includes('noexec')) return
    accessSync('/dev/shm', constants.W_OK)
    const {bavail, bsize} = statfsSync('/dev/shm')
    if (bavail * bsize < 256 * 1024 * 1024) return
    return mkdtempSync(join('/dev/shm', 'close-test-'))
  } catch {
    // no /dev/shm to write to: the usual temp dir
  }
}

const tmp = memoryTmp()
const env = {
  ...process.env,
  // Offline (design §11): `oclif manifest` would otherwise ask the registry for a newer oclif.
  OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
  ...(tmp ? {TMPDIR: tmp} : {}),
}
// No test makes a TLS connection, and with NODE_EXTRA_CA_CERTS set (this machine sets it, as proxied ones do)
// every Node process the suite starts parses the bundle and rebuilds OpenSSL's root store first:
// ~0.1 s of CPU each, measured with `perf` on this machine's bare `node -e 0` (0.13 s against 0.03 s),
// over the ~500 processes of a run.
delete env.NODE_EXTRA_CA_CERTS

function removeTmp() {
  if (tmp) rmSync(tmp, {force: true, recursive: true})
}

// Interrupted, the lanes stop with the signal; the memory-backed directory goes too.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    removeTmp()
    process.kill(process.pid, signal)
  })
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const {scripts} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const stepEnv = {...env, PATH: [join(ROOT, 'node_modules', '.bin'), env.PATH].join(delimiter)}

/**
 * Run the package script SCRIPT with ARGS appended, as `npm run --silent SCRIPT -- ARGS` would (its
 * line in a shell, node_modules/.bin first on PATH) without starting npm for it: ~0.3 s of CPU a
 * step. A quiet step keeps its output to print at the end; a loud one streams it as it comes and
 * also keeps it, so that a failure can be shown again at the end.
 */
function step({args = [], line: own, script}, quiet) {
  const started = Date.now()
  return new Promise((resolve) => {
    const line = [own ?? scripts[script], ...args.map((arg) => `'${arg.replaceAll("'", String.raw`'\''`)}'`)]
    const child = spawn(line.join(' '), {cwd: ROOT, env: stepEnv, shell: true, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      from.on('data', (chunk) => {
        output += chunk
        if (!quiet) to.write(chunk)
      })
    }

    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      resolve({code: code ?? (signal ? 1 : 0), output, quiet, script, seconds})
    })
  })
}

/** What to show again of a streamed step that failed: mocha's failures, else its last lines. */
function failureOf(output) {
  const lines = output.trimEnd().split('\n')
  const failing = lines.findLastIndex((line) => /^\s*\d+ failing/.test(line))
  return (failing === -1 ? lines.slice(-60) : lines.slice(failing, failing + 150)).join('\n')
}

/**
 * Steps (`{script, args, line, skip, goOnAfter}`) one after another; stops at the first failure, except
 * one with the exit code `goOnAfter`. `line` runs instead of the package script `script` (the
 * step's name then). A step with `skip` (the reason) is not run.
 */
async function lane(steps, quiet) {
  const done = []
  for (const command of steps) {
    const result = command.skip
      ? {code: 0, output: '', quiet, script: `${command.script} (${command.skip})`, seconds: '0.0'}
      : await step(command, quiet)
    done.push(result)
    if (result.code !== 0 && result.code !== command.goOnAfter) break
  }

  return done
}

const started = Date.now()
// Right after `npm ci` (its `prepare` builds) or an earlier run, dist/ is already what the build
// would make (scripts/build-stamp.js): the build is skipped, ~5 s of CPU.
const build = {script: 'build:test', skip: buildIsCurrent() ? 'dist/ is up to date' : undefined}
// The compile for mocha type-checks too (exit 2: type errors, every file still written; the tests run).
const typecheck = {goOnAfter: 2, line: 'node scripts/build-tests.js --check', script: 'typecheck'}
// Streamed through a pipe, mocha keeps its colours when this runs on a terminal.
const mocha = {
  args: process.stdout.isTTY ? ['--color'] : [],
  line: 'mocha --config .mocharc.compiled.json',
  script: 'test:mocha',
}
const lanes = await Promise.all([lane([build, typecheck, mocha], false), lane([{script: 'lint'}], true)])
removeTmp()
const steps = lanes.flat()
for (const {output, quiet, script} of steps) {
  if (quiet && output.trim()) process.stdout.write(`\n── ${script} ──\n${output.trimEnd()}\n`)
}

// A failure of the streamed lane, again last, where a reader of the last lines (CI, a log tail) sees it.
for (const {code, output, quiet, script} of steps) {
  if (!quiet && code !== 0) process.stdout.write(`\n── ${script} (failed) ──\n${failureOf(output)}\n`)
}

process.stdout.write(
  `\n${steps.map(({code, script, seconds}) => `${code === 0 ? 'ok' : `FAILED (${code})`} ${script} ${seconds} s`).join('\n')}\n` +
    `npm test: ${((Date.now() - started) / 1000).toFixed(1)} s wall\n`,
)
const failed = steps.find(({code}) => code !== 0)
process.exitCode = failed ? failed.code : lanes[0].length === 3 && lanes[1].length === 1 ? 0 : 1
