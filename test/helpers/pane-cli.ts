/**
 * `close` commands run one after another in this process, in the terminal it was started in (its
 * TTY and width), with every Membrane call answered by the sandbox's `main` in this process
 * (membrane-port.ts) instead of a child. For real-terminal tests whose subject is what the screen
 * shows rather than spawning (test/tmux/widths.test.ts): one process and no Membrane children for a
 * whole series of views. Each argument is one command's argv as JSON; after each command a line
 * `::exit N` gives its exit code.
 *
 *   node .test-build/test/helpers/pane-cli.js '["leads","list","--sandbox"]' '["opps","list","--sandbox"]'
 */
import {join} from 'node:path'

import {installTestSpawner} from './membrane-port.js'
import {handleThrown, loadConfig} from './run-command.js'

const commands = process.argv.slice(2).map((arg) => JSON.parse(arg) as string[])
// Help wraps at the terminal's width, as oclif's bin would have it.
if (process.stdout.columns) process.env.OCLIF_COLUMNS = String(process.stdout.columns)
const config = await loadConfig()
const {run} = await import('@oclif/core')
const dataHome = process.env.XDG_DATA_HOME ?? join(process.env.HOME ?? '.', '.local', 'share')
await installTestSpawner({record() {}, route: 'sandbox', sandboxDir: join(dataHome, 'close', 'sandbox')})
for (const argv of commands) {
  process.exitCode = undefined
  let code: number | undefined
  try {
    await run(argv, config)
  } catch (error) {
    code = await handleThrown(error as Error & {oclif?: {exit?: number}})
  }

  process.stdout.write(`::exit ${code ?? Number(process.exitCode ?? 0)}\n`)
}

process.exitCode = 0
