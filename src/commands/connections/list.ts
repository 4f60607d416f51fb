import {Flags} from '@oclif/core'

import {SessionCommand} from '../../command-base/session-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {closeConnections} from '../../session/connection-info.js'
import {connectionsView, toRow} from '../../session/connection-view.js'

export default class ConnectionsList extends SessionCommand<typeof ConnectionsList> {
  static description = `Lists the connections Membrane has to Close, with their state (READY, or what they need) and which one close uses (CURRENT: --connection, CLOSE_CONNECTION_ID, or the one chosen with \`close login\` / \`close connections use\`). --all-apps includes connections to other apps. JSON is Membrane's connection objects plus "current", "ready" and a normalised "state".`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --all-apps -o tsv',
  ]
  static flags = {
    ...fieldsFlag,
    'all-apps': Flags.boolean({description: 'Include connections to apps other than Close.'}),
  }
  static hiddenAliases = ['connections:ls']
  static summary = 'List your Membrane connections to Close.'

  public async execute(): Promise<unknown> {
    const all = await this.membrane.listConnections()
    const shown = this.flags['all-apps'] ? all : closeConnections(all)
    const current = this.currentConnection?.id
    const rows = shown.map((connection) => toRow(connection, current))
    const summary = await this.out.list(connectionsView, [rows])
    if (rows.length > 0 && current && !rows.some((row) => row.current) && !this.io.json) {
      this.tell(
        `The connection in use, ${current}, is not among them: choose another with ${this.suggest('connections use')}.`,
      )
    }

    return summary
  }
}
