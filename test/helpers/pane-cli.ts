/**
 * `close` commands run one after another in this process, in the terminal it was started in (its
 * TTY and width), with every Membrane call answered by the sandbox's `main` in this process
 * (membrane-port.ts) instead of a child. For real-terminal tests whose subject is what the screen
 * shows rather than spawning (test/tmux/widths.test.ts): one process and no Membrane children for a
 * whole series of views. Each argument is one command's argv as JSON; after each command a line
 * `::exit N` gives its exit code. An argument that is a number N instead makes the series wait
 * until the terminal is N columns wide (after a line `::width N`): the test resizes the pane, and
 * the next commands render for the new width.
 *
 *   node .test-build/test/helpers/pane-cli.js '["leads","list","--sandbox"]' 80 '["leads","list","--sandbox"]'
 */
import {join} from 'node:path'

import {installTestSpawner} from './membrane-port.js'
import {handleThrown, loadConfig} from './run-command.js'

const steps = process.argv.slice(2).map((arg) => JSON.parse(arg) as number | string[])
// Help wraps at the terminal's width, as oclif's bin would have it.
if (process.stdout.columns) process.env.OCLIF_COLUMNS = String(process.stdout.columns)
const config = await loadConfig()
const {run} = await import('@oclif/core')
const dataHome = process.env.XDG_DATA_HOME ?? join(process.env.HOME ?? '.', '.local', 'share')
await installTestSpawner({record() {}, route: 'sandbox', sandboxDir: join(dataHome, 'close', 'sandbox')})
for (const argv of steps) {
  if (typeof argv === 'number') {
    await widthOf(argv)
    continue
  }

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

/**
 * Say `::width N`, then wait (up to 10 s) until the terminal is N columns wide (Node updates
 * `columns` on SIGWINCH). Polled: a signal does not keep the process alive, a timer does.
 */
async function widthOf(columns: number): Promise<void> {
  process.stdout.write(`::width ${columns}\n`)
  for (let waited = 0; process.stdout.columns !== columns; waited += 20) {
    if (waited > 10_000) throw new Error(`the terminal stayed ${process.stdout.columns} columns wide, not ${columns}`)
    await new Promise((resolve) => {
      setTimeout(resolve, 20)
    })
  }

  process.env.OCLIF_COLUMNS = String(columns)
}
