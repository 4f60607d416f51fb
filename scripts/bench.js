#!/usr/bin/env node
/**
 * `npm run bench` (design §11, issue 6): the performance figures of `close`, measured in one run on
 * this machine, against bare `node -e 0` as the floor.
 *
 *   start-up       `close --version` and `close leads list --help`, interleaved with `node -e 0`;
 *   processes      membrane processes spawned by leads list / leads get / notes create, with a cold
 *                  and a warm action cache (counted by a wrapper around the sandbox, cross-checked
 *                  with the `--debug` lines of the gateway);
 *   own time       `close leads list --sandbox --limit 50`: wall time minus the time its membrane
 *                  child ran (the gateway's `--debug` line: `membrane … → exit 0 in N ms`);
 *   memory         peak RSS (VmHWM) of the CLI process itself — not its children — for
 *                  `close leads list --all -o ndjson --sandbox` at two dataset sizes, and the records
 *                  per second of that export.
 *
 * Every timed figure is a median over several runs; timed cases are interleaved with the floor so
 * that a busy machine slows both alike, and a ratio is the median of the per-round ratios (each run
 * divided by the floor run of the same round). Exits 0 with the table (targets missed are marked),
 * 1 when something could not be measured (build failed, a command failed, wrong record count).
 *
 * Options: --rounds N (start-up and own-time rounds, default 21), --rss-runs N (runs per dataset
 * size, default 3), --sizes A,B (default 2000,20000), --only startup,counts,own,memory,table,prefetch,slow
 * (a subset; table = the streamed `-o table` export, prefetch = ndjson with prefetching off and on taking turns,
 * slow = today and the lead page against a 500 ms membrane, as a ratio to one call),
 * --json (also print the results as JSON).
 */
import {spawn, spawnSync} from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// The build under test: a copy taken once built (see snapshot()), so a rebuild in the working tree
// during the run (`npm test` starts with `rm -rf dist`) cannot pull files from under it.
let APP = ROOT
let RUN = join(ROOT, 'bin', 'run.js')
let SANDBOX_BIN = join(ROOT, 'bin', 'membrane-sandbox.js')
const NODE = process.execPath
const PAGE_SIZE = 200

const TARGETS = {
  help: 3,
  ownTime: 3,
  rss: 1.2,
  slowCalls: 1.5,
  version: 2.5,
}

class CannotMeasure extends Error {}

/** The machine's load averages (1, 5, 15 min), as printed in the report. */
function loadAverage() {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})
const log = (text) => process.stderr.write(`${text}\n`)
const verdict = (ok) => (ok ? 'ok' : 'MISSED')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }

  return newest
}

/** Build when dist/ or the manifest is missing, or src/ changed after the last build. */
function ensureBuild() {
  const manifest = join(ROOT, 'oclif.manifest.json')
  const dist = join(ROOT, 'dist')
  const stale =
    !existsSync(dist) || !existsSync(manifest) || newestMtime(join(ROOT, 'src')) > statSync(manifest).mtimeMs
  if (!stale) return
  log('bench: dist/ is missing or older than src/: npm run build')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const built = spawnSync(npm, ['run', 'build'], {cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr]})
  if (built.status !== 0) throw new CannotMeasure('npm run build failed')
}

function copyTree(from, to) {
  if (!statSync(from).isDirectory()) {
    copyFileSync(from, to)
    return
  }

  mkdirSync(to, {recursive: true})
  for (const name of readdirSync(from)) copyTree(join(from, name), join(to, name))
}

/** Copy the build (bin, dist, package.json, manifest; node_modules linked) into `work` and use it. */
function snapshot(work) {
  const app = join(work, 'app')
  mkdirSync(app, {recursive: true})
  for (const name of ['bin', 'dist', 'package.json', 'oclif.manifest.json']) {
    copyTree(join(ROOT, name), join(app, name))
  }

  symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir')
  APP = app
  RUN = join(app, 'bin', 'run.js')
  SANDBOX_BIN = join(app, 'bin', 'membrane-sandbox.js')
}

/** A clean environment: no CLOSE_* or oclif settings of the caller, HOME and XDG dirs under `home`. */
function cleanEnv(home, extra = {}) {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(CLOSE_|OCLIF_|DEBUG$|NODE_OPTIONS$|FORCE_COLOR$|NO_COLOR$)/.test(key)) continue
    env[key] = value
  }

  return {
    ...env,
    CLOSE_NO_PROMPT: '1',
    HOME: home,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    ...extra,
  }
}

/** Run to completion; returns wall ms, exit code, stdout, stderr. */
function timed(argv, env) {
  const started = process.hrtime.bigint()
  const result = spawnSync(NODE, argv, {cwd: APP, env, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe']})
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  return {ms, status: result.status, stderr: String(result.stderr), stdout: String(result.stdout)}
}

function mustSucceed(label, result) {
  if (result.status !== 0) {
    throw new CannotMeasure(
      `${label} exited ${result.status}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    )
  }

  return result
}

function close(args, env) {
  return mustSucceed(`close ${args.join(' ')}`, timed([RUN, ...args], env))
}

/** The gateway's debug lines: `[debug] membrane <argv> → <outcome> in <N> ms`, one per process. */
function membraneLines(stderr) {
  return stderr
    .split('\n')
    .map((line) => /^\[debug] membrane (.*) → .* in (\d+) ms$/.exec(line))
    .filter(Boolean)
    .map((m) => ({args: m[1], ms: Number(m[2])}))
}

const shuffle = (items) => {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }

  return copy
}

// ---------------------------------------------------------------------------------------------
// The measurements

/** Start-up: node -e 0, close --version, close leads list --help, in a shuffled order per round. */
function startup(rounds, env) {
  const cases = {
    floor: ['-e', '0'],
    help: [RUN, 'leads', 'list', '--help'],
    version: [RUN, '--version'],
  }
  const ms = {floor: [], help: [], version: []}
  const ratios = {help: [], version: []}
  for (const name of ['version', 'help']) mustSucceed(name, timed(cases[name], env)) // warm the file cache
  for (let round = 0; round < rounds; round++) {
    const times = {}
    for (const name of shuffle(Object.keys(cases))) {
      times[name] = mustSucceed(name, timed(cases[name], env)).ms
      ms[name].push(times[name])
    }

    ratios.help.push(times.help / times.floor)
    ratios.version.push(times.version / times.floor)
  }

  return {
    floorMs: median(ms.floor),
    help: {ms: median(ms.help), ratio: median(ratios.help)},
    version: {ms: median(ms.version), ratio: median(ratios.version)},
  }
}

/** Seed a sandbox with `leads` leads under `home`'s data dir; returns the env that uses it. */
function seed(home, leads) {
  const env = cleanEnv(home)
  close(['sandbox', 'reset', '--leads', String(leads), '--json'], env)
  return env
}

/** Membrane processes per command, cold and warm action cache, counted by a wrapper and by --debug. */
function processCounts(work, sandboxEnv, connectionId) {
  const sandboxDir = join(sandboxEnv.XDG_DATA_HOME, 'close', 'sandbox')
  const counter = join(work, 'membrane-count.mjs')
  writeFileSync(
    counter,
    [
      `#!${NODE}`,
      "import {appendFileSync} from 'node:fs'",
      String.raw`appendFileSync(process.env.BENCH_MEMBRANE_LOG, JSON.stringify(process.argv.slice(2)) + '\n')`,
      `await import(${JSON.stringify(pathToFileURL(SANDBOX_BIN).href)})`,
      '',
    ].join('\n'),
  )
  chmodSync(counter, 0o755)

  const {stdout} = close(['leads', 'list', '--limit', '1', '--json', '--sandbox'], sandboxEnv)
  const leadId = JSON.parse(stdout)[0]?.id
  if (!leadId) throw new CannotMeasure('the sandbox has no lead')
  const cases = [
    // calls: the Close calls the command needs, one page of up to 200 records each for lists.
    {args: ['leads', 'list'], calls: 1, label: 'close leads list'},
    {args: ['leads', 'list', '--limit', '450'], calls: 3, label: 'close leads list --limit 450'},
    {args: ['leads', 'get', leadId], calls: 1, label: 'close leads get ID'},
    {args: ['notes', 'create', '--lead', leadId, 'Bench note'], calls: 1, label: 'close notes create --lead ID TEXT'},
  ]
  return cases.map((item, index) => {
    const home = join(work, `counts-${index}`)
    mkdirSync(home, {recursive: true})
    const logFile = join(home, 'membrane.log')
    const env = cleanEnv(home, {
      BENCH_MEMBRANE_LOG: logFile,
      CLOSE_CONNECTION_ID: connectionId,
      CLOSE_MEMBRANE_BIN: counter,
      CLOSE_SANDBOX_DIR: sandboxDir,
    })
    const count = () => {
      writeFileSync(logFile, '')
      const result = close([...item.args, '--debug', '-o', 'json'], env)
      const spawned = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).length
      const logged = membraneLines(result.stderr).length
      if (spawned !== logged) log(`bench: ${item.label}: ${spawned} processes ran but --debug logged ${logged}`)
      return spawned
    }

    const cold = count()
    const warm = count()
    return {calls: item.calls, cold, label: item.label, warm}
  })
}

/**
 * `today` and the lead page against a membrane that answers each call after 500 ms (a wrapper that
 * sleeps, then runs the sandbox): their wall time as a ratio to a command making one call
 * (`leads get ID -o json`, one call with a warm cache). Concurrent calls keep it near 1; the
 * sum of the calls would make it 3 or more.
 */
function slowCalls(rounds, work, sandboxEnv, connectionId) {
  const sandboxDir = join(sandboxEnv.XDG_DATA_HOME, 'close', 'sandbox')
  const slow = join(work, 'membrane-slow.mjs')
  writeFileSync(
    slow,
    [
      `#!${NODE}`,
      "await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SLOW_MS ?? '500')))",
      `await import(${JSON.stringify(pathToFileURL(SANDBOX_BIN).href)})`,
      '',
    ].join('\n'),
  )
  chmodSync(slow, 0o755)
  const home = join(work, 'slow')
  mkdirSync(home, {recursive: true})
  const env = cleanEnv(home, {
    CLOSE_CONNECTION_ID: connectionId,
    CLOSE_MEMBRANE_BIN: slow,
    CLOSE_SANDBOX_DIR: sandboxDir,
  })
  const day = JSON.parse(close(['today', '--json'], env).stdout)
  const leadId = day.opportunities?.closing?.[0]?.lead_id ?? day.tasks?.overdue?.[0]?.lead_id
  if (!leadId) throw new CannotMeasure('the sandbox day has no lead')
  const cases = {
    lead: [RUN, 'leads', 'get', leadId, '-o', 'table'],
    one: [RUN, 'leads', 'get', leadId, '-o', 'json'],
    today: [RUN, 'today', '-o', 'table'],
  }
  // Warm the action and lookup caches, so each case makes only the calls it needs.
  for (const args of Object.values(cases)) mustSucceed(args.slice(1).join(' '), timed(args, env))
  const samples = {lead: [], one: [], today: []}
  for (let round = 0; round < rounds; round++) {
    for (const [name, args] of Object.entries(cases)) samples[name].push(mustSucceed(name, timed(args, env)).ms)
  }

  const one = median(samples.one)
  return {
    leadMs: median(samples.lead),
    leadRatio: median(samples.lead.map((ms, i) => ms / samples.one[i])),
    oneMs: one,
    todayMs: median(samples.today),
    todayRatio: median(samples.today.map((ms, i) => ms / samples.one[i])),
  }
}

/** The CLI's own time for `leads list --sandbox --limit 50`: wall minus its membrane child, vs the floor. */
function ownTime(rounds, env) {
  const args = [RUN, 'leads', 'list', '--sandbox', '--limit', '50', '--debug']
  mustSucceed('leads list (warm-up)', timed(args, env)) // fills the action cache
  const rows = []
  for (let round = 0; round < rounds; round++) {
    const times = {}
    for (const name of shuffle(['floor', 'list'])) {
      if (name === 'floor') {
        times.floor = mustSucceed('node -e 0', timed(['-e', '0'], env)).ms
        continue
      }

      const result = mustSucceed('close leads list --sandbox --limit 50', timed(args, env))
      const children = membraneLines(result.stderr)
      const lines = result.stdout.split('\n').filter(Boolean).length
      if (lines !== 50) throw new CannotMeasure(`leads list --limit 50 printed ${lines} lines`)
      times.total = result.ms
      times.child = children.reduce((sum, c) => sum + c.ms, 0)
      times.processes = children.length
    }

    rows.push({...times, own: times.total - times.child})
  }

  return {
    childMs: median(rows.map((r) => r.child)),
    floorMs: median(rows.map((r) => r.floor)),
    ownMs: median(rows.map((r) => r.own)),
    processes: median(rows.map((r) => r.processes)),
    ratio: median(rows.map((r) => r.own / r.floor)),
    totalMs: median(rows.map((r) => r.total)),
  }
}

/**
 * Peak RSS of the CLI process: a preloaded module (`node --import`) reads VmHWM from
 * /proc/self/status as the process exits — the high-water mark of this process alone, so the
 * membrane children do not count — and writes it to a file (getrusage's maxRSS where /proc is absent).
 */
function hwmProbe(work) {
  const file = join(work, 'hwm.mjs')
  writeFileSync(
    file,
    [
      "import {readFileSync, writeFileSync} from 'node:fs'",
      "process.on('exit', () => {",
      '  let kb = process.resourceUsage().maxRSS',
      String.raw`  try { kb = Number(/VmHWM:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) } catch {}`,
      '  writeFileSync(process.env.BENCH_HWM_FILE, String(kb))',
      '})',
      '',
    ].join('\n'),
  )
  return file
}

/** One `--all -o ndjson` export, stdout read by us (a pipe, as in `close … | other`): lines, wall ms, HWM. */
function exportRun(probe, env, hwmFile, variant = VARIANTS.ndjson) {
  return new Promise((resolve, reject) => {
    const args = ['--import', probe, RUN, 'leads', 'list', '--all', '-o', variant.format, '--sandbox', '--debug']
    const started = process.hrtime.bigint()
    const child = spawn(NODE, args, {
      cwd: APP,
      env: {...env, ...variant.env, BENCH_HWM_FILE: hwmFile},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let lines = 0
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      for (const byte of chunk) if (byte === 10) lines++
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (status !== 0) {
        reject(
          new CannotMeasure(`leads list --all exited ${status}: ${stderr.trim().split('\n').slice(-2).join(' | ')}`),
        )
        return
      }

      const kb = Number(readFileSync(hwmFile, 'utf8'))
      resolve({kb, lines: lines - variant.headerLines, ms, processes: membraneLines(stderr).length})
    })
  })
}

/**
 * The `--all` exports measured: ndjson (the memory part), the streamed table (`--only table`), and
 * ndjson with prefetching off then on, interleaved in the same run (`--only prefetch`).
 */
const VARIANTS = {
  ndjson: {env: {}, format: 'ndjson', headerLines: 0, title: 'leads list --all -o ndjson --sandbox'},
  sequential: {
    env: {CLOSE_LIST_PREFETCH: '0'},
    format: 'ndjson',
    headerLines: 0,
    title: 'ndjson, prefetch off (sequential)',
  },
  table: {env: {}, format: 'table', headerLines: 1, title: 'leads list --all -o table --sandbox'},
}

/**
 * `variants` exported at each dataset size, `runs` times; within a run the variants go one after
 * another on the same dataset, so a ratio between them compares runs made side by side. Returns one
 * block per variant (medians), each row also holding its per-run records/s (`rates`).
 */
async function memory(work, sizes, runs, variants = [VARIANTS.ndjson]) {
  const probe = hwmProbe(work)
  const datasets = sizes.map((size) => {
    const home = join(work, `rss-${size}`)
    mkdirSync(home, {recursive: true})
    log(`bench: seeding a sandbox with ${fmt(size)} leads`)
    const env = seed(home, size)
    close(['leads', 'list', '--limit', '1', '--sandbox'], env) // warm action cache
    return {env, hwmFile: join(home, 'hwm'), runs: variants.map(() => []), size}
  })
  for (let run = 0; run < runs; run++) {
    for (const dataset of datasets) {
      for (const [v, variant] of variants.entries()) {
        log(`bench: ${variant.title}: ${fmt(dataset.size)} leads, run ${run + 1}/${runs}`)
        const result = await exportRun(probe, dataset.env, dataset.hwmFile, variant)
        if (result.lines !== dataset.size) {
          throw new CannotMeasure(`the export of ${dataset.size} leads printed ${result.lines} records`)
        }

        dataset.runs[v].push(result)
      }
    }
  }

  return variants.map((variant, v) =>
    datasets.map(({runs: byVariant, size}) => {
      const results = byVariant[v]
      const rates = results.map((r) => r.lines / (r.ms / 1000))
      return {
        mb: median(results.map((r) => r.kb)) / 1024,
        ms: median(results.map((r) => r.ms)),
        pages: Math.ceil(size / PAGE_SIZE),
        processes: median(results.map((r) => r.processes)),
        rates,
        recordsPerSecond: median(rates),
        size,
        title: variant.title,
      }
    }),
  )
}

// ---------------------------------------------------------------------------------------------
// Report

/** One table row: the first cell left-aligned, the others right-aligned. */
function row(cells, widths) {
  return cells
    .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
    .join('  ')
}

/** A row comparing a figure with its target: label, median ms, ratio, target, verdict. */
function ratioRow(label, figure, target) {
  return [label, fmt(figure.ms), fmt(figure.ratio, 2), `≤ ${target}`, verdict(figure.ratio <= target)]
}

function report(results) {
  const {counts, machine, own, rss, slow, start} = results
  const out = [
    `close bench — node ${machine.node}, ${machine.platform}, ${machine.cpus} CPUs, load ${machine.load} — medians of ${machine.rounds} rounds (memory: ${machine.rssRuns} runs)`,
  ]
  const w1 = [34, 10, 12, 8, 7]
  if (start) {
    out.push(
      '',
      row(['start-up', 'median ms', '× node -e 0', 'target', ''], w1),
      row(['node -e 0 (floor)', fmt(start.floorMs), '1.00', '', ''], w1),
      row(ratioRow('close --version', start.version, TARGETS.version), w1),
      row(ratioRow('close leads list --help', start.help, TARGETS.help), w1),
    )
  }

  if (counts) {
    const w2 = [34, 6, 6, 6, 10]
    out.push('', row(['membrane processes', 'cold', 'warm', 'calls', 'warm=calls'], w2))
    for (const c of counts) out.push(row([c.label, c.cold, c.warm, c.calls, verdict(c.warm === c.calls)], w2))
  }

  if (own) {
    out.push(
      '',
      row(['leads list --sandbox --limit 50', 'median ms', '× node -e 0', 'target', ''], w1),
      row(['node -e 0 (floor)', fmt(own.floorMs), '1.00', '', ''], w1),
      row(['total', fmt(own.totalMs), '', '', ''], w1),
      row([`membrane child (${own.processes} process)`, fmt(own.childMs), '', '', ''], w1),
      row(ratioRow('CLI own time (total − child)', {ms: own.ownMs, ratio: own.ratio}, TARGETS.ownTime), w1),
    )
  }

  if (slow) {
    out.push(
      '',
      row(['membrane answering after 500 ms', 'median ms', '× one call', 'target', ''], w1),
      row(['one call (leads get ID -o json)', fmt(slow.oneMs), '1.00', '', ''], w1),
      row(ratioRow('close today', {ms: slow.todayMs, ratio: slow.todayRatio}, TARGETS.slowCalls), w1),
      row(ratioRow('close leads get ID (the page)', {ms: slow.leadMs, ratio: slow.leadRatio}, TARGETS.slowCalls), w1),
    )
  }

  for (const block of [rss, results.table, results.sequential, results.prefetched]) {
    if (!block) continue
    const w4 = [34, 10, 12, 10, 10]
    out.push('', row([block[0].title, 'peak RSS', 'records/s', 'pages', 'processes'], w4))
    for (const r of block) {
      out.push(row([`${fmt(r.size)} leads`, `${fmt(r.mb, 1)} MB`, fmt(r.recordsPerSecond), r.pages, r.processes], w4))
    }

    const ratio = block.at(-1).mb / block[0].mb
    const label = `peak RSS ${fmt(block.at(-1).size)} / ${fmt(block[0].size)}`
    out.push(row([label, fmt(ratio, 2), `≤ ${TARGETS.rss}`, verdict(ratio <= TARGETS.rss), ''], w4))
  }

  if (results.sequential && results.prefetched) {
    const w4 = [34, 10, 12, 10, 10]
    const on = results.prefetched.at(-1).rates
    const speedup = median(on.map((rate, run) => rate / results.sequential.at(-1).rates[run]))
    out.push(
      row(
        [
          `prefetch speed-up (${fmt(results.prefetched.at(-1).size)} leads)`,
          `${fmt(speedup, 2)}×`,
          '≥ 1.6',
          verdict(speedup >= 1.6),
          '',
        ],
        w4,
      ),
    )
  }

  return out.join('\n')
}

// ---------------------------------------------------------------------------------------------

const PARTS = ['startup', 'counts', 'own', 'memory', 'table', 'prefetch', 'slow']

async function main() {
  const {values} = parseArgs({
    options: {
      json: {type: 'boolean'},
      only: {default: PARTS.join(','), type: 'string'},
      rounds: {default: '21', type: 'string'},
      'rss-runs': {default: '3', type: 'string'},
      sizes: {default: '2000,20000', type: 'string'},
    },
  })
  const rounds = Number(values.rounds)
  const rssRuns = Number(values['rss-runs'])
  const sizes = values.sizes.split(',').map(Number)
  const only = new Set(values.only.split(','))
  if (
    !(rounds >= 1 && rssRuns >= 1 && sizes.length === 2 && sizes.every((n) => n >= 1)) ||
    [...only].some((part) => !PARTS.includes(part))
  ) {
    throw new CannotMeasure(
      `usage: npm run bench -- [--rounds N] [--rss-runs N] [--sizes A,B] [--only ${PARTS.join(',')}] [--json]`,
    )
  }

  ensureBuild()
  const work = mkdtempSync(join(tmpdir(), 'close-bench-'))
  try {
    try {
      snapshot(work)
    } catch (error) {
      throw new CannotMeasure(`could not copy the build (was it being rebuilt?): ${error.message}`)
    }

    const {SANDBOX_CONNECTION_ID} = await import(pathToFileURL(join(APP, 'dist', 'sandbox', 'index.js')).href)
    const machine = {
      cpus: availableParallelism(),
      load: loadAverage(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      rounds,
      rssRuns,
    }
    const results = {machine}
    if (only.has('startup')) {
      log(`bench: start-up, ${rounds} rounds`)
      results.start = startup(rounds, cleanEnv(join(work, 'startup')))
    }

    if (only.has('counts') || only.has('own') || only.has('slow')) {
      const sandboxEnv = seed(join(work, 'counts'), 500)
      if (only.has('counts')) {
        log('bench: membrane processes per command')
        results.counts = processCounts(work, sandboxEnv, SANDBOX_CONNECTION_ID)
      }

      if (only.has('own')) {
        log(`bench: CLI own time, ${rounds} rounds`)
        results.own = ownTime(rounds, sandboxEnv)
      }

      if (only.has('slow')) {
        log(`bench: today and the lead page against a 500 ms membrane, ${Math.min(rounds, 5)} rounds`)
        results.slow = slowCalls(Math.min(rounds, 5), work, sandboxEnv, SANDBOX_CONNECTION_ID)
      }
    }

    if (only.has('memory')) [results.rss] = await memory(work, sizes, rssRuns)
    if (only.has('table')) [results.table] = await memory(work, sizes, rssRuns, [VARIANTS.table])
    if (only.has('prefetch')) {
      // Off and on take turns on the same dataset: the speed-up is the median of the per-run ratios.
      ;[results.sequential, results.prefetched] = await memory(work, sizes, rssRuns, [
        VARIANTS.sequential,
        {...VARIANTS.ndjson, title: 'ndjson, prefetch on'},
      ])
    }

    machine.loadAfter = loadAverage()
    process.stdout.write(`${report(results)}\n`)
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
  } finally {
    rmSync(work, {force: true, recursive: true})
  }
}

try {
  await main()
} catch (error) {
  log(`bench: could not measure: ${error instanceof CannotMeasure ? error.message : error.stack}`)
  process.exitCode = 1
}
