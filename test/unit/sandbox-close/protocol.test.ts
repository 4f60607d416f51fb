import {expect} from 'chai'

import {type Body, removeTempDirs, sandbox, type Sandbox} from './helpers.js'

const RATE_LIMIT = 'limit=100, remaining=99, reset=5'

describe('sandbox Close emulator: routes, paging, fields, error bodies', () => {
  let box: Sandbox

  before(async () => {
    box = await sandbox(450)
  })

  after(removeTempDirs)

  describe('paging', () => {
    it('defaults to 100 per page with has_more, and every reply carries the RateLimit header', async () => {
      const response = await box.call('GET', '/lead/')
      expect(response.status).to.equal(200)
      expect(response.headers.RateLimit).to.equal(RATE_LIMIT)
      expect(response.body.data).to.have.length(100)
      expect(response.body.has_more).to.equal(true)
      expect(response.body).to.not.have.property('total_results')
    })

    it('pages through every lead once with _skip/_limit 200, the last page without has_more', async () => {
      const ids: string[] = []
      const sizes: number[] = []
      let more = true
      for (let skip = 0; more; skip += 200) {
        const page = await box.get('/lead/', {_limit: 200, _skip: skip})
        sizes.push(page.data.length)
        ids.push(...page.data.map((l: Body) => l.id))
        more = page.has_more
      }

      expect(sizes).to.deep.equal([200, 200, 50])
      expect(new Set(ids).size).to.equal(450)
    })

    it('lists newest leads first', async () => {
      const page = await box.get('/lead/', {_limit: 50})
      const created = page.data.map((l: Body) => l.date_created)
      expect(created).to.deep.equal([...created].sort().reverse())
    })

    it('keeps one consistent order across chunk boundaries, creates and deletes', async () => {
      const small = await sandbox(95)
      const created: string[] = []
      for (let i = 0; i < 12; i++) {
        created.push((await small.call('POST', '/lead/', [], {name: `Boundary ${i}`})).body.id)
      }

      await small.call('DELETE', `/lead/${created[3]}/`)
      const old = (await small.get('/lead/', {_limit: 1, _skip: 50})).data[0]
      await small.call('DELETE', `/lead/${old.id}/`)
      const pages: string[] = []
      for (let skip = 0; skip < 200; skip += 7) {
        const page = await small.get('/lead/', {_fields: 'id', _limit: 7, _skip: skip})
        pages.push(...page.data.map((l: Body) => l.id))
        if (!page.has_more) break
      }

      expect(pages).to.have.length(95 + 12 - 2)
      expect(pages.slice(0, 11)).to.deep.equal(created.filter((_, i) => i !== 3).reverse())
      expect(pages).to.not.include(old.id)
      const search = await small.get('/lead/', {_fields: 'id', _limit: 200, query: ''})
      expect(search.data.map((l: Body) => l.id)).to.deep.equal(pages)
      expect(search.total_results).to.equal(pages.length)
    })

    it('answers past the end with an empty page', async () => {
      expect(await box.get('/lead/', {_skip: 10_000})).to.deep.equal({data: [], has_more: false})
    })

    it('refuses a _limit over 200 with Close’s error body', async () => {
      for (const path of [
        '/lead/',
        '/contact/',
        '/opportunity/',
        '/task/',
        '/activity/',
        '/activity/note/',
        '/user/',
      ]) {
        const response = await box.call('GET', path, {_limit: 201})
        expect(response.status, path).to.equal(400)
        expect(response.body, path).to.deep.equal({errors: ['_limit must be at most 200'], 'field-errors': {}})
      }
    })

    it('refuses a _limit or _skip that is not a whole number', async () => {
      const limit = await box.call('GET', '/lead/', {_limit: 'ten'})
      expect(limit.status).to.equal(400)
      expect(limit.body.errors[0]).to.match(/_limit/)
      const skip = await box.call('GET', '/lead/', {_skip: -1})
      expect(skip.status).to.equal(400)
      expect(skip.body.errors[0]).to.match(/_skip/)
    })

    it('_limit=0 with a query gives only the total', async () => {
      const body = await box.get('/lead/', {_limit: 0, query: ''})
      expect(body).to.deep.equal({data: [], has_more: true, total_results: 450})
    })
  })

  describe('_fields', () => {
    it('trims list items and single objects to the named fields', async () => {
      const page = await box.get('/lead/', {_fields: 'id,display_name', _limit: 3})
      for (const lead of page.data) expect(lead).to.have.keys(['id', 'display_name'])
      const one = await box.get(`/lead/${page.data[0].id}/`, {_fields: 'id,status_label'})
      expect(one).to.have.keys(['id', 'status_label'])
    })

    it('keeps literal custom.cf_… keys on leads, and custom for all of them', async () => {
      const [industry, source] = box.store.meta.customFields
      const page = await box.get('/lead/', {_fields: `id,custom.${industry.id}`, _limit: 5})
      for (const lead of page.data) expect(lead).to.have.keys(['id', `custom.${industry.id}`])
      const all = await box.get('/lead/', {_fields: 'custom', _limit: 20})
      const keys = new Set(all.data.flatMap((l: Body) => Object.keys(l)))
      expect(keys).to.include(`custom.${industry.id}`)
      expect(keys).to.include(`custom.${source.id}`)
      expect([...keys].every((k) => String(k).startsWith('custom.'))).to.equal(true)
    })
  })

  describe('routing', () => {
    it('accepts the /api/v1 prefix, a missing trailing slash and a query string in the path', async () => {
      const plain = await box.get('/lead/', {_fields: 'id', _limit: 2})
      const prefixed = await box.call('GET', '/api/v1/lead/', {_fields: 'id', _limit: 2})
      expect(prefixed.body).to.deep.equal(plain)
      const bare = await box.call('GET', '/api/v1/lead?_fields=id&_limit=2')
      expect(bare.body).to.deep.equal(plain)
    })

    it('answers an unknown route with 404 {"error": "Not found"}', async () => {
      for (const path of ['/nope/', '/lead/x/y/', '/activity/unknown/', '/']) {
        const response = await box.call('GET', path)
        expect(response.status, path).to.equal(404)
        expect(response.body).to.deep.equal({error: 'Not found'})
        expect(response.headers.RateLimit).to.equal(RATE_LIMIT)
      }
    })

    it('answers a wrong method with 405', async () => {
      for (const [method, path] of [
        ['DELETE', '/lead/'],
        ['POST', '/me/'],
        ['PUT', '/contact/'],
        ['POST', '/activity/meeting/'],
        ['PATCH', '/lead/'],
      ]) {
        const response = await box.call(method, path)
        expect(response.status, `${method} ${path}`).to.equal(405)
        expect(response.body.error).to.be.a('string')
      }
    })

    it('refuses a body that is not a JSON object', async () => {
      const text = await box.call('POST', '/lead/', [], '{not json')
      expect(text.status).to.equal(400)
      expect(text.body.errors).to.have.length(1)
      const list = await box.call('POST', '/lead/', [], [1, 2])
      expect(list.status).to.equal(400)
    })

    it('accepts a body sent as JSON text', async () => {
      const response = await box.call('POST', '/lead/', [], JSON.stringify({name: 'Text Body Inc.'}))
      expect(response.status).to.equal(200)
      expect(response.body.name).to.equal('Text Body Inc.')
    })
  })

  describe('404 bodies', () => {
    const cases: Array<[string, string, string]> = [
      ['/lead/', 'lead_', 'Lead'],
      ['/contact/', 'cont_', 'Contact'],
      ['/opportunity/', 'oppo_', 'Opportunity'],
      ['/task/', 'task_', 'Task'],
      ['/activity/note/', 'acti_', 'Note'],
      ['/user/', 'user_', 'User'],
    ]
    for (const [path, prefix, model] of cases) {
      it(`names the ${model} model for an unknown or wrong-kind ID`, async () => {
        const body = {error: `Empty query: ${model} matching query does not exist.`}
        const methods = path === '/user/' ? ['GET'] : ['GET', 'PUT', 'DELETE']
        for (const method of methods) {
          const otherKind = `${prefix === 'lead_' ? 'cont_' : 'lead_'}AbCdEfGhIjKlMnOpQrStUv`
          for (const id of [`${prefix}0000000000000000000000`, otherKind, 'garbage']) {
            const response = await box.call(method, `${path}${id}/`, [], method === 'PUT' ? {} : undefined)
            expect(response.status, `${method} ${path}${id}/`).to.equal(404)
            expect(response.body).to.deep.equal(body)
          }
        }
      })
    }

    it('gives a 404 for a real ID of another kind (a contact ID on /lead/)', async () => {
      const lead = (await box.get('/lead/', {_limit: 1, query: 'has:email'})).data[0]
      const response = await box.call('GET', `/lead/${lead.contacts[0].id}/`)
      expect(response.status).to.equal(404)
      expect(response.body).to.deep.equal({error: 'Empty query: Lead matching query does not exist.'})
      const call = (await box.get('/activity/call/', {_limit: 1})).data[0]
      const asNote = await box.call('GET', `/activity/note/${call.id}/`)
      expect(asNote.body).to.deep.equal({error: 'Empty query: Note matching query does not exist.'})
      expect((await box.call('GET', `/activity/call/${call.id}/`)).body.id).to.equal(call.id)
    })

    it('names Organization and LeadCustomField too', async () => {
      expect((await box.call('GET', '/organization/orga_0000000000000000000000/')).body).to.deep.equal({
        error: 'Empty query: Organization matching query does not exist.',
      })
      expect((await box.call('GET', '/custom_field/lead/cf_0000000000000000000000/')).body).to.deep.equal({
        error: 'Empty query: LeadCustomField matching query does not exist.',
      })
    })
  })
})
