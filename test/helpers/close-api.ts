/**
 * A CloseApi over a stubbed MembraneClient and a throwaway settings dir: unit tests of the routes
 * and of paging (test/unit/close/api.test.ts, deep-paging.test.ts) answer each Membrane call.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as sinon from 'sinon'

import type {ListSource} from '../../src/close/api.js'
import type {MembraneClient} from '../../src/membrane/client.js'

import {ActionDirectory} from '../../src/close/action-directory.js'
import {CloseApi} from '../../src/close/api.js'
import {settingsCache} from '../../src/session/cache-store.js'
import {Settings} from '../../src/session/settings.js'

export interface StubbedApi {
  api: CloseApi
  /** The settings dir (its config.json holds the action cache). */
  dir: string
  membrane: sinon.SinonStubbedInstance<MembraneClient>
  remove(): void
  settings: Settings
}

export function stubbedApi(connectionId: string): StubbedApi {
  const dir = mkdtempSync(join(tmpdir(), 'close-api-'))
  const settings = new Settings(dir)
  const membrane = {
    listActions: sinon.stub(),
    request: sinon.stub(),
    runAction: sinon.stub(),
  } as unknown as sinon.SinonStubbedInstance<MembraneClient>
  const client = membrane as unknown as MembraneClient
  const api = new CloseApi(client, connectionId, new ActionDirectory(client, settingsCache(settings), connectionId))
  return {api, dir, membrane, remove: () => rmSync(dir, {force: true, recursive: true}), settings}
}

/** Every page a list source yields, in order. */
export async function collect(source: ListSource): Promise<Array<Array<Record<string, unknown>>>> {
  const pages = []
  for await (const page of source.pages) pages.push(page)
  return pages
}
