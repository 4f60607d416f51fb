/**
 * The base of record commands (get, create, update, delete of a Close resource): the get flow
 * (check the ID, read, show the record page or its JSON) and the delete flow (`--yes` or a
 * confirmation on a terminal, name what was deleted on stderr, `{"deleted": true, "id": …}` as
 * the JSON result).
 */
import type {Command} from '@oclif/core'

import type {CloseObject} from '../close/normalize.js'
import type {ResourceDef} from '../close/resources.js'
import type {DeleteResult} from '../services/records.js'

import {assertId} from '../close/ids.js'
import {CliError, ExitCode} from '../errors.js'
import {confirmWrite, describeRecord, recordName, type WriteVerb} from '../output/confirm.js'
import {deleteMessage, deleteRecord, describedForDelete} from '../services/records.js'
import {wantsJson} from '../services/support.js'
import {BaseCommand} from './base-command.js'

export abstract class RecordCommand<T extends typeof Command> extends BaseCommand<T> {
  /** Delete one record of `resource`; `describe` names it in the question and the message. */
  protected async deleteAndReport(
    resource: ResourceDef,
    id: string,
    yes: boolean,
    describe?: (record: CloseObject) => string,
  ): Promise<DeleteResult> {
    assertId(resource, id)
    const connect = async () => (describe ? describedForDelete(await this.close(), describe) : this.close())
    const result = await deleteRecord(connect, resource, id, {interactive: this.interactive, yes})
    const what = describeRecord(resource.noun, result.id, result.name)
    // Declining the confirmation is not success: exit 2, and scripts get the JSON error line.
    if (!result.deleted) throw new CliError(`Nothing deleted: kept ${what}.`, ExitCode.Usage, 'cancelled')
    if (this.io.stderrIsTTY && !this.io.json) confirmWrite(this.io, 'Deleted', what)
    else this.out.message(deleteMessage(resource, result))
    if (result.deleted && wantsJson(this.io)) await this.out.record(resource, {deleted: true, id: result.id})
    return result
  }

  /** `--web`: open the record in Close, or print its URL when no browser can open. */
  protected async openedOnWeb(record: CloseObject): Promise<boolean> {
    if (!(this.flags as {web?: boolean}).web) return false
    const {webOpen} = await import('../services/web.js')
    const result = await webOpen(record, this.io.env)
    if (this.io.json) return false
    await this.emit(`${result.url}\n`)
    if (result.opened) this.out.message(`Opened ${result.url} in your browser.`)
    return true
  }

  /**
   * Print a composed page (the lead page) a person reads on a terminal; the result stays the record
   * (JSON is never a page). Whether to compose one: `wantsPage()`.
   */
  protected async page(text: string, record: CloseObject): Promise<CloseObject> {
    await this.emit(text)
    return record
  }

  /** Show one record of `resource` by ID (exit 2 for a malformed ID, 5 for an unknown one). */
  protected async show(resource: ResourceDef, id: string, params?: Record<string, string>): Promise<CloseObject> {
    const checked = assertId(resource, id)
    const record = await (await this.close()).get(resource, checked, params)
    if (await this.openedOnWeb(record)) return record
    await this.out.record(resource, record)
    return record
  }

  /**
   * Show a record a service created or changed (record page on a TTY, JSON for scripts), then
   * `✓ Created …`/`✓ Updated …` on a terminal. Without `verb`, a record whose date_created equals
   * its date_updated was just created.
   */
  protected async shown(resource: ResourceDef, record: CloseObject, verb?: WriteVerb): Promise<CloseObject> {
    if (await this.openedOnWeb(record)) return record
    await this.out.record(resource, record)
    const fresh = record.date_created !== undefined && record.date_created === record.date_updated
    const what = describeRecord(resource.noun, String(record.id ?? ''), recordName(record))
    confirmWrite(this.io, verb ?? (fresh ? 'Created' : 'Updated'), what)
    return record
  }

  /**
   * A lead a write just created or changed: on a terminal its lead page (design §6, issue 12 §2)
   * and the `✓` line; otherwise as `shown()` prints any record.
   */
  protected async shownLead(resource: ResourceDef, lead: CloseObject, verb: WriteVerb): Promise<CloseObject> {
    if (!this.wantsPage()) return this.shown(resource, lead, verb)
    const [{leadPage}, {renderLeadPage}, {screenStyle}] = await Promise.all([
      import('../services/lead-page.js'),
      import('../output/record-page.js'),
      import('../output/screens.js'),
    ])
    const page = await leadPage(this.deps(), String(lead.id), lead)
    await this.page(renderLeadPage(page, screenStyle(this.io)), lead)
    confirmWrite(this.io, verb, describeRecord(resource.noun, String(lead.id ?? ''), recordName(lead)))
    return lead
  }

  /** A composed page instead of the record view: a table format, no --fields, no --web. */
  protected wantsPage(): boolean {
    const flags = this.flags as {fields?: string; web?: boolean}
    return this.io.format === 'table' && !flags.fields && !flags.web
  }
}
