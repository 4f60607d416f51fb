/**
 * Close ID rules (reference/close-api.md §1): a type prefix, `_`, then base62. IDs are checked
 * before they go into a path or an action input (design §10), so a wrong ID never spawns anything.
 */
import type {ResourceDef} from './resources.js'

import {UsageError} from '../errors.js'

const ID_SHAPE = /^([a-z]+)_([A-Za-z0-9]{8,64})$/

const KINDS: Record<string, string> = {
  acti: 'activity',
  cf: 'custom field',
  cont: 'contact',
  lead: 'lead',
  oppo: 'opportunity',
  orga: 'organization',
  pipe: 'pipeline',
  stat: 'status',
  task: 'task',
  user: 'user',
}

/** Throws a UsageError (exit 2) unless `id` is a well-formed ID of `resource`'s kind. */
export function assertId(resource: ResourceDef, id: string, flag?: string): string {
  const where = flag ? ` in ${flag}` : ''
  const match = ID_SHAPE.exec(id)
  if (!match) {
    throw new UsageError(`"${id}"${where} is not a Close ${resource.noun} ID.`, {
      code: 'invalid_id',
      hint: `${capitalise(resource.noun)} IDs look like ${resource.idPrefix}abc123…; find them with \`close ${resource.topic} list\`.`,
    })
  }

  const prefix = `${match[1]}_`
  if (prefix !== resource.idPrefix) {
    const kind = KINDS[match[1]]
    throw new UsageError(
      `${id}${where} is ${kind ? withArticle(kind) : 'an unknown kind of'} ID, but ${withArticle(resource.noun)} ID (${resource.idPrefix}…) is needed.`,
      {code: 'wrong_id_kind', hint: `Find ${resource.noun} IDs with \`close ${resource.topic} list\`.`},
    )
  }

  return id
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function withArticle(noun: string): string {
  return `${/^[aeio]/.test(noun) ? 'an' : 'a'} ${noun}`
}
