/**
 * Shared set-up for the login, connections, config and status command tests: a CommandHome pointed at the
 * fake `membrane` (its argv log readable) or at the sandbox, and a reader for the config file.
 */
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, type CommandResult, FAKE_BIN_DIR} from '../helpers/run-command.js'

/** IDs in test/fixtures/membrane/connections.json. */
export const FAKE_CLOSE = '6eaac8d82f01b7210760474f'
export const FAKE_CLOSE_EU = '9136682575250def91799e27'
export const FAKE_HUBSPOT = 'ca0fa5f6b8a880627df7ffe0'

/** The sandbox's connections (src/sandbox/membrane/constants.ts). */
export const SANDBOX_CLOSE = '6650c105e5a4d0b0c1a55e01'
export const SANDBOX_OLD = '6650c105e5a4d0b0c1a55e02'
export const SANDBOX_HUBSPOT = '6650c105e5a4d0b0c1a55e03'

export interface FakeHome {
  /** The config file as JSON ({} when absent). */
  config(): Record<string, unknown>
  home: CommandHome
  run(args: string[], env?: Record<string, string | undefined>): Promise<CommandResult>
  /** The argv of every membrane process since the last call, then forget them. */
  spawned(): string[][]
}

/** A home whose `close` spawns the fake membrane with `env` (FAKE_MEMBRANE_SCENARIO…). */
export function fakeHome(env: Record<string, string | undefined> = {}): FakeHome {
  const home = new CommandHome()
  const log = join(home.dir, 'membrane-argv.log')
  return {
    config: () => readConfig(home),
    home,
    run: (args, extra = {}) =>
      home.run(args, {
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
        ...env,
        ...extra,
      }),
    spawned() {
      if (!existsSync(log)) return []
      const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean)
      rmSync(log)
      return lines.map((line) => JSON.parse(line) as string[])
    },
  }
}

export function readConfig(home: {configDir: string}): Record<string, unknown> {
  const file = join(home.configDir, 'config.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
}

/** Run `close ARGS --sandbox`. */
export function sandbox(home: CommandHome) {
  return (args: string[], env: Record<string, string | undefined> = {}) => home.run([...args, '--sandbox'], env)
}

/** The JSON error object printed on stderr under --json (the last line). */
export function jsonError(
  stderr: string,
): Record<string, unknown> & {code: string; exitCode: number; hint?: string; message: string} {
  const lines = stderr.trim().split('\n')
  return (JSON.parse(lines.at(-1) ?? '{}') as {error: never}).error
}
