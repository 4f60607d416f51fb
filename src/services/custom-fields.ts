/**
 * Custom fields by name (issue 11): the organization's fields read once per run, `--set NAME=VALUE`
 * checked against each field's type and choices before anything is sent, `--where` turned into lead
 * search terms, `--fields` names turned into keys, and the key → name labels record pages and table
 * headers show. JSON output keeps Close's keys.
 */
import type {CloseObject} from '../close/normalize.js'
import type {RecordView} from '../close/view.js'
import type {ConnectionScope, ServiceDeps} from './deps.js'

import {allRecords} from '../close/api.js'
import {
  asCustomField,
  customChanges,
  type CustomField,
  type CustomFieldObject,
  customFieldResource,
  customLabels,
  fieldKeys,
  splitAssignment,
  whereTerms,
} from '../close/custom-fields.js'

export {type CustomField, type CustomFieldObject} from '../close/custom-fields.js'

const cache = new WeakMap<ConnectionScope, Map<CustomFieldObject, Promise<CustomField[]>>>()

/** The custom fields of leads, contacts or opportunities, as Close returns them (one read per run). */
export async function listFieldObjects(deps: ServiceDeps, object: CustomFieldObject): Promise<CloseObject[]> {
  const {api} = await deps.connect()
  return allRecords(api.list(customFieldResource(object)))
}

/** The custom fields of one object type, read once per connection scope. */
export async function customFields(deps: ServiceDeps, object: CustomFieldObject): Promise<CustomField[]> {
  const scope = await deps.connect()
  let perScope = cache.get(scope)
  if (!perScope) cache.set(scope, (perScope = new Map()))
  let fields = perScope.get(object)
  if (!fields) {
    fields = listFieldObjects(deps, object).then((objects) => objects.map((o) => asCustomField(o)))
    perScope.set(object, fields)
  }

  return fields
}

/** Syntax of every `--set`/`--where` checked without Close (so bad input starts nothing). */
export function checkAssignments(assignments: string[] | undefined, flag = '--set'): void {
  for (const text of assignments ?? []) splitAssignment(text, flag)
}

/**
 * `--set NAME=VALUE` (repeatable) → the `custom.cf_…` keys of a create or update body. Checks the
 * syntax first, then reads the fields and checks each value's type and choices (exit 2, nothing
 * sent). No assignments → `{}` without connecting. The opportunity commands call it with 'opportunity'.
 */
export async function customFieldChanges(
  deps: ServiceDeps,
  object: CustomFieldObject,
  assignments?: string[],
  flag = '--set',
): Promise<CloseObject> {
  if (!assignments || assignments.length === 0) return {}
  checkAssignments(assignments, flag)
  return customChanges(await customFields(deps, object), assignments, object, flag)
}

/** `leads list --where NAME=VALUE` → lead search terms. */
export async function whereQuery(deps: ServiceDeps, assignments: string[] | undefined): Promise<string[]> {
  if (!assignments || assignments.length === 0) return []
  checkAssignments(assignments, '--where')
  return whereTerms(await customFields(deps, 'lead'), assignments)
}

/**
 * `--fields` with custom field names (`Industry`) turned into their keys; read only when a name is
 * neither a known field nor a key, so `--fields id,name` costs nothing.
 */
export async function fieldsByName(
  deps: ServiceDeps,
  object: CustomFieldObject,
  view: RecordView,
  fields: string | undefined,
): Promise<string | undefined> {
  if (fields === undefined) return undefined
  const names = fields.split(',').map((name) => name.trim())
  const known = (name: string) =>
    name === '' || view.fields.includes(name) || view.columns.some((c) => c.key === name) || /^[a-z0-9_]+\./.test(name)
  if (names.every((name) => known(name) || /^(?:cf|lcf)_/.test(name))) return fieldKeys([], names).join(',')
  return fieldKeys(await customFields(deps, object), names).join(',')
}

/**
 * The view with custom field names as labels, for a table or record page on which a custom field
 * shows (`showsCustom`); JSON, csv and tsv keep Close's keys, so nothing is read for them.
 */
export async function labelledView<V extends RecordView>(
  deps: ServiceDeps,
  object: CustomFieldObject,
  view: V,
  showsCustom: boolean,
): Promise<V> {
  if (!showsCustom || deps.io.json || deps.io.format !== 'table') return view
  try {
    return {...view, labels: customLabels(await customFields(deps, object))}
  } catch {
    return view // names are a nicety: a failed read keeps the keys
  }
}

/** Whether a record page or a list with these `--fields` shows a custom field. */
export function showsCustom(record: CloseObject | undefined, fields: string | undefined): boolean {
  if (fields !== undefined) return fields.split(',').some((f) => f.trim().startsWith('custom.'))
  return record !== undefined && Object.keys(record).some((key) => key.startsWith('custom.'))
}
