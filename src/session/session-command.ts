/**
 * The base of the session commands (login, logout, status, connections, config): a SessionContext
 * built from the global flags, and small writers for their stdout/stderr.
 */
import type {Command} from '@oclif/core'

import type {MembraneConnection} from '../membrane/types.js'

import {BaseCommand} from '../base-command.js'
import {CliError, NotFoundError} from '../errors.js'
import {type ResolvedConnection, SANDBOX_DEFAULT_CONNECTION, savedConnection} from './connection.js'
import {cmd, type SessionContext} from './context.js'

export abstract class SessionCommand<T extends typeof Command> extends BaseCommand<T> {
  /** The connection the data commands would use, without any set-up: flag/env > config > sandbox default. */
  protected get currentConnection(): ResolvedConnection | undefined {
    if (this.flags.connection) return {id: this.flags.connection, source: 'flag'}
    const saved = savedConnection(this.settings, this.flags.sandbox)
    if (saved) return {...saved, source: 'config'}
    return this.flags.sandbox ? {...SANDBOX_DEFAULT_CONNECTION, source: 'sandbox'} : undefined
  }

  protected get session(): SessionContext {
    return {
      interactive: this.interactive,
      json: this.flags.json,
      membrane: this.membrane,
      sandbox: Boolean(this.flags.sandbox),
      settings: this.settings,
      signal: this.abort.signal,
    }
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
    process.stderr.write(`${text}\n`)
  }

  /** The JSON result of a command, on stdout. */
  protected writeJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }
}
