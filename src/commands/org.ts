import {BaseCommand} from '../command-base/base-command.js'
import {screenStyle} from '../output/screens.js'
import {type OrgSummary, orgSummary} from '../services/org.js'

export default class Org extends BaseCommand<typeof Org> {
  static aliases = ['account', 'organization']
  static description =
    'The organization of the connection in use: name, ID, currency, members, lead statuses, pipelines with their statuses and how many custom fields leads, contacts and opportunities have.'
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static summary = 'Show your Close organization (the account).'

  protected async display(org: OrgSummary): Promise<void> {
    const {renderOrg} = await import('../output/org-view.js')
    await this.emit(renderOrg(org, screenStyle(this.io)))
  }

  public async execute(): Promise<OrgSummary> {
    return orgSummary(this.deps())
  }
}
