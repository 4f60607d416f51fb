/**
 * Fault injection for tests: `<dir>/faults.json` holds an array such as
 * `["429", "429", "500", "garbage", "hang"]`; each `action run` / `request` that reaches Close
 * takes the first entry (under the sandbox lock, so parallel processes never take the same one).
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {SANDBOX_FAULTS_FILE} from './constants.js'
import {MembraneError} from './errors.js'
import {readIfExists, withLock, writeFileAtomic} from './files.js'

export type Fault = '429' | '500' | 'garbage' | 'hang'

const FAULTS = new Set<string>(['429', '500', 'garbage', 'hang'])

/** Remove and return the next fault, or undefined when there is none. */
export async function takeFault(dir: string): Promise<Fault | undefined> {
  const file = join(dir, SANDBOX_FAULTS_FILE)
  if (!existsSync(file)) return undefined
  return withLock(dir, async () => {
    const text = await readIfExists(file)
    if (text === undefined) return
    let list: unknown
    try {
      list = JSON.parse(text)
    } catch {
      throw new MembraneError('internal', `The sandbox faults file ${file} is not a JSON array`)
    }

    if (!Array.isArray(list)) throw new MembraneError('internal', `The sandbox faults file ${file} is not a JSON array`)
    if (list.length === 0) return
    const [first, ...rest] = list
    await writeFileAtomic(file, JSON.stringify(rest) + '\n')
    const fault = String(first)
    if (!FAULTS.has(fault)) {
      throw new MembraneError('internal', `Unknown sandbox fault ${JSON.stringify(first)} in ${file}`)
    }

    return fault as Fault
  })
}

/** Text that holds no JSON value at all (no braces or brackets), as a broken proxy might print. */
export const GARBAGE_OUTPUT = 'upstream connect error or disconnect/reset before headers. reset reason: overflow\n'

/** Never returns: the process stays alive until it is killed (the CLI's timeout must fire). */
export function hangForever(): Promise<never> {
  setInterval(() => {}, 1_000_000_000)
  return new Promise<never>(() => {})
}

export function rateLimited(): MembraneError {
  return new MembraneError('connection', 'Rate limit exceeded: Close API returned 429 Too Many Requests', {
    data: {headers: {'retry-after': '0'}, status: 429},
    key: 'rate_limit_exceeded',
  })
}

export function internalError(): MembraneError {
  return new MembraneError('internal', 'Internal server error', {data: {status: 500}})
}
