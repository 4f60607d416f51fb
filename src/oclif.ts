/**
 * The oclif entry bin/run.js starts (`execute` from `@oclif/core/execute`, not the package index).
 * In the build, scripts/bundle.js bundles this file with the commands, hooks and help class, so all
 * of them share one copy of @oclif/core loaded from a few chunks instead of ~180 modules.
 */
export {execute} from '@oclif/core/execute'
