/**
 * eslint-plugin-n for oxlint's ESLint-plugin host (.oxlintrc.json `jsPlugins`): the rules
 * .oxlintrc.json names (configured-rules.js), each the plugin's own module, with two changes that
 * last for one lint run: the enhanced-resolve resolvers its import rules use are made once per set
 * of options, each answer kept, and the tsconfig.json found for a file is looked up once.
 *
 * The plugin's index loads all of its ~40 rules, `no-sync` among them, which loads `typescript` for
 * type-aware checks that oxlint's host never makes: 0.9 s of CPU against 0.25 s for the rules used.
 *
 * eslint-plugin-n (17.x, lib/util/import-target.js) builds a new resolver for every import it checks
 * (`resolver.create.sync(options)` in `getFilePath`), and looks for the file's tsconfig.json (walking
 * up the directories) twice for each; `no-extraneous-import` and `no-unpublished-import` each do it
 * for every import of every file again. That was ~3 s of CPU of a ~15 s lint run on this project,
 * measured with and without this module. The files do not change during a run, so an answer once
 * found stays right.
 *
 * The package's exports are frozen, so the plugin is given its own view of it: its entry in the
 * module cache, looked up from where eslint-plugin-n resolves it, before the plugin loads. Everything
 * but `create.sync` is the package's own. If a later eslint-plugin-n stops calling `create.sync`, this
 * changes nothing but the speed.
 */
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

import {configuredRules} from './configured-rules.js'

const require = createRequire(import.meta.url)
const pluginDir = dirname(require.resolve('eslint-plugin-n/package.json'))
const resolverPath = require.resolve('enhanced-resolve', {paths: [pluginDir]})
const enhancedResolve = require(resolverPath)

/** JSON of the options, or undefined when one is a function (those resolvers are not shared). */
function keyOf(options) {
  let shareable = true
  const key = JSON.stringify(options, (_, value) => {
    if (typeof value === 'function') shareable = false
    return value
  })
  return shareable ? key : undefined
}

const resolvers = new Map()

/** enhanced-resolve's `create.sync`, one resolver per set of options, each answer kept. */
function createSync(options) {
  const key = keyOf(options)
  if (key === undefined) return enhancedResolve.create.sync(options)
  let resolver = resolvers.get(key)
  if (!resolver) {
    const resolve = enhancedResolve.create.sync(options)
    const answers = new Map()
    resolver = (directory, request, ...rest) => {
      if (rest.length > 0 || typeof directory !== 'string') return resolve(directory, request, ...rest)
      const id = `${directory}\0${request}`
      let answer = answers.get(id)
      if (!answer) {
        try {
          answer = {value: resolve(directory, request)}
        } catch (error) {
          answer = {error}
        }

        answers.set(id, answer)
      }

      if (answer.error) throw answer.error
      return answer.value
    }

    resolvers.set(key, resolver)
  }

  return resolver
}

const view = {}
for (const name of Object.getOwnPropertyNames(enhancedResolve)) {
  if (name !== 'create') Object.defineProperty(view, name, {enumerable: true, get: () => enhancedResolve[name]})
}

view.create = Object.assign((options) => enhancedResolve.create(options), {
  get promise() {
    return enhancedResolve.create.promise
  },
  sync: createSync,
})
require.cache[resolverPath].exports = view

// get-tsconfig's exports are plain properties, read by eslint-plugin-n when it loads (below).
const getTsconfigModule = require(require.resolve('get-tsconfig', {paths: [pluginDir]}))
const {getTsconfig} = getTsconfigModule
const tsconfigs = new Map()
getTsconfigModule.getTsconfig = (searchPath, configName, cache) => {
  const id = `${searchPath}\0${configName}`
  if (!tsconfigs.has(id)) tsconfigs.set(id, getTsconfig(searchPath, configName, cache))
  return tsconfigs.get(id)
}

const {version} = require('eslint-plugin-n/package.json')

export default {
  meta: {name: 'eslint-plugin-n', version},
  rules: Object.fromEntries(
    configuredRules('n').map((id) => [id, require(join(pluginDir, 'lib', 'rules', `${id}.js`))]),
  ),
}
