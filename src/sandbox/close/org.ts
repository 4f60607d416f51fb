/** Organization-level routes: /me/, /user/, /organization/, statuses, pipelines, custom fields. */
import type {Ctx} from './common.js'
import type {CustomFieldKind} from './types.js'

import {type CloseResponse, notFound, pageOf, respond, sortByOrder, trimFields} from './http.js'
import {
  renderCustomField,
  renderLeadStatuses,
  renderMe,
  renderOpportunityStatus,
  renderOrganization,
  renderPipelines,
  renderSavedSearch,
  renderUser,
} from './render.js'

export async function getMe(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  return respond(200, trimFields(renderMe(store, store.user(store.meta.me)!), ctx.params.fields()))
}

export async function listUsers(ctx: Ctx): Promise<CloseResponse> {
  const {params, store} = ctx
  const paging = params.paging()
  const users = [...store.meta.users]
  const order = params.get('_order_by')
  if (order) {
    const keys = order.split(',').map((k) => k.trim())
    const allowed = ['first_name', 'last_name', 'email', 'date_created']
    // Sort by the last key first; the stable sort keeps earlier keys dominant.
    for (const key of keys.reverse()) {
      sortByOrder(users, key, allowed, (u, field) => String(u[field as 'email']).toLowerCase())
    }
  }

  const page = pageOf(users, paging)
  return respond(200, {
    data: page.data.map((u) => trimFields(renderUser(store, u), params.fields())),
    has_more: page.has_more,
  })
}

export async function getUser(ctx: Ctx): Promise<CloseResponse> {
  const user = ctx.store.user(ctx.id)
  if (!user) throw notFound('User')
  return respond(200, trimFields(renderUser(ctx.store, user), ctx.params.fields()))
}

export async function getOrganization(ctx: Ctx): Promise<CloseResponse> {
  if (ctx.id !== ctx.store.meta.organization.id) throw notFound('Organization')
  return respond(200, trimFields(renderOrganization(ctx.store), ctx.params.fields()))
}

export async function listLeadStatuses(ctx: Ctx): Promise<CloseResponse> {
  const page = pageOf(renderLeadStatuses(ctx.store), ctx.params.paging())
  return respond(200, page)
}

export async function listOpportunityStatuses(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  const all = store.meta.pipelines.flatMap((p) => p.statuses.map((s) => renderOpportunityStatus(store, p.id, s)))
  const pipelineId = ctx.params.get('pipeline_id')
  const page = pageOf(pipelineId ? all.filter((s) => s.pipeline_id === pipelineId) : all, ctx.params.paging())
  return respond(200, page)
}

export async function listPipelines(ctx: Ctx): Promise<CloseResponse> {
  return respond(200, pageOf(renderPipelines(ctx.store), ctx.params.paging()))
}

const FIELD_MODELS: Record<CustomFieldKind, string> = {
  contact: 'ContactCustomField',
  lead: 'LeadCustomField',
  opportunity: 'OpportunityCustomField',
}

/** GET /custom_field/<kind>/: the fields of leads, contacts or opportunities. */
export async function listCustomFields(ctx: Ctx, kind: CustomFieldKind): Promise<CloseResponse> {
  const {store} = ctx
  const fields = store.fields(kind).map((f) => trimFields(renderCustomField(store, f), ctx.params.fields()))
  return respond(200, pageOf(fields, ctx.params.paging()))
}

export async function getCustomField(ctx: Ctx, kind: CustomFieldKind): Promise<CloseResponse> {
  const {store} = ctx
  const field = store.fields(kind).find((f) => f.id === ctx.id)
  if (!field) throw notFound(FIELD_MODELS[kind])
  return respond(200, trimFields(renderCustomField(store, field), ctx.params.fields()))
}

/** GET /saved_search/ (Smart Views): `type` (default lead) or `type__in`. */
export async function listSavedSearches(ctx: Ctx): Promise<CloseResponse> {
  const {params, store} = ctx
  const types = params.oneOf('type') ?? ['lead']
  const views = store.meta.savedSearches.filter((v) => types.includes(v.type))
  const page = pageOf(views, params.paging())
  return respond(200, {
    data: page.data.map((v) => trimFields(renderSavedSearch(store, v), params.fields())),
    has_more: page.has_more,
  })
}

export async function getSavedSearch(ctx: Ctx): Promise<CloseResponse> {
  const view = ctx.store.meta.savedSearches.find((v) => v.id === ctx.id)
  if (!view) throw notFound('SavedSearch')
  return respond(200, trimFields(renderSavedSearch(ctx.store, view), ctx.params.fields()))
}
