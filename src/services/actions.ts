/**
 * `close actions run KEY_OR_ID`: resolve the action (a key through the connection's action
 * directory, an ID through the action list), check the input against its inputSchema (exit 2
 * naming the property), and run it through the router, which asks again once when Membrane says
 * a cached action is gone (close/api.ts `runResolved`). Reads are retried on 429/5xx, writes never.
 */
import type {CacheStore} from '../close/cache.js'
import type {MembraneClient} from '../membrane/client.js'
import type {JsonSchema, MembraneAction} from '../membrane/types.js'
import type {RecordView} from '../output/types.js'
import type {ConnectionScope, ServiceDeps} from './deps.js'

import {checkSchema, describeSchema} from '../close/schema-check.js'
import {NotFoundError, UsageError} from '../errors.js'
import {readSource} from '../raw/io.js'
import {parseJson} from '../raw/request.js'

export interface ActionDeps extends ServiceDeps {
  cache: CacheStore
  membrane: MembraneClient
}

/** How actions look in a table; `--json` prints the whole objects, inputSchema included. */
export const actionView: RecordView = {
  columns: [
    {header: 'KEY', key: 'key', maxWidth: 32},
    {header: 'NAME', key: 'name', maxWidth: 32},
    {header: 'DESCRIPTION', key: 'description', maxWidth: 80},
  ],
  fields: ['id', 'key', 'name', 'description', 'inputSchema', 'outputSchema', 'integrationKey', 'layer'],
  noun: 'action',
  plural: 'actions',
}

/**
 * `close actions list`: the connection's actions, the best matches for `intent` first. `shown` is
 * the result (whole objects); `rows` what a table or tsv prints (an action without a key shows its ID).
 */
export async function listActions(
  deps: ActionDeps,
  input: {intent?: string; json: boolean; limit: number},
): Promise<{rows: MembraneAction[]; shown: MembraneAction[]}> {
  const scope = await deps.connect()
  const intent = input.intent?.trim() || undefined
  const shown = (await deps.membrane.listActions(scope.id, intent, input.limit)).slice(0, input.limit)
  const rows = input.json ? shown : shown.map((action) => (action.key ? action : {...action, key: action.id}))
  return {rows, shown}
}

interface Target {
  id: string
  inputSchema?: JsonSchema
  /** The key the user typed (cached in the action directory), when resolved by key. */
  key?: string
  /** What to call the action in messages. */
  label: string
}

/** Membrane action IDs are 24 hex digits; anything else is taken as a key. */
const ACTION_ID = /^[\da-f]{24}$/i
/** Actions that only read, so a 429/5xx may be retried without doing anything twice. */
const READ_KEY = /^(?:find|get|list|search)-/

/** Run the action `action` (key or ID) with `input` (`--input` text, @FILE or -); returns its output. */
export async function runAction(deps: ActionDeps, options: {action: string; input?: string}): Promise<unknown> {
  const input = readInput(options.input)
  const scope = await deps.connect()
  const target = await resolveTarget(deps, scope, options.action)
  const problems = checkSchema(input, target.inputSchema)
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map((problem) => problem.message)
    if (problems.length > shown.length) shown.push(`…and ${problems.length - shown.length} more.`)
    const takes = describeSchema(target.inputSchema)
    throw new UsageError(`Input does not fit ${target.label}: ${shown.join(' ')}`, {
      code: 'invalid_input',
      details: {problems},
      hint: takes.length > 0 ? `${target.label} takes: ${takes.join(', ')}.` : undefined,
    })
  }

  return scope.api.runResolved(target, input, {retry: READ_KEY.test(target.key ?? target.label)})
}

/** A key through the per-connection action cache (design §7); an ID through the action list. */
async function resolveTarget(deps: ActionDeps, scope: ConnectionScope, given: string): Promise<Target> {
  const name = given.trim()
  if (ACTION_ID.test(name)) {
    const found: MembraneAction | undefined = (await deps.membrane.listActions(scope.id, undefined, 100)).find(
      (action) => action.id === name,
    )
    // Not among the listed actions: Membrane itself decides whether it runs (and checks the input).
    return {id: name, inputSchema: found?.inputSchema, key: undefined, label: found?.key || name}
  }

  // The user asked for this key by name: a cached "no such action" is looked up again.
  if (deps.cache.action(scope.id, name) === null) await scope.actions.forget(name)
  const action = await scope.actions.resolve(name)
  if (!action) {
    // Leave no "missing" entry behind for a key that may be a typo.
    await scope.actions.forget(name)
    throw new NotFoundError(`No action "${name}" on this connection.`, {
      code: 'action_not_found',
      hint: `\`close actions list --intent ${JSON.stringify(name)}\` shows the closest actions and their keys.`,
    })
  }

  return {id: action.id, inputSchema: action.inputSchema, key: name, label: name}
}

/** `--input JSON|@FILE|-` → the parsed input; `{}` when absent. Bad JSON is a UsageError (exit 2). */
export function readInput(flag: string | undefined, read: (path: string) => string = readSource()): unknown {
  if (flag === undefined) return {}
  if (flag === '-') return parseJson(read('-'), '--input (stdin)')
  if (flag.startsWith('@')) return parseJson(read(flag.slice(1)), `--input ${flag}`)
  return parseJson(flag, '--input')
}
