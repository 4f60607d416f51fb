/**
 * @stylistic/eslint-plugin for oxlint's ESLint-plugin host (.oxlintrc.json `jsPlugins`): the rules
 * .oxlintrc.json names (configured-rules.js), each the plugin's own module (its `rules/…` exports),
 * with `@typescript-eslint/utils` loaded member by member (typescript-eslint-utils.js). The index
 * loads all ~90 rules and, through the utils' index, all of `eslint`: ~0.5 s of CPU of every lint
 * run, against ~0.05 s for the three rules used.
 */
import {createRequire} from 'node:module'

import {configuredRules} from './configured-rules.js'
import {lazyTypescriptEslintUtils} from './typescript-eslint-utils.js'

const require = createRequire(import.meta.url)
lazyTypescriptEslintUtils(require.resolve('@stylistic/eslint-plugin'))

export default {
  rules: Object.fromEntries(
    configuredRules('@stylistic').map((id) => [id, require(`@stylistic/eslint-plugin/rules/${id}`)]),
  ),
}
