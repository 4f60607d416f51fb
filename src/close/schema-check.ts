/**
 * Checks an action's input against its JSON inputSchema before anything is spawned, so a mistake
 * costs no Membrane round trip and the message names the property at fault. Covers what action
 * schemas use: `type` (one or several), `required`, `properties`, `items`, `enum`, `minimum`,
 * `maximum`. Anything else (formats, `$ref`, combinators) is left for Membrane to judge; extra
 * properties are allowed, as Membrane ignores them.
 */
import type {JsonSchema} from '../membrane/types.js'

export interface SchemaProblem {
  message: string
  /** Where in the input: `lead_id`, `contacts[0].emails[1].email`; empty for the input itself. */
  path: string
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  if (type === 'number') return actual === 'number' || actual === 'integer'
  return actual === type
}

const ARTICLE: Record<string, string> = {
  array: 'a list',
  boolean: 'true or false',
  integer: 'a whole number',
  null: 'null',
  number: 'a number',
  object: 'an object',
  string: 'a string',
}

function describeTypes(types: string[]): string {
  const words = types.map((type) => ARTICLE[type] ?? type)
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0]
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typeProblem(value: unknown, schema: JsonSchema, name: string): string | undefined {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.length === 0 || types.some((type) => matchesType(value, type))) return undefined
  const actual = typeOf(value) === 'integer' ? 'number' : typeOf(value)
  return `${name} must be ${describeTypes(types)}, not ${ARTICLE[actual] ?? actual} (${preview(value)}).`
}

function valueProblems(value: unknown, schema: JsonSchema, name: string): string[] {
  const problems: string[] = []
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    const options = schema.enum.map((option) => JSON.stringify(option)).join(', ')
    problems.push(`${name} must be one of ${options}, not ${preview(value)}.`)
  }

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      problems.push(`${name} must be at least ${schema.minimum}, not ${value}.`)
    }

    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      problems.push(`${name} must be at most ${schema.maximum}, not ${value}.`)
    }
  }

  return problems
}

function objectProblems(value: Record<string, unknown>, schema: JsonSchema, path: string): SchemaProblem[] {
  const problems: SchemaProblem[] = []
  for (const key of Array.isArray(schema.required) ? schema.required : []) {
    if (value[key] === undefined) problems.push({message: `"${join(path, key)}" is required.`, path: join(path, key)})
  }

  for (const [key, child] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
    if (value[key] !== undefined) problems.push(...checkSchema(value[key], child, join(path, key)))
  }

  return problems
}

/** Every problem of `value` against `schema`, outermost first. */
export function checkSchema(value: unknown, schema?: JsonSchema, path = ''): SchemaProblem[] {
  if (!isObject(schema)) return []
  const name = path === '' ? 'The input' : `"${path}"`
  const wrongType = typeProblem(value, schema, name)
  if (wrongType) return [{message: wrongType, path}]
  const problems = valueProblems(value, schema, name).map((message) => ({message, path}))
  if (isObject(value)) problems.push(...objectProblems(value, schema, path))
  if (Array.isArray(value) && isObject(schema.items)) {
    for (const [index, item] of value.entries()) problems.push(...checkSchema(item, schema.items, `${path}[${index}]`))
  }

  return problems
}

/** One line per top-level property: `name (string, required)`, for hints. */
export function describeSchema(schema?: JsonSchema): string[] {
  if (!isObject(schema) || !isObject(schema.properties)) return []
  const required = new Set(Array.isArray(schema.required) ? schema.required : [])
  return Object.entries(schema.properties)
    .sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)) || a.localeCompare(b))
    .map(([key, child]) => {
      const type = isObject(child) && child.type !== undefined ? [child.type].flat().join('|') : 'any'
      return `${key} (${type}${required.has(key) ? ', required' : ''})`
    })
}
