/**
 * The base of the session commands (login, logout, status, connections, config): the session
 * context of the run, and a line for people on stderr. Their results are printed by the base
 * command (JSON for `--json`/`-o json`, else `display`).
 */
import type {Command} from '@oclif/core'

import type {ResolvedConnection} from '../session/connection-store.js'
import type {SessionContext} from '../session/context.js'

import {cmd} from '../session/context.js'
import {BaseCommand} from './base-command.js'

export abstract class SessionCommand<T extends typeof Command> extends BaseCommand<T> {
  /** The connection the data commands would use, without any set-up: flag/env > config > sandbox default. */
  protected get currentConnection(): ResolvedConnection | undefined {
    return this.context.currentConnection()
  }

  protected get session(): SessionContext {
    return this.context.session
  }

  /** A `close …` command to suggest, with `--sandbox` when in use. */
  protected suggest(command: string): string {
    return cmd({sandbox: this.flags.sandbox}, command)
  }

  /** A line for people, on stderr. */
  protected tell(text: string): void {
    this.io.stderr(`${text}\n`)
  }

  /** Human text on stdout. */
  protected async write(text: string): Promise<void> {
    await this.io.stdout(text)
  }
}
