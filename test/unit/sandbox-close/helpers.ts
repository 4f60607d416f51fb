import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type CloseResponse,
  type CloseStore,
  handleCloseRequest,
  openStore,
  seedSandbox,
} from '../../../src/sandbox/close/index.js'

/** The fixed "today" every sandbox test seeds and runs against. */
export const TODAY = new Date('2025-03-14T15:00:00.000Z')
export const TODAY_DATE = '2025-03-14'

export type Body = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Sandbox {
  call(
    method: string,
    path: string,
    query?: Array<[string, string]> | Record<string, number | string>,
    body?: unknown,
  ): Promise<CloseResponse & {body: Body}>
  cleanup(): void
  dir: string
  get(path: string, query?: Record<string, number | string>): Promise<Body>
  store: CloseStore
}

const dirs: string[] = []

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'close-sandbox-test-'))
  dirs.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, {force: true, recursive: true})
}

/** A freshly seeded sandbox in a temp dir, with the clock fixed at TODAY. */
export async function sandbox(leads = 60): Promise<Sandbox> {
  const dir = tempDir()
  await seedSandbox(dir, {leads, today: TODAY})
  const store = await openStore(dir, {now: () => TODAY})
  const call: Sandbox['call'] = async (method, path, query = [], body?) => {
    const pairs = Array.isArray(query) ? query : Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])
    return (await handleCloseRequest(store, {body, method, path, query: pairs})) as CloseResponse & {body: Body}
  }

  return {
    call,
    cleanup: () => rmSync(dir, {force: true, recursive: true}),
    dir,
    async get(path, query = {}) {
      const response = await call('GET', path, query)
      if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${JSON.stringify(response.body)}`)
      return response.body
    },
    store,
  }
}
