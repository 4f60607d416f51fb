/**
 * ServiceDeps for unit tests: `connect` gives the stub scope (an api, lookups …) with an in-memory
 * cache for `@last`; off a terminal unless `interactive`; no prompts unless given.
 */
import {PassThrough} from 'node:stream'

import type {ConnectionScope, ServiceDeps} from '../../src/services/deps.js'

import {createIo} from '../../src/output/io.js'
import {prompts} from '../../src/prompts/index.js'

export function serviceDeps(
  connect: () => Promise<object>,
  options: {interactive?: boolean; prompts?: Partial<typeof prompts>} = {},
): ServiceDeps {
  const sink = new PassThrough() as unknown as NodeJS.WriteStream
  const scopes = new WeakMap<object, ConnectionScope>()
  const lookups = new Map<string, {at: string; value: unknown}>()
  const cache = {
    lookup: (_id: string, key: string) => lookups.get(key),
    async setLookup(_id: string, key: string, entry: {at: string; value: unknown}) {
      lookups.set(key, entry)
    },
  }
  return {
    async connect() {
      // One scope per stub object, as the run's Context memoises its scope.
      const inner = await connect()
      let scope = scopes.get(inner)
      if (!scope) scopes.set(inner, (scope = {cache, id: 'conn_test', ...inner} as unknown as ConnectionScope))
      return scope
    },
    interactive: options.interactive ?? false,
    io: createIo({env: {}, stderr: sink, stdin: {isTTY: false}, stdout: sink}),
    prompts: {...prompts, ...options.prompts} as typeof prompts,
  }
}
