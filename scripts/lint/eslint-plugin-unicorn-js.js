/**
 * The rules of eslint-plugin-unicorn that oxlint does not run natively (the `unicorn-js/…` rules
 * .oxlintrc.json names: configured-rules.js), for oxlint's ESLint-plugin host: each loaded on its
 * own by the plugin's own loader, so each is the very rule object the plugin's index builds. The
 * index loads all ~140 rules and what they need: ~0.55 s of CPU of every lint run, against ~0.05 s
 * for these.
 */
import {createRequire} from 'node:module'

import {configuredRules} from './configured-rules.js'

const require = createRequire(import.meta.url)
const {version} = require('eslint-plugin-unicorn/package.json')
const {loadRule} = require('eslint-plugin-unicorn/rules/utils/rule.js')

export default {
  meta: {name: 'eslint-plugin-unicorn', version},
  rules: Object.fromEntries(configuredRules('unicorn-js').map((id) => [id, loadRule(id)])),
}
