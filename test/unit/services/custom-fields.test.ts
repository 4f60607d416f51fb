import {expect} from 'chai'

import type {CloseObject} from '../../../src/close/normalize.js'

import {leads} from '../../../src/close/resources.js'
import {UsageError} from '../../../src/errors.js'
import {customFieldChanges, fieldsByName, labelledView, whereQuery} from '../../../src/services/custom-fields.js'
import {matchViews, viewQuery} from '../../../src/services/views.js'
import {serviceDeps} from '../../helpers/service-deps.js'

const INDUSTRY = {choices: ['Software', 'Retail'], id: 'cf_ind', name: 'Industry', type: 'choices'}

/** ServiceDeps whose api lists these custom fields; counts connects and list calls. */
function stub(fields: CloseObject[] = [INDUSTRY]) {
  const seen = {connects: 0, lists: [] as string[]}
  const api = {
    list(resource: {path: string}) {
      seen.lists.push(resource.path)
      return {more: () => false, pages: [fields], total: () => fields.length}
    },
  }
  const scope = {api}
  const deps = serviceDeps(async () => {
    seen.connects++
    return scope
  })
  return {deps, seen}
}

describe('services/custom-fields and views', () => {
  it('--set: nothing given connects nowhere; a bad syntax fails before connecting; fields are read once', async () => {
    const {deps, seen} = stub()
    expect(await customFieldChanges(deps, 'opportunity')).to.deep.equal({})
    const error = await customFieldChanges(deps, 'lead', ['Industry']).catch((error_: unknown) => error_)
    expect(error).to.be.instanceOf(UsageError)
    expect(seen.connects).to.equal(0)
    expect(await customFieldChanges(deps, 'lead', ['industry=software'])).to.deep.equal({'custom.cf_ind': 'Software'})
    expect(await whereQuery(deps, ['Industry=retail'])).to.deep.equal(['custom.cf_ind:"Retail"'])
    expect(seen.lists).to.deep.equal(['/custom_field/lead/'])
  })

  it('--fields names become keys; known fields and keys read nothing', async () => {
    const {deps, seen} = stub()
    expect(await fieldsByName(deps, 'lead', leads, 'id,display_name,cf_ind,addresses.0.city')).to.equal(
      'id,display_name,custom.cf_ind,addresses.0.city',
    )
    expect(seen.lists).to.deep.equal([])
    expect(await fieldsByName(deps, 'lead', leads, 'display_name,Industry')).to.equal('display_name,custom.cf_ind')
  })

  it('labels only where a custom field shows on a table or page (not for JSON, csv or tsv)', async () => {
    const {deps, seen} = stub()
    expect(await labelledView(deps, 'lead', leads, true)).to.equal(leads) // off a terminal: tsv
    expect(seen.lists).to.deep.equal([])
  })

  it('Smart Views: ID, exact name (any case), else a prefix; the query it runs', () => {
    const views = [
      {id: 'save_1', name: 'Stale', query: 'status:"Qualified" sort:updated'},
      {id: 'save_2', name: 'Software customers', query: ''},
      {id: 'save_3', name: 'St', query: 'x'},
    ]
    expect(matchViews(views, 'save_2').map((v) => v.id)).to.deep.equal(['save_2'])
    expect(matchViews(views, 'st').map((v) => v.id)).to.deep.equal(['save_3'])
    expect(matchViews(views, 's').map((v) => v.id)).to.deep.equal(['save_1', 'save_2', 'save_3'])
    expect(matchViews(views, 'nope')).to.deep.equal([])
    expect(viewQuery(views[0])).to.equal('status:"Qualified" sort:updated')
    expect(viewQuery(views[1])).to.equal('in:"save_2"')
  })
})
