#!/usr/bin/env node
/**
 * `npm run build`, after tsc: bundles what bin/run.js loads — src/oclif.ts (oclif's `execute`), every
 * command, the hooks and the help class — with esbuild, in place in dist/. Each entry keeps its path
 * (oclif finds commands by file, oclif.manifest.json is made from these files); the code they share,
 * @oclif/core and the other dependencies included, goes to dist/chunks/. A command then loads a few
 * chunks instead of ~180 modules: ~0.1 s less CPU per run on a 2-core machine (BENCHMARKS.md).
 *
 * The sandbox's executable (bin/membrane-sandbox.js imports dist/sandbox/main.js) is bundled on its
 * own, into that one file: it shares nothing with the CLI, and each sandbox call is a process
 * (~20 ms less CPU each). Everything else tsc wrote stays as it is, the type declarations included.
 * `typescript` stays external: oclif requires it only to run TypeScript sources in development
 * (bin/dev.js).
 */
import {build} from 'esbuild'
import {existsSync, readdirSync, rmSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsFiles(path)
    return name.endsWith('.js') ? [path] : []
  })
}

const entryPoints = [
  ...jsFiles(join(dist, 'commands')),
  ...jsFiles(join(dist, 'hooks')),
  join(dist, 'help', 'index.js'),
  join(dist, 'oclif.js'),
]
for (const entry of entryPoints) {
  if (!existsSync(entry)) throw new Error(`bundle: ${relative(root, entry)} is missing; run tsc first`)
}

// In place, as ESM for Node 20, warnings and errors only.
const common = {
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  logLevel: 'warning',
  platform: 'node',
  target: 'node20',
}

rmSync(join(dist, 'chunks'), {force: true, recursive: true})
await build({
  ...common,
  // CommonJS dependencies bundled into ESM still call require() (node: built-ins, a lazy optional one).
  banner: {
    js: "import {createRequire as __closeCreateRequire} from 'node:module'\nconst require = __closeCreateRequire(import.meta.url)",
  },
  chunkNames: 'chunks/[name]-[hash]',
  entryPoints,
  external: ['typescript'],
  outbase: dist,
  outdir: dist,
  splitting: true,
})
const sandbox = join(dist, 'sandbox', 'main.js')
await build({...common, entryPoints: [sandbox], outfile: sandbox})
