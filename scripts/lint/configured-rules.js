/**
 * The rules .oxlintrc.json turns on or configures anywhere under one plugin name (`n/…`,
 * `unicorn-js/…`), for the plugin modules of this folder, which load only those rules: a plugin's
 * index loads all of its rules and what they need, most of them never run here.
 */
import {readFileSync} from 'node:fs'

const config = JSON.parse(readFileSync(new URL('../../.oxlintrc.json', import.meta.url), 'utf8'))

/** The rule names (without `name/`) that .oxlintrc.json gives under the plugin `name`. */
export function configuredRules(name) {
  const rules = new Set()
  for (const table of [config.rules, ...(config.overrides ?? []).map((override) => override.rules)]) {
    for (const id of Object.keys(table ?? {})) if (id.startsWith(`${name}/`)) rules.add(id.slice(name.length + 1))
  }

  return [...rules].sort()
}
