/** Assertions on a command's result (test/helpers/run-command.ts) that several command tests share. */
import {expect} from 'chai'

import type {CommandResult} from './run-command.js'

/** Exit 2 with exactly this stderr, nothing on stdout, and no Membrane call (none logged with --debug). */
export function expectUsage(result: CommandResult, stderr: string): void {
  expect(result.exitCode, result.stderr).to.equal(2)
  expect(result.stdout).to.equal('')
  expect(result.stderr).to.not.contain('[debug]')
  expect(result.stderr).to.equal(stderr)
  expect(result.calls, 'argv sent to membrane').to.deep.equal([])
}
