/**
 * Where things are, whichever way the tests run. `npx mocha test/…/x.test.ts` runs the TypeScript
 * through tsx; `npm test` runs the same tests compiled to JavaScript in `.test-build/` (scripts/
 * build-tests.js: the TS loader costs more CPU than the tests themselves). Relative imports work
 * either way; paths to files on disk go through these.
 */
import {basename, dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Whether this is the compiled copy under `.test-build/`. */
export const COMPILED = basename(here) === '.test-build'

/** The package root: package.json, bin/, dist/, src/ and test/fixtures/ as checked out. */
export const ROOT = COMPILED ? dirname(here) : here

/** The root the code under test was loaded from: ROOT, or `.test-build/` (its src/ compiled). */
export const CODE_ROOT = here

/** How this run's own modules end: `.ts` from source, `.js` compiled. */
export const MODULE_EXT = COMPILED ? '.js' : '.ts'
