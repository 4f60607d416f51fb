/**
 * POST /data/search/ (Close's Advanced Filtering API, close-api.md §5b), the subset the CLI uses:
 * query nodes `and`, `or`, `object_type` (lead, contact) and `id`, each may carry `negate`; `_fields`
 * per object type (without it only `id` and `__object_type`), `_limit` (default 10, at most 200)
 * and an opaque `cursor`, null on the last page. Any other node is a 400 naming it, rather than a
 * guess at what Close would match.
 */
import type {Ctx} from './common.js'
import type {CloseStore, Txn} from './store.js'

import {findIn, findLead} from './common.js'
import {badRequest, type CloseResponse, type Json, respond, trimFields} from './http.js'
import {renderContact, renderLead} from './render.js'

type ObjectType = 'contact' | 'lead'
interface Node {
  negate?: boolean
  object_type?: unknown
  queries?: unknown
  type?: unknown
  value?: unknown
}
interface Candidate {
  id: string
  render(): Json
  type: ObjectType
}

const OBJECT_TYPES = new Set<string>(['contact', 'lead'])
const MAX_LIMIT = 200

function check(node: unknown, path: string): Node {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw badRequest(`${path} must be an object`)
  const {type} = node as Node
  switch (type) {
    case 'and':
    case 'or': {
      const {queries} = node as Node
      if (!Array.isArray(queries)) throw badRequest(`${path}.queries must be a list`)
      for (const [i, child] of queries.entries()) check(child, `${path}.queries[${i}]`)

      break
    }

    case 'id': {
      if (typeof (node as Node).value !== 'string') throw badRequest(`${path}.value must be an ID`)

      break
    }

    case 'object_type': {
      const objectType = (node as Node).object_type
      if (typeof objectType !== 'string' || !OBJECT_TYPES.has(objectType))
        throw badRequest(`${path}.object_type: the sandbox searches leads and contacts only`)

      break
    }

    default: {
      throw badRequest(
        `${path}: query type ${JSON.stringify(type)} is not emulated by the sandbox (and, or, object_type, id)`,
      )
    }
  }

  return node as Node
}

function matches(node: Node, object: Candidate): boolean {
  let result: boolean
  const children = (node.queries ?? []) as Node[]
  switch (node.type) {
    case 'and': {
      result = children.every((child) => matches(child, object))
      break
    }

    case 'id': {
      result = node.value === object.id
      break
    }

    case 'object_type': {
      result = node.object_type === object.type
      break
    }

    default: {
      result = children.some((child) => matches(child, object))
    }
  }

  return node.negate ? !result : result
}

/** The IDs `node` can match at most (undefined: any object), so a search by IDs reads only those. */
function bounded(node: Node): Set<string> | undefined {
  if (node.negate) return undefined
  if (node.type === 'id') return new Set([node.value as string])
  const children = (node.queries ?? []) as Node[]
  if (node.type === 'or') {
    const sets = children.map((child) => bounded(child))
    return sets.every(Boolean) ? new Set(sets.flatMap((set) => [...set!])) : undefined
  }

  if (node.type === 'and') return children.map((child) => bounded(child)).find(Boolean)
  return undefined
}

async function candidates(store: CloseStore, txn: Txn, ids: Set<string> | undefined): Promise<Candidate[]> {
  const out: Candidate[] = []
  if (ids) {
    for (const id of ids) {
      if (id.startsWith('lead_')) {
        const found = await findLead(txn, id)
        if (found) out.push({id, render: () => renderLead(store, found.chunk, found.lead), type: 'lead'})
      } else if (id.startsWith('cont_')) {
        const found = await findIn(txn, 'contact', id)
        if (found) out.push({id, render: () => renderContact(store, found.object), type: 'contact'})
      }
    }

    return out
  }

  for (const [n] of [...(await txn.leadCounts())].sort(([a], [b]) => b - a)) {
    const chunk = await txn.chunk(n)
    for (const lead of [...chunk.data.leads].reverse()) {
      out.push({id: lead.id, render: () => renderLead(store, chunk, lead), type: 'lead'})
      for (const contact of chunk.contactsOf(lead.id))
        out.push({id: contact.id, render: () => renderContact(store, contact), type: 'contact'})
    }
  }

  return out
}

function cursorSkip(cursor: unknown): number {
  if (cursor === undefined || cursor === null) return 0
  const skip = typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : Number.NaN
  if (!Number.isInteger(skip) || skip < 0) throw badRequest('cursor is not one this search gave out')
  return skip
}

export async function search(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  if (body.query === undefined) throw badRequest('query is required')
  const query = check(body.query, 'query')
  const limit = body._limit === undefined ? 10 : Number(body._limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw badRequest(`_limit must be a whole number from 1 to ${MAX_LIMIT}`)
  const fields = (body._fields ?? {}) as Record<string, unknown>
  const skip = cursorSkip(body.cursor)
  return store.read(async (txn) => {
    const found = (await candidates(store, txn, bounded(query))).filter((object) => matches(query, object))
    const data = found.slice(skip, skip + limit).map((object) => {
      const wanted = fields[object.type]
      const shown = Array.isArray(wanted) ? trimFields(object.render(), wanted.map(String)) : {id: object.id}
      return {__object_type: object.type, ...shown}
    })
    const next = skip + limit < found.length ? Buffer.from(String(skip + limit)).toString('base64url') : null
    return respond(200, {cursor: next, data})
  })
}
