/**
 * The form of a Membrane connection ID (issue 14 item 6): checked before it is used or sent, from
 * --connection, CLOSE_CONNECTION_ID, the config file or an argument. Membrane's IDs are 24 hex
 * digits; letters, digits, `_` and `-` are accepted (up to 128), so `../../x`, a newline, a blank
 * or a leading `-` is exit 2 with nothing sent.
 */
import {UsageError} from '../errors.js'

const CONNECTION_ID = /^[A-Za-z\d][\w-]{0,127}$/

/** Where an ID came from, for the message. */
export type ConnectionIdSource = 'argument' | 'config' | 'flag'

const FROM: Record<ConnectionIdSource, string> = {
  argument: 'the connection ID argument',
  config: 'the config file',
  flag: '--connection (or CLOSE_CONNECTION_ID)',
}

export function isConnectionId(id: string): boolean {
  return CONNECTION_ID.test(id)
}

/** `id` when it has the form of a connection ID; a UsageError (exit 2) naming where it came from otherwise. */
export function checkConnectionId(id: string, source: ConnectionIdSource, configPath?: string): string {
  if (isConnectionId(id)) return id
  const where = source === 'config' && configPath ? `the config file ${configPath}` : FROM[source]
  throw new UsageError(`Invalid connection ID ${JSON.stringify(id)} in ${where}.`, {
    code: 'invalid_connection_id',
    hint:
      source === 'config'
        ? 'Run `close connections use` to choose a connection again (or `close config unset connection`).'
        : 'A connection ID is letters, digits, _ and - (see `close connections list`).',
  })
}
