/**
 * The base of the quick-capture commands (`close note`, `close call`, `close task`): the created
 * object is the result (printed under --json); a person sees one `✓ …` line on stderr, and a
 * script reading stdout without --json gets the new ID.
 */
import type {Command} from '@oclif/core'

import type {CloseObject} from '../close/normalize.js'
import type {Captured} from '../services/capture.js'

import {BaseCommand} from './base-command.js'

export abstract class CaptureCommand<T extends typeof Command> extends BaseCommand<T> {
  private captured?: Captured

  protected async display(record: CloseObject): Promise<void> {
    if (this.captured) this.out.message(this.captured.message)
    if (!this.io.stdoutIsTTY) await this.emit(`${String(record.id)}\n`)
  }

  /** Keep the line for `display` and return the object. */
  protected done(captured: Captured): CloseObject {
    this.captured = captured
    return captured.record
  }
}
