/**
 * Input validation against an action's inputSchema, the subset Membrane's schemas use: `type`,
 * `required`, `properties`, `items`, `enum`, `minimum`/`maximum`. Extra properties are allowed
 * (Membrane ignores them); `null` on an optional property means "unset" and passes.
 */
export interface JsonSchema {
  [key: string]: unknown
  additionalProperties?: boolean
  default?: unknown
  description?: string
  enum?: unknown[]
  items?: JsonSchema
  maximum?: number
  minimum?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  type?: string
}

export interface ValidationIssue {
  message: string
  path: string
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'array': {
      return Array.isArray(value)
    }

    case 'integer': {
      return typeof value === 'number' && Number.isInteger(value)
    }

    case 'number': {
      return typeof value === 'number' && Number.isFinite(value)
    }

    case 'object': {
      return typeOf(value) === 'object'
    }

    default: {
      return typeof value === type
    }
  }
}

function checkValue(schema: JsonSchema, value: unknown, here: string): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (schema.enum && !schema.enum.includes(value)) {
    issues.push({message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`, path: here})
  }

  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    issues.push({message: `must be >= ${schema.minimum}`, path: here})
  }

  if (typeof value === 'number' && schema.maximum !== undefined && value > schema.maximum) {
    issues.push({message: `must be <= ${schema.maximum}`, path: here})
  }

  return issues
}

function checkObject(schema: JsonSchema, object: Record<string, unknown>, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const at = (name: string) => (path ? `${path}.${name}` : name)
  for (const name of schema.required ?? []) {
    if (object[name] === undefined || object[name] === null) issues.push({message: 'is required', path: at(name)})
  }

  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const v = object[name]
    if (v !== undefined && v !== null) issues.push(...validate(sub, v, at(name)))
  }

  return issues
}

export function validate(schema: JsonSchema, value: unknown, path = ''): ValidationIssue[] {
  const here = path || '(input)'
  if (schema.type && !matchesType(value, schema.type)) {
    const article = schema.type === 'integer' || schema.type === 'object' || schema.type === 'array' ? 'an' : 'a'
    return [{message: `must be ${article} ${schema.type}, got ${typeOf(value)}`, path: here}]
  }

  const issues = checkValue(schema, value, here)
  if (typeOf(value) === 'object') issues.push(...checkObject(schema, value as Record<string, unknown>, path))
  if (Array.isArray(value) && schema.items) {
    for (const [i, item] of value.entries()) issues.push(...validate(schema.items, item, `${here}[${i}]`))
  }

  return issues
}
