/**
 * `@typescript-eslint/utils` for the plugins of this folder (perfectionist, @stylistic), its members
 * loaded when first read. The package's index loads all of them at once: `TSESLint` loads the whole of
 * `eslint` (its ESLint and Linter classes, ajv, eslint-scope…), ~0.4 s of CPU of every lint run, and
 * the two plugins read only `ESLintUtils`, `ASTUtils` and `AST_NODE_TYPES`.
 *
 * The lazy index goes into the module cache under the real index's file name, before a plugin
 * loads, so a plugin's `require('@typescript-eslint/utils')` gets it. Each member is the very module
 * the real index would give: its files are TypeScript's CommonJS output (`__esModule` set), which
 * the index re-exports as they are. It is used only while the real index's source still names
 * exactly the members below; otherwise the plugins get the real index, slower and the same.
 */
import {readFileSync} from 'node:fs'
import {createRequire, Module} from 'node:module'
import {dirname, join} from 'node:path'

/** The index's members: `exports.NAME = __importStar(require("./FILE"))`. */
const MEMBERS = {
  ASTUtils: 'ast-utils',
  ESLintUtils: 'eslint-utils',
  JSONSchema: 'json-schema',
  TSESLint: 'ts-eslint',
  TSUtils: 'ts-utils',
}
/** What the index re-exports from ./ts-estree (`__exportStar`). */
const TS_ESTREE = ['AST_NODE_TYPES', 'AST_TOKEN_TYPES', 'TSESTree']

/** Whether the index's source is the one this module stands in for. */
function sameShape(source) {
  const members = [...source.matchAll(/^exports\.(\w+) = __importStar\(require\("\.\/([\w-]+)"\)\);$/gm)]
  const stars = [...source.matchAll(/__exportStar\(require\("\.\/([\w-]+)"\), exports\);/g)].map((m) => m[1])
  return (
    JSON.stringify(Object.fromEntries(members.map((m) => [m[1], m[2]]).sort())) ===
      JSON.stringify(Object.fromEntries(Object.entries(MEMBERS).sort())) &&
    JSON.stringify(stars) === JSON.stringify(['ts-estree'])
  )
}

/**
 * Put the lazy index in the module cache for `require('@typescript-eslint/utils')` as made from
 * `fromFile` (a plugin's own file), unless that index is loaded already or is not the expected one.
 */
export function lazyTypescriptEslintUtils(fromFile) {
  const require = createRequire(fromFile)
  const index = require.resolve('@typescript-eslint/utils')
  if (require.cache[index] || !sameShape(readFileSync(index, 'utf8'))) return
  const dir = dirname(index)
  const lazy = {}
  const member = (name, load) =>
    Object.defineProperty(lazy, name, {
      configurable: true,
      enumerable: true,
      get() {
        const value = load()
        Object.defineProperty(lazy, name, {enumerable: true, value})
        return value
      },
    })
  Object.defineProperty(lazy, '__esModule', {value: true})
  for (const [name, file] of Object.entries(MEMBERS)) member(name, () => require(join(dir, file)))
  for (const name of TS_ESTREE) member(name, () => require(join(dir, 'ts-estree'))[name])
  provideModule(require, index, lazy)
}

/**
 * Put `exports` in the module cache of `require` as the loaded module `file`: whatever requires
 * that file from then on gets them, and the file itself is never run.
 */
export function provideModule(require, file, exports) {
  const module = new Module(file)
  module.filename = file
  module.paths = Module._nodeModulePaths(dirname(file))
  module.exports = exports
  module.loaded = true
  require.cache[file] = module
}
