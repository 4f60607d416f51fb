/** Stored records → the objects Close's API returns, with names, labels and computed fields. */
import type {Chunk, CloseStore} from './store.js'
import type {
  ContactEmail,
  SavedSearch,
  StoredActivity,
  StoredContact,
  StoredLead,
  StoredOpportunity,
  StoredPhone,
  StoredTask,
  StoredUser,
} from './types.js'

import {formatE164, formatMoney, formatOpportunityValue, noteToHtml, phoneCountry} from './format.js'

export type Json = Record<string, unknown>

export function renderPhone(phone: StoredPhone): Json {
  return {
    country: phoneCountry(phone.phone.slice(1)),
    outbound_sms_blocked: false,
    phone: phone.phone,
    phone_formatted: formatE164(phone.phone),
    type: phone.type,
  }
}

export function displayName(contact: StoredContact): string {
  return contact.name ?? contact.emails[0]?.email ?? (contact.phones[0] ? formatE164(contact.phones[0].phone) : '')
}

/** `custom.cf_…` keys of an object's stored values, in the order of its kind's fields. */
function customKeys(out: Json, fields: Array<{id: string}>, custom: Record<string, unknown> | undefined): Json {
  if (!custom) return out
  for (const field of fields) {
    const value = custom[field.id]
    if (value !== undefined && value !== null) out[`custom.${field.id}`] = value
  }

  return out
}

export function renderContact(store: CloseStore, contact: StoredContact): Json {
  return customKeys(renderContactFields(store, contact), store.meta.contactFields, contact.custom)
}

function renderContactFields(store: CloseStore, contact: StoredContact): Json {
  return {
    created_by: contact.created_by,
    date_created: contact.date_created,
    date_updated: contact.date_updated,
    display_name: displayName(contact),
    emails: contact.emails.map((e) => ({email: e.email, is_unsubscribed: e.is_unsubscribed, type: e.type})),
    id: contact.id,
    integration_links: [],
    lead_id: contact.lead_id,
    name: contact.name,
    organization_id: store.meta.organization.id,
    phones: contact.phones.map((p) => renderPhone(p)),
    title: contact.title,
    updated_by: contact.updated_by,
    urls: contact.urls.map((u) => ({type: u.type, url: u.url})),
  }
}

export function leadDisplayName(lead: StoredLead, contacts: StoredContact[]): string {
  if (lead.name) return lead.name
  const first = contacts[0]
  return first ? displayName(first) : 'Untitled'
}

interface LeadSummary {
  contacts: StoredContact[]
  name: null | string
  primaryEmail: ContactEmail | undefined
  primaryPhone: StoredPhone | undefined
}

/** What opportunities and tasks repeat about their lead, worked out once per lead per request. */
function leadSummary(chunk: Chunk, leadId: string): LeadSummary {
  let summary = chunk.memo.get(leadId) as LeadSummary | undefined
  if (!summary) {
    const lead = chunk.lead(leadId)
    const contacts = chunk.contactsOf(leadId)
    let primaryEmail: ContactEmail | undefined
    let primaryPhone: StoredPhone | undefined
    for (const contact of contacts) {
      primaryEmail ??= contact.emails[0]
      primaryPhone ??= contact.phones[0]
    }

    summary = {contacts, name: lead ? leadDisplayName(lead, contacts) : null, primaryEmail, primaryPhone}
    chunk.memo.set(leadId, summary)
  }

  return summary
}

export function annualized(value: number, period: string): number {
  return period === 'monthly' ? value * 12 : value
}

export function renderOpportunity(store: CloseStore, chunk: Chunk, opp: StoredOpportunity): Json {
  const found = store.opportunityStatus(opp.status_id)
  const lead = leadSummary(chunk, opp.lead_id)
  const contact = opp.contact_id ? chunk.contact(opp.contact_id) : undefined
  const value = opp.value ?? 0
  const annualizedValue = annualized(value, opp.value_period)
  const email = lead.primaryEmail
  return customKeys(renderOpportunityFields(), store.meta.opportunityFields, opp.custom)

  function renderOpportunityFields(): Json {
    return {
      annualized_expected_value: Math.round((annualizedValue * opp.confidence) / 100),
      annualized_value: annualizedValue,
      attachments: [],
      confidence: opp.confidence,
      contact_id: opp.contact_id,
      contact_name: contact ? displayName(contact) : null,
      created_by: opp.created_by,
      created_by_name: store.userName(opp.created_by),
      date_created: opp.date_created,
      date_lost: opp.date_lost,
      date_updated: opp.date_updated,
      date_won: opp.date_won,
      expected_value: Math.round((value * opp.confidence) / 100),
      id: opp.id,
      integration_links: [],
      lead_id: opp.lead_id,
      lead_name: lead.name,
      lead_primary_email: email ? {email: email.email, is_unsubscribed: email.is_unsubscribed, type: email.type} : null,
      lead_primary_phone: lead.primaryPhone ? renderPhone(lead.primaryPhone) : null,
      note: opp.note,
      organization_id: store.meta.organization.id,
      pipeline_id: found?.pipeline.id ?? null,
      pipeline_name: found?.pipeline.name ?? null,
      status_display_name: found?.status.label ?? null,
      status_id: opp.status_id,
      status_label: found?.status.label ?? null,
      status_type: found?.status.type ?? null,
      updated_by: opp.updated_by,
      updated_by_name: store.userName(opp.updated_by),
      user_id: opp.user_id,
      user_name: store.userName(opp.user_id),
      value: opp.value,
      value_currency: opp.value_currency,
      value_formatted: formatOpportunityValue(opp.value, opp.value_period, opp.value_currency),
      value_period: opp.value_period,
    }
  }
}

/** inbox: incomplete and due up to today; future: incomplete and due later; archive: complete. */
export function taskView(task: StoredTask, today: string): 'archive' | 'future' | 'inbox' {
  if (task.is_complete) return 'archive'
  return task.date.slice(0, 10) <= today ? 'inbox' : 'future'
}

export function renderTask(store: CloseStore, chunk: Chunk, task: StoredTask): Json {
  const contact = task.contact_id ? chunk.contact(task.contact_id) : undefined
  return {
    _type: task._type,
    assigned_to: task.assigned_to,
    assigned_to_name: store.userName(task.assigned_to),
    contact_id: task.contact_id,
    contact_name: contact ? displayName(contact) : null,
    created_by: task.created_by,
    created_by_name: store.userName(task.created_by),
    date: task.date,
    date_created: task.date_created,
    date_updated: task.date_updated,
    due_date: task.date,
    id: task.id,
    is_complete: task.is_complete,
    is_dateless: task.is_dateless,
    lead_id: task.lead_id,
    lead_name: leadSummary(chunk, task.lead_id).name,
    object_id: task.object_id,
    object_type: task.object_type,
    organization_id: store.meta.organization.id,
    text: task.text,
    updated_by: task.updated_by,
    updated_by_name: store.userName(task.updated_by),
    view: taskView(task, store.today()),
  }
}

function addressSummary(lead: StoredLead): null | string {
  const address = lead.addresses[0]
  if (!address) return null
  const parts = [address.city, address.state ?? address.country].filter(Boolean)
  return parts.length > 0 ? parts.join(', ') : null
}

export function renderLead(store: CloseStore, chunk: Chunk, lead: StoredLead): Json {
  const summary = leadSummary(chunk, lead.id)
  const {contacts, primaryEmail, primaryPhone} = summary
  const tasks: Json[] = []
  for (const task of chunk.tasksOf(lead.id)) if (!task.is_complete) tasks.push(renderTask(store, chunk, task))
  const out: Json = {
    addresses: lead.addresses.map((a) => ({...a, tz_ids: [...(a.tz_ids ?? [])]})),
    contact_ids: contacts.map((c) => c.id),
    contacts: contacts.map((c) => renderContact(store, c)),
    contacts_summary: contacts.map((c) => displayName(c)).join(', '),
    created_by: lead.created_by,
    created_by_name: store.userName(lead.created_by),
    date_created: lead.date_created,
    date_updated: lead.date_updated,
    description: lead.description,
    display_name: summary.name,
    html_url: `https://app.close.com/lead/${lead.id}/`,
    id: lead.id,
    integration_links: [],
    name: lead.name,
    opportunities: chunk.opportunitiesOf(lead.id).map((o) => renderOpportunity(store, chunk, o)),
    organization_id: store.meta.organization.id,
    primary_address_summary: addressSummary(lead),
    primary_email: primaryEmail
      ? {email: primaryEmail.email, is_unsubscribed: primaryEmail.is_unsubscribed, type: primaryEmail.type}
      : null,
    primary_phone: primaryPhone ? renderPhone(primaryPhone) : null,
    source: lead.source,
    status_id: lead.status_id,
    status_label: store.leadStatus(lead.status_id)?.label ?? null,
    tasks,
    updated_by: lead.updated_by,
    updated_by_name: store.userName(lead.updated_by),
    url: lead.url,
  }
  return customKeys(out, store.meta.customFields, lead.custom)
}

/** Fields the seed leaves out of stored activities because they hold their usual value. */
function activityDefaults(type: string): Json {
  switch (type) {
    case 'Call': {
      return {call_method: 'regular', cost: null, recording_url: null, source: 'Close.io', voicemail_url: null}
    }

    case 'Email': {
      return {attachments: [], bcc: [], cc: [], date_scheduled: null, opens: [], template_id: null}
    }

    case 'Note': {
      return {attachments: [], pinned: false, title: null}
    }

    case 'SMS': {
      return {attachments: [], template_id: null}
    }

    default: {
      return {}
    }
  }
}

export function renderActivity(store: CloseStore, activity: StoredActivity): Json {
  const out: Json = {
    ...activityDefaults(activity._type),
    ...activity,
    created_by_name: store.userName(activity.created_by),
    organization_id: store.meta.organization.id,
    updated_by_name: store.userName(activity.updated_by),
    user_name: store.userName(activity.user_id),
    users: activity.user_id ? [activity.user_id] : [],
  }
  if ((activity._type === 'Note' || activity._type === 'Call') && out.note_html === undefined) {
    out.note_html = noteToHtml(typeof activity.note === 'string' ? activity.note : '')
  }

  if (activity._type === 'Email' && out.body_html === undefined && typeof activity.body_text === 'string') {
    out.body_html = activity.body_text
      .split('\n\n')
      .map((p) => `<p>${noteToHtml(p)}</p>`)
      .join('')
  }

  if (activity._type === 'OpportunityStatusChange' && typeof activity.opportunity_value === 'number') {
    out.opportunity_value_formatted = formatMoney(activity.opportunity_value)
  }

  return out
}

/** A user as `/user/` lists them: organizations as IDs. */
export function renderUser(store: CloseStore, user: StoredUser): Json {
  return {...user, organizations: [store.meta.organization.id]}
}

/** `/me/`: the user with organization objects, memberships and email accounts. */
export function renderMe(store: CloseStore, user: StoredUser): Json {
  const org = store.meta.organization
  return {
    ...user,
    email_accounts: [],
    memberships: [membership(store, user)],
    organizations: [{currency: org.currency, id: org.id, name: org.name}],
    phone_numbers: [],
  }
}

export function membership(store: CloseStore, user: StoredUser): Json {
  return {
    date_created: user.date_created,
    id: `memb_${user.id.slice('user_'.length)}`,
    organization_id: store.meta.organization.id,
    role_id: user.id === store.meta.me ? 'admin' : 'user',
    user_email: user.email,
    user_first_name: user.first_name,
    user_full_name: `${user.first_name} ${user.last_name}`,
    user_id: user.id,
    user_image: user.image,
    user_last_name: user.last_name,
  }
}

export function renderOpportunityStatus(
  store: CloseStore,
  pipelineId: string,
  status: {id: string; label: string; type: string},
): Json {
  return {
    id: status.id,
    label: status.label,
    organization_id: store.meta.organization.id,
    pipeline_id: pipelineId,
    status_type: status.type,
    type: status.type,
  }
}

export function renderPipelines(store: CloseStore): Json[] {
  return store.meta.pipelines.map((p) => ({
    id: p.id,
    name: p.name,
    organization_id: store.meta.organization.id,
    statuses: p.statuses.map((s) => renderOpportunityStatus(store, p.id, s)),
  }))
}

export function renderLeadStatuses(store: CloseStore): Json[] {
  return store.meta.leadStatuses.map((s) => ({id: s.id, label: s.label, organization_id: store.meta.organization.id}))
}

export function renderOrganization(store: CloseStore): Json {
  const org = store.meta.organization
  return {
    ...org,
    created_by: store.meta.me,
    currency_symbol: '$',
    inactive_memberships: [],
    lead_statuses: renderLeadStatuses(store),
    memberships: store.meta.users.map((u) => membership(store, u)),
    opportunity_statuses: store.meta.pipelines.flatMap((p) =>
      p.statuses.map((s) => renderOpportunityStatus(store, p.id, s)),
    ),
    pipelines: renderPipelines(store),
    updated_by: store.meta.me,
  }
}

export function renderCustomField(store: CloseStore, field: (typeof store.meta.customFields)[number]): Json {
  return {
    accepts_multiple_values: field.accepts_multiple_values,
    back_reference_is_visible: false,
    choices: field.choices ?? null,
    created_by: store.meta.me,
    date_created: field.date_created,
    date_updated: field.date_updated,
    description: field.description,
    editable_with_roles: [],
    id: field.id,
    is_shared: false,
    name: field.name,
    organization_id: store.meta.organization.id,
    type: field.type,
    updated_by: store.meta.me,
  }
}

/** A Smart View as `/saved_search/` returns it: the lead search `query` and its owner. */
export function renderSavedSearch(store: CloseStore, view: SavedSearch): Json {
  return {
    created_by: view.user_id,
    date_created: view.date_created,
    date_updated: view.date_updated,
    id: view.id,
    is_shared: view.is_shared,
    name: view.name,
    organization_id: store.meta.organization.id,
    query: view.query,
    type: view.type,
    updated_by: view.user_id,
    user_id: view.user_id,
  }
}
