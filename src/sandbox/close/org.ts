/** Organization-level routes: /me/, /user/, /organization/, statuses, pipelines, custom fields. */
import type {Ctx} from './common.js'

import {type CloseResponse, notFound, pageOf, respond, sortByOrder, trimFields} from './http.js'
import {
  renderCustomField,
  renderLeadStatuses,
  renderMe,
  renderOpportunityStatus,
  renderOrganization,
  renderPipelines,
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

export async function listLeadCustomFields(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  const fields = store.meta.customFields.map((f) => trimFields(renderCustomField(store, f), ctx.params.fields()))
  return respond(200, pageOf(fields, ctx.params.paging()))
}

export async function getLeadCustomField(ctx: Ctx): Promise<CloseResponse> {
  const {store} = ctx
  const field = store.meta.customFields.find((f) => f.id === ctx.id)
  if (!field) throw notFound('LeadCustomField')
  return respond(200, trimFields(renderCustomField(store, field), ctx.params.fields()))
}
