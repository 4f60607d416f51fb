/**
 * The base of the session commands (login, logout, status, connections, config): the session
 * context of the run, and a line for people on stderr. Their results are printed by the base
 * command (JSON for `--json`/`-o json`, else `display`).
 */
import type {Command} from '@oclif/core'

import type {MembraneConnection} from '../membrane/types.js'
import type {ResolvedConnection} from '../session/connection-store.js'
import type {SessionContext} from '../session/context.js'

import {CliError, NotFoundError} from '../errors.js'
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

  /** `membrane connection get ID` for an ID the user typed: one Membrane does not know is exit 5. */
  protected async lookUpConnection(id: string): Promise<MembraneConnection> {
    try {
      return await this.membrane.getConnection(id)
    } catch (error) {
      if (!(error instanceof CliError && error.code === 'connection_not_found')) throw error
      throw new NotFoundError(`Membrane has no connection ${id}.`, {
        code: 'connection_not_found',
        hint: `See the ones it has with ${this.suggest('connections list')}.`,
      })
    }
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
