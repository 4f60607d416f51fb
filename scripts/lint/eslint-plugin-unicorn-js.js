/**
 * The rules of eslint-plugin-unicorn that oxlint does not run natively (.oxlintrc.json's
 * `unicorn-js/…` rules), for oxlint's ESLint-plugin host: each loaded on its own by the plugin's own
 * loader, so each is the very rule object the plugin's index builds. The index loads all ~140 rules
 * and what they need: ~0.55 s of CPU of every lint run, against ~0.05 s for these. A rule named in
 * .oxlintrc.json but not here makes oxlint fail, naming it.
 */
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const {version} = require('eslint-plugin-unicorn/package.json')
const {loadRule} = require('eslint-plugin-unicorn/rules/utils/rule.js')

const RULES = ['expiring-todo-comments', 'prefer-switch']

export default {
  meta: {name: 'eslint-plugin-unicorn', version},
  rules: Object.fromEntries(RULES.map((id) => [id, loadRule(id)])),
}
