import {includeIgnoreFile} from '@eslint/compat'
import oclif from 'eslint-config-oclif'
import prettier from 'eslint-config-prettier'
import oxlint from 'eslint-plugin-oxlint'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const gitignorePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '.gitignore')

export default [
  includeIgnoreFile(gitignorePath),
  ...oclif,
  prettier,
  {
    rules: {
      // Close's API is snake_case (status_id, has_more, date_won): its objects keep Close's names.
      camelcase: 'off',
      // TypeScript checks these already; off, as typescript-eslint's performance guide advises.
      'import/default': 'off',
      'import/named': 'off',
      'import/namespace': 'off',
      'import/no-named-as-default-member': 'off',
      // Pages of a list are fetched one after another by design (streaming, one process per page).
      'no-await-in-loop': 'off',
      // Costly and moot here (npm test's 60 s budget, design §11): TypeScript checks every type and
      // name the jsdoc rules would, and no polyfill package is a dependency.
      ...Object.fromEntries(
        oclif
          .flatMap((config) => Object.keys(config.rules ?? {}).filter((rule) => rule.startsWith('jsdoc/')))
          .map((rule) => [rule, 'off']),
      ),
      'unicorn/no-unnecessary-polyfills': 'off',
    },
  },
  {
    // tsc resolves every import of a .ts file (npm run typecheck); JavaScript files keep the rule.
    files: ['**/*.ts'],
    rules: {'import/no-unresolved': 'off'},
  },
  {
    // Whether an import is a published dependency matters for what is published (src/, bin/), not
    // for tests and scripts, which run from a checkout with devDependencies installed.
    files: ['test/**', 'scripts/**'],
    rules: {
      'n/no-extraneous-import': 'off',
      'n/no-unpublished-import': 'off',
    },
  },
  // The rules oxlint runs (.oxlintrc.json, made from this config by @oxlint/migrate) are off here:
  // `npm run lint` runs oxlint first, then eslint for the rest (perfectionist, mocha, n's import
  // checks, import/no-unresolved…), which halves eslint's CPU in `npm test`'s 60 s (design §11).
  ...oxlint.buildFromOxlintConfigFile(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '.oxlintrc.json')),
  // A disable comment for a rule oxlint runs would read as unused here (and one for an eslint rule as
  // unused to oxlint): neither linter reports them.
  {linterOptions: {reportUnusedDisableDirectives: 'off'}},
]
