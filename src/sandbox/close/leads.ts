/** /lead/ and /contact/ routes. */
import type {Chunk, CloseStore, IndexKind} from './store.js'
import type {Address, StoredActivity, StoredLead} from './types.js'

import {
  activityBase,
  addActivity,
  applyCustom,
  contactInput,
  type ContactInput,
  type Ctx,
  customInput,
  findIn,
  findLead,
  newContact,
  stringField,
  timestamp,
  touchLead,
} from './common.js'
import {type CloseResponse, type Json, notFound, pageOf, Problems, respond, trimFields} from './http.js'
import {newId} from './ids.js'
import {inSlice, parseLeadQuery} from './query.js'
import {leadDisplayName, renderContact, renderLead} from './render.js'

// ---------------------------------------------------------------------------------------------
// Leads

function leadStatusInput(store: CloseStore, problems: Problems, body: Json): string | undefined {
  let wanted: unknown
  let byLabel = false
  if ('status_id' in body) wanted = body.status_id
  else if ('status' in body) {
    wanted = body.status
    byLabel = true
  } else return undefined

  const text = typeof wanted === 'string' ? wanted : JSON.stringify(wanted)
  const status =
    typeof wanted === 'string'
      ? (store.leadStatus(wanted) ??
        (byLabel ? store.meta.leadStatuses.find((s) => s.label.toLowerCase() === wanted.toLowerCase()) : undefined))
      : undefined
  if (!status) {
    problems.add(
      'status',
      `Not a valid choice. Please go to Customizations in your organization settings and add "${text}" to the list of lead statuses.`,
    )
    return undefined
  }

  return status.id
}

function addressText(value: unknown): null | string {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

function addressesInput(problems: Problems, body: Json): Address[] | undefined {
  if (!('addresses' in body)) return undefined
  const {addresses} = body
  if (addresses === null) return []
  if (!Array.isArray(addresses) || addresses.some((a) => typeof a !== 'object' || a === null || Array.isArray(a))) {
    problems.add('addresses', 'Expected a list of address objects.')
    return undefined
  }

  return (addresses as Json[]).map((a) => ({
    address_1: addressText(a.address_1),
    address_2: addressText(a.address_2),
    city: addressText(a.city),
    country: addressText(a.country)?.toUpperCase() ?? null,
    label: addressText(a.label) ?? 'business',
    state: addressText(a.state),
    tz_ids: [],
    zipcode: addressText(a.zipcode),
  }))
}

export async function listLeads(ctx: Ctx): Promise<CloseResponse> {
  const {params, store} = ctx
  const paging = params.paging()
  const fields = params.fields()
  const queryText = params.get('query')
  const query = queryText === undefined ? undefined : parseLeadQuery(store, queryText)
  return store.read(async (txn) => {
    const counts = [...(await txn.leadCounts())].sort(([a], [b]) => b - a)
    if (!query || query.slicesOnly) {
      // List order: chunks from the highest number down, each chunk's leads from last to first —
      // newest-created first, so `sort:-created` is this order; a slice is a set of chunks.
      const slices = query?.slicesOnly ?? []
      let {skip} = paging
      let total = 0
      const data: Json[] = []
      for (const [n, count] of counts) {
        if (!slices.every((slice) => inSlice(n, slice))) continue
        total += count
        if (skip >= count) {
          skip -= count
          continue
        }

        if (data.length >= paging.limit) continue
        const chunk = await txn.chunk(n)
        const {leads} = chunk.data
        for (let i = leads.length - 1 - skip; i >= 0 && data.length < paging.limit; i--) {
          data.push(trimFields(renderLead(store, chunk, leads[i]), fields))
        }

        skip = 0
      }

      const hasMore = paging.skip + data.length < total
      return respond(200, query ? {data, has_more: hasMore, total_results: total} : {data, has_more: hasMore})
    }

    const matches: Array<{chunk: Chunk; lead: StoredLead; pos: number}> = []
    let pos = 0
    for (const [n] of counts) {
      const chunk = await txn.chunk(n)
      const {leads} = chunk.data
      for (let i = leads.length - 1; i >= 0; i--) {
        const lead = leads[i]
        const contacts = chunk.contactsOf(lead.id)
        if (query.matches({chunk: n, contacts, displayName: leadDisplayName(lead, contacts), lead})) {
          matches.push({chunk, lead, pos})
        }

        pos++
      }
    }

    const {sort} = query
    matches.sort((a, b) => {
      if (sort) {
        const x = a.lead[sort.field]
        const y = b.lead[sort.field]
        if (x !== y) return (x < y ? -1 : 1) * (sort.desc ? -1 : 1)
      }

      return a.pos - b.pos
    })
    const page = pageOf(matches, paging)
    return respond(200, {
      data: page.data.map(({chunk, lead}) => trimFields(renderLead(store, chunk, lead), fields)),
      has_more: page.has_more,
      total_results: matches.length,
    })
  })
}

export async function getLead(ctx: Ctx): Promise<CloseResponse> {
  return ctx.store.read(async (txn) => {
    const found = await findLead(txn, ctx.id!)
    if (!found) throw notFound('Lead')
    return respond(200, trimFields(renderLead(ctx.store, found.chunk, found.lead), ctx.params.fields()))
  })
}

export async function createLead(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  const problems = new Problems()
  const name = stringField(problems, body, 'name')
  const description = stringField(problems, body, 'description')
  const url = stringField(problems, body, 'url')
  const statusId = leadStatusInput(store, problems, body)
  const custom = customInput(store, problems, body)
  const addresses = addressesInput(problems, body)
  const contacts: ContactInput[] = []
  if ('contacts' in body && body.contacts !== null) {
    if (Array.isArray(body.contacts) && body.contacts.every((c) => typeof c === 'object' && c && !Array.isArray(c))) {
      for (const entry of body.contacts as Json[]) contacts.push(contactInput(problems, entry, 'contacts.'))
    } else {
      problems.add('contacts', 'Expected a list of contact objects.')
    }
  }

  problems.throwIfAny()
  return store.write(async (txn) => {
    const at = timestamp(store)
    const chunk = await txn.chunkForNewLead()
    const lead: StoredLead = {
      addresses: addresses ?? [],
      created_by: store.meta.me,
      custom: {},
      date_created: at,
      date_updated: at,
      description: description ?? '',
      id: newId('lead_'),
      name: name ?? null,
      source: 'api',
      status_id: statusId ?? store.meta.leadStatuses[0].id,
      updated_by: store.meta.me,
      url: url ?? null,
    }
    applyCustom(lead, custom)
    chunk.data.leads.push(lead)
    ;(await txn.index('lead')).prepend(lead.id, chunk.n)
    const contactIndex = await txn.index('cont')
    for (const input of contacts) {
      const contact = newContact(store, lead.id, input, at)
      chunk.data.contacts.push(contact)
      contactIndex.add(contact.id, chunk.n)
    }

    chunk.touch()
    return respond(200, trimFields(renderLead(store, chunk, lead), ctx.params.fields()))
  })
}

export async function updateLead(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  const problems = new Problems()
  const name = stringField(problems, body, 'name')
  const description = stringField(problems, body, 'description')
  const url = stringField(problems, body, 'url')
  const statusId = leadStatusInput(store, problems, body)
  const custom = customInput(store, problems, body)
  const addresses = addressesInput(problems, body)
  return store.write(async (txn) => {
    const found = await findLead(txn, ctx.id!)
    if (!found) throw notFound('Lead')
    problems.throwIfAny()
    const {chunk, lead} = found
    const at = timestamp(store)
    if (name !== undefined) lead.name = name
    if (description !== undefined) lead.description = description ?? ''
    if (url !== undefined) lead.url = url
    if (addresses !== undefined) lead.addresses = addresses
    applyCustom(lead, custom)
    if (statusId !== undefined && statusId !== lead.status_id) {
      const old = store.leadStatus(lead.status_id)
      const next = store.leadStatus(statusId)!
      const change: StoredActivity = {
        ...activityBase(store, 'LeadStatusChange', lead.id, null),
        new_status_id: next.id,
        new_status_label: next.label,
        old_status_id: lead.status_id,
        old_status_label: old?.label ?? null,
      }
      await addActivity(txn, await txn.activities(chunk.n), change)
      lead.status_id = statusId
    }

    touchLead(chunk, lead.id, at, store.meta.me)
    return respond(200, trimFields(renderLead(store, chunk, lead), ctx.params.fields()))
  })
}

export async function deleteLead(ctx: Ctx): Promise<CloseResponse> {
  return ctx.store.write(async (txn) => {
    const found = await findLead(txn, ctx.id!)
    if (!found) throw notFound('Lead')
    const {chunk, lead} = found
    const {data} = chunk
    const gone = (kind: IndexKind, ids: string[]) => txn.index(kind).then((index) => index.remove(ids))
    await gone(
      'cont',
      data.contacts.filter((c) => c.lead_id === lead.id).map((c) => c.id),
    )
    await gone(
      'oppo',
      data.opportunities.filter((o) => o.lead_id === lead.id).map((o) => o.id),
    )
    await gone(
      'task',
      data.tasks.filter((t) => t.lead_id === lead.id).map((t) => t.id),
    )
    data.leads = data.leads.filter((l) => l.id !== lead.id)
    data.contacts = data.contacts.filter((c) => c.lead_id !== lead.id)
    data.opportunities = data.opportunities.filter((o) => o.lead_id !== lead.id)
    data.tasks = data.tasks.filter((t) => t.lead_id !== lead.id)
    chunk.touch()
    const acts = await txn.activities(chunk.n)
    const activityIds = acts.data.activities.filter((a) => a.lead_id === lead.id).map((a) => a.id)
    if (activityIds.length > 0) {
      acts.data.activities = acts.data.activities.filter((a) => a.lead_id !== lead.id)
      acts.touch()
      await gone('acti', activityIds)
    }

    await gone('lead', [lead.id])
    return respond(200, {})
  })
}

// ---------------------------------------------------------------------------------------------
// Contacts

export async function listContacts(ctx: Ctx): Promise<CloseResponse> {
  const {params, store} = ctx
  const paging = params.paging()
  const fields = params.fields()
  const leadId = params.get('lead_id')
  return store.read(async (txn) => {
    if (leadId !== undefined) {
      const found = await findLead(txn, leadId)
      const contacts = found ? found.chunk.contactsOf(leadId) : []
      const page = pageOf(contacts, paging)
      return respond(200, {
        data: page.data.map((c) => trimFields(renderContact(store, c), fields)),
        has_more: page.has_more,
      })
    }

    const {entries: slice, total} = (await txn.index('cont')).page(paging.skip, paging.limit)
    const data: Json[] = []
    for (const [id, n] of slice) {
      const contact = (await txn.chunk(n)).contact(id)
      if (contact) data.push(trimFields(renderContact(store, contact), fields))
    }

    return respond(200, {data, has_more: paging.skip + slice.length < total})
  })
}

export async function getContact(ctx: Ctx): Promise<CloseResponse> {
  return ctx.store.read(async (txn) => {
    const found = await findIn(txn, 'contact', ctx.id!)
    if (!found) throw notFound('Contact')
    return respond(200, trimFields(renderContact(ctx.store, found.object), ctx.params.fields()))
  })
}

export async function createContact(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  const problems = new Problems()
  const input = contactInput(problems, body)
  const custom = customInput(store, problems, body, 'contact')
  const leadId = body.lead_id
  if (leadId !== undefined && leadId !== null && typeof leadId !== 'string')
    problems.add('lead', 'Object does not exist.')
  problems.throwIfAny()
  return store.write(async (txn) => {
    const at = timestamp(store)
    let chunk: Chunk
    let lead: StoredLead
    if (typeof leadId === 'string' && leadId !== '') {
      const found = await findLead(txn, leadId)
      if (!found) {
        problems.add('lead', 'Object does not exist.')
        problems.throwIfAny()
      }

      ;({chunk, lead} = found!)
    } else {
      // Close creates a lead named after the contact when no lead_id is given.
      chunk = await txn.chunkForNewLead()
      lead = {
        addresses: [],
        created_by: store.meta.me,
        custom: {},
        date_created: at,
        date_updated: at,
        description: '',
        id: newId('lead_'),
        name: null,
        source: 'api',
        status_id: store.meta.leadStatuses[0].id,
        updated_by: store.meta.me,
        url: null,
      }
      chunk.data.leads.push(lead)
      ;(await txn.index('lead')).prepend(lead.id, chunk.n)
    }

    const contact = newContact(store, lead.id, input, at)
    applyCustom(contact, custom)
    chunk.data.contacts.push(contact)
    ;(await txn.index('cont')).add(contact.id, chunk.n)
    touchLead(chunk, lead.id, at, store.meta.me)
    return respond(200, trimFields(renderContact(store, contact), ctx.params.fields()))
  })
}

export async function updateContact(ctx: Ctx): Promise<CloseResponse> {
  const {body, store} = ctx
  const problems = new Problems()
  const input = contactInput(problems, body)
  const custom = customInput(store, problems, body, 'contact')
  return store.write(async (txn) => {
    const found = await findIn(txn, 'contact', ctx.id!)
    if (!found) throw notFound('Contact')
    problems.throwIfAny()
    const {chunk, object: contact} = found
    const at = timestamp(store)
    if (input.name !== undefined) contact.name = input.name
    if (input.title !== undefined) contact.title = input.title
    if (input.emails !== undefined) contact.emails = input.emails
    if (input.phones !== undefined) contact.phones = input.phones
    if (input.urls !== undefined) contact.urls = input.urls
    applyCustom(contact, custom)
    contact.date_updated = at
    contact.updated_by = store.meta.me
    touchLead(chunk, contact.lead_id, at, store.meta.me)
    return respond(200, trimFields(renderContact(store, contact), ctx.params.fields()))
  })
}

export async function deleteContact(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  return store.write(async (txn) => {
    const found = await findIn(txn, 'contact', ctx.id!)
    if (!found) throw notFound('Contact')
    const {chunk, object: contact} = found
    const {data} = chunk
    data.contacts = data.contacts.filter((c) => c.id !== contact.id)
    for (const o of data.opportunities) if (o.contact_id === contact.id) o.contact_id = null
    for (const t of data.tasks) if (t.contact_id === contact.id) t.contact_id = null
    touchLead(chunk, contact.lead_id, timestamp(store), store.meta.me)
    ;(await txn.index('cont')).remove([contact.id])
    return respond(200, {})
  })
}
