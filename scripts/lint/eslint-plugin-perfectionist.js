/**
 * eslint-plugin-perfectionist for oxlint's ESLint-plugin host (.oxlintrc.json `jsPlugins`): the
 * plugin's own index, loaded after two stand-ins that change what it loads, not what it reports.
 *
 * - `@typescript-eslint/utils` with its members loaded on first use (typescript-eslint-utils.js):
 *   the rules read `ESLintUtils` and `ASTUtils`, and the real index also loads all of `eslint`.
 * - The TypeScript that sort-imports asks for (rules/sort-imports/get-typescript-import.js), with
 *   `isExternalModuleNameRelative` answered here and anything else read from the real `typescript`
 *   when first asked for. Without a `tsconfig` option that one function is all the rule calls, and
 *   loading `typescript` for it costs ~0.35 s of CPU of every lint run. The answer is TypeScript's
 *   own: the name is relative (`.`, `..`, `./…`, `../…`) or a rooted disk path (`/…`, `\…`, `c:`,
 *   `c:/…`; a URL is not).
 */
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

import {lazyTypescriptEslintUtils, provideModule} from './typescript-eslint-utils.js'

const require = createRequire(import.meta.url)
const index = require.resolve('eslint-plugin-perfectionist')
lazyTypescriptEslintUtils(index)

const getTypescript = join(dirname(index), 'rules', 'sort-imports', 'get-typescript-import.js')
if (existsSync(getTypescript) && !require.cache[getTypescript]) {
  const own = {
    isExternalModuleNameRelative: (name) =>
      /^\.\.?(?:$|[\\/])/.test(name) || /^(?:[\\/]|[A-Za-z]:(?:[\\/]|$))/.test(name),
  }
  const facade = new Proxy(own, {
    get: (target, key) => (key in target ? target[key] : require('typescript')[key]),
  })
  provideModule(require, getTypescript, {getTypescriptImport: () => facade})
}

export default require(index)
