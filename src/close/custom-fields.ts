/**
 * Close custom fields and Smart Views as data (reference/close-api.md §2 "Custom fields", §3
 * `/custom_field/{object}/`, `/saved_search/`): the resources they are read from and the pure
 * checks of a value against a field's type and choices, so nothing is sent that Close would refuse.
 */
import type {CloseObject} from './normalize.js'
import type {ResourceDef} from './resources.js'

import {UsageError} from '../errors.js'
import {quote} from './refs.js'

export type CustomFieldObject = 'contact' | 'lead' | 'opportunity'
export const CUSTOM_FIELD_OBJECTS: CustomFieldObject[] = ['lead', 'contact', 'opportunity']

export interface CustomField {
  accepts_multiple_values?: boolean
  choices?: string[]
  id: string
  name: string
  type: string
}

const common = ['id', 'organization_id', 'date_created', 'date_updated', 'created_by', 'updated_by']

/** `/custom_field/{object}/` (read through the proxy). */
export function customFieldResource(object: CustomFieldObject): ResourceDef {
  return {
    actions: {},
    columns: [
      {header: 'NAME', key: 'name'},
      {header: 'TYPE', key: 'type'},
      {header: 'CHOICES', key: 'choices'},
      {header: 'KEY', key: 'key'},
    ],
    fields: [...common, 'name', 'type', 'choices', 'accepts_multiple_values', 'description', 'key'],
    idPrefix: 'cf_',
    maxPageSize: 100,
    noun: `${object} custom field`,
    path: `/custom_field/${object}/`,
    plural: `${object} custom fields`,
    topic: 'fields',
  }
}

/** `/saved_search/` (Smart Views). */
export const savedSearches: ResourceDef = {
  actions: {},
  columns: [
    {header: 'NAME', key: 'name'},
    {header: 'QUERY', key: 'query'},
    {header: 'ID', key: 'id'},
  ],
  fields: [...common, 'name', 'query', 's_query', 'type', 'is_shared', 'user_id'],
  idPrefix: 'save_',
  maxPageSize: 100,
  noun: 'Smart View',
  path: '/saved_search/',
  plural: 'Smart Views',
  topic: 'views',
}

/** A Close custom field object → the fields we use. */
export function asCustomField(object: CloseObject): CustomField {
  return {
    accepts_multiple_values: object.accepts_multiple_values === true,
    choices: Array.isArray(object.choices) ? object.choices.map(String) : undefined,
    id: String(object.id),
    name: String(object.name ?? object.id),
    type: String(object.type ?? 'text'),
  }
}

/** The record key of a field: `custom.cf_…`. */
export function customKey(field: CustomField): string {
  return `custom.${field.id}`
}

const KEY = /^(?:custom\.)?((?:cf|lcf)_[A-Za-z0-9]+)$/

/** A field by name (any case) or key (`cf_…` / `custom.cf_…`); undefined when none matches. */
export function findField(fields: CustomField[], nameOrKey: string): CustomField | undefined {
  const text = nameOrKey.trim()
  const key = KEY.exec(text)?.[1]
  if (key) return fields.find((field) => field.id === key)
  const wanted = text.replace(/^custom\./i, '').toLowerCase()
  return fields.find((field) => field.name.toLowerCase() === wanted)
}

/** `NAME=VALUE` → its two halves; exit 2 when there is no `=` or no name. */
export function splitAssignment(text: string, flag: string): {name: string; value: string} {
  const equals = text.indexOf('=')
  if (equals <= 0 || text.slice(0, equals).trim() === '') {
    throw new UsageError(`${flag} "${text}" is not NAME=VALUE.`, {
      code: 'invalid_custom_field',
      hint: `Use ${flag} "Industry=Software" (a custom field's name or cf_ key); an empty value unsets it.`,
    })
  }

  return {name: text.slice(0, equals).trim(), value: text.slice(equals + 1).trim()}
}

/** Exit 2 for a name that is no field, listing the fields there are. */
export function unknownField(name: string, fields: CustomField[], flag: string, object: string): UsageError {
  const names = fields.map((field) => field.name)
  return new UsageError(`${flag} "${name}" is not a ${object} custom field.`, {
    code: 'unknown_custom_field',
    hint:
      names.length > 0
        ? `Fields: ${names.join(', ')} (see \`close fields ${object}\`).`
        : `This organization has no ${object} custom fields.`,
  })
}

const NUMBER = /^-?\d+(?:\.\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** One value checked against the field's type and choices (exit 2 naming the flag); '' → null. */
export function customValue(field: CustomField, text: string, flag: string): unknown {
  if (text === '') return null
  const bad = (why: string, hint: string) =>
    new UsageError(`${flag} ${field.name}: "${text}" ${why}.`, {code: 'invalid_custom_field', hint})
  switch (field.type) {
    case 'choices': {
      const choice = field.choices?.find((c) => c.toLowerCase() === text.toLowerCase())
      if (choice === undefined) throw bad('is not one of its choices', `Choices: ${(field.choices ?? []).join(', ')}.`)
      return choice
    }

    case 'date': {
      const match = DATE.exec(text)
      const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0]
      const date = new Date(Date.UTC(y, m - 1, d))
      if (!match || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
        throw bad('is not a date', 'Use YYYY-MM-DD, e.g. 2026-03-15.')
      }

      return text
    }

    case 'number': {
      const plain = text.replaceAll(',', '')
      if (!NUMBER.test(plain) || !Number.isFinite(Number(plain))) throw bad('is not a number', 'Use digits, e.g. 250.')
      return Number(plain)
    }

    default: {
      return text
    }
  }
}

/** `--set` assignments → `{"custom.cf_…": value}`; a field given twice becomes a list when it takes several. */
export function customChanges(
  fields: CustomField[],
  assignments: string[],
  object: CustomFieldObject,
  flag = '--set',
): CloseObject {
  const changes: CloseObject = {}
  for (const text of assignments) {
    const {name, value} = splitAssignment(text, flag)
    const field = findField(fields, name)
    if (!field) throw unknownField(name, fields, flag, object)
    const key = customKey(field)
    const parsed = customValue(field, value, flag)
    if (!(key in changes)) changes[key] = parsed
    else if (field.accepts_multiple_values) {
      changes[key] = [...(Array.isArray(changes[key]) ? (changes[key] as unknown[]) : [changes[key]]), parsed]
    } else {
      throw new UsageError(`${flag} ${field.name} is given twice, but it holds one value.`, {
        code: 'invalid_custom_field',
      })
    }
  }

  return changes
}

/** `--where NAME=VALUE` → lead search terms (`custom.cf_…:"value"`), values checked like `--set`. */
export function whereTerms(fields: CustomField[], assignments: string[], flag = '--where'): string[] {
  return assignments.map((text) => {
    const {name, value} = splitAssignment(text, flag)
    const field = findField(fields, name)
    if (!field) throw unknownField(name, fields, flag, 'lead')
    if (value === '') {
      throw new UsageError(`${flag} "${text}" has no value.`, {
        code: 'invalid_custom_field',
        hint: `Use ${flag} "${name}=VALUE".`,
      })
    }

    return `${customKey(field)}:${quote(String(customValue(field, value, flag)))}`
  })
}

/** Record key → field name, for record pages and table headers. */
export function customLabels(fields: CustomField[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [customKey(field), field.name]))
}

/** `--fields` with names (`Industry`) and bare `cf_…` IDs turned into keys; anything else is kept as typed. */
export function fieldKeys(fields: CustomField[], names: string[]): string[] {
  return names.map((name) => {
    if (/^(?:cf|lcf)_/.test(name)) return `custom.${name}`
    const field = /^custom\.(?:cf|lcf)_/.test(name) ? undefined : findField(fields, name)
    return field ? customKey(field) : name
  })
}
