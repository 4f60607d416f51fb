/**
 * `--web` on every get: open the record's page in Close (reference close-api.md §8) where a browser
 * can open, as `close login` does (session/browser.ts); otherwise only the URL is given back.
 */
import type {CloseObject} from '../close/normalize.js'

import {NotFoundError} from '../errors.js'
import {recordUrl} from '../output/links.js'

export async function webOpen(record: CloseObject, env: NodeJS.ProcessEnv): Promise<{opened: boolean; url: string}> {
  const url = recordUrl(record)
  if (!url) throw new NotFoundError(`Close has no web page for ${String(record.id)}.`)
  const {canOpenBrowser, openBrowser} = await import('../session/browser.js')
  if (env.CLOSE_NO_BROWSER || !canOpenBrowser(env)) return {opened: false, url}
  return {opened: await openBrowser(url, env), url}
}
