import {expect} from 'chai'

import {SANDBOX_ME_ID} from '../../../src/sandbox/close/index.js'
import {type Body, removeTempDirs, sandbox, type Sandbox} from './helpers.js'

describe('sandbox Close emulator: activities and notes', () => {
  let box: Sandbox
  let lead: Body

  before(async () => {
    box = await sandbox(80)
    // A lead with a timeline of several kinds.
    const calls = await box.get('/activity/call/', {_limit: 200})
    const leadIds = new Set(calls.data.map((c: Body) => c.lead_id))
    const notes = await box.get('/activity/note/', {_limit: 200})
    const leadId = notes.data.map((n: Body) => n.lead_id).find((id: string) => leadIds.has(id))
    lead = await box.get(`/lead/${leadId}/`)
  })

  after(removeTempDirs)

  describe('notes', () => {
    it('round trip: create → get → list by lead → update → delete', async () => {
      const created = await box.call('POST', '/activity/note/', [], {lead_id: lead.id, note: 'Called Bob.'})
      expect(created.status).to.equal(200)
      const note = created.body
      expect(note.id).to.match(/^acti_[0-9A-Za-z]{22}$/)
      expect(note).to.include({
        _type: 'Note',
        contact_id: null,
        lead_id: lead.id,
        note: 'Called Bob.',
        note_html: 'Called Bob.',
        user_id: SANDBOX_ME_ID,
        user_name: 'Jordan Lee',
      })
      expect(await box.get(`/activity/note/${note.id}/`)).to.deep.equal(note)
      const listed = await box.get('/activity/note/', {lead_id: lead.id})
      expect(listed.data[0].id, 'newest first').to.equal(note.id)

      const updated = await box.call('PUT', `/activity/note/${note.id}/`, [], {note: 'Called Bob again.'})
      expect(updated.body).to.include({note: 'Called Bob again.', note_html: 'Called Bob again.'})
      expect(updated.body.date_updated > note.date_updated).to.equal(true)

      expect((await box.call('DELETE', `/activity/note/${note.id}/`)).body).to.deep.equal({})
      expect((await box.call('GET', `/activity/note/${note.id}/`)).body).to.deep.equal({
        error: 'Empty query: Note matching query does not exist.',
      })
    })

    it('fills note_html from note: escaped, newlines as <br />', async () => {
      const note = (
        await box.call('POST', '/activity/note/', [], {lead_id: lead.id, note: 'Price < $5 & "cheap"\nNext: call'})
      ).body
      expect(note.note_html).to.equal('Price &lt; $5 &amp; &quot;cheap&quot;<br />Next: call')
      expect(note.note).to.equal('Price < $5 & "cheap"\nNext: call')
    })

    it('lets note_html win when both are sent, and derives the plain note from it', async () => {
      const note = (
        await box.call('POST', '/activity/note/', [], {
          lead_id: lead.id,
          note: 'ignored',
          note_html: '<p>Met <b>Ann</b> &amp; Bob</p><p>Next week</p>',
        })
      ).body
      expect(note.note_html).to.equal('<p>Met <b>Ann</b> &amp; Bob</p><p>Next week</p>')
      expect(note.note).to.equal('Met Ann & Bob\nNext week')
      const updated = await box.call('PUT', `/activity/note/${note.id}/`, [], {
        note: 'plain\nagain',
        note_html: '<i>rich</i>',
      })
      expect(updated.body).to.include({note: 'rich', note_html: '<i>rich</i>'})
    })

    it('requires an existing lead, and a contact on that lead', async () => {
      const missing = await box.call('POST', '/activity/note/', [], {note: 'x'})
      expect(missing.body).to.deep.equal({errors: [], 'field-errors': {lead: 'This field is required.'}})
      const unknown = await box.call('POST', '/activity/note/', [], {lead_id: 'lead_0000000000000000000000', note: 'x'})
      expect(unknown.body).to.deep.equal({errors: [], 'field-errors': {lead: 'Object does not exist.'}})
      const contact = await box.call('POST', '/activity/note/', [], {
        contact_id: 'cont_0000000000000000000000',
        lead_id: lead.id,
        note: 'x',
      })
      expect(contact.body).to.deep.equal({errors: [], 'field-errors': {contact: 'Object does not exist.'}})
      const withContact = await box.call('POST', '/activity/note/', [], {
        contact_id: lead.contacts[0].id,
        lead_id: lead.id,
        note: 'About a person',
      })
      expect(withContact.body.contact_id).to.equal(lead.contacts[0].id)
    })

    it('filters the note list by user', async () => {
      const mine = await box.get('/activity/note/', {_limit: 200, user_id: SANDBOX_ME_ID})
      expect(mine.data.length).to.be.greaterThan(0)
      expect(mine.data.every((n: Body) => n.user_id === SANDBOX_ME_ID && n._type === 'Note')).to.equal(true)
    })
  })

  describe('the /activity/ timeline', () => {
    it('lists a lead’s activities of every kind, newest first', async () => {
      const timeline = await box.get('/activity/', {_limit: 200, lead_id: lead.id})
      const types = new Set(timeline.data.map((a: Body) => a._type))
      expect(types).to.include('Note')
      expect(types).to.include('Call')
      expect(timeline.data.every((a: Body) => a.lead_id === lead.id)).to.equal(true)
      const dates = timeline.data.map((a: Body) => a.date_created)
      expect(dates).to.deep.equal([...dates].sort().reverse())
      const calls = await box.get('/activity/', {_type: 'Call', lead_id: lead.id})
      expect(calls.data.length).to.be.greaterThan(0)
      expect(calls.data.every((a: Body) => a._type === 'Call')).to.equal(true)
      const some = await box.get('/activity/', {_type__in: 'Note,Call', lead_id: lead.id, user_id: SANDBOX_ME_ID})
      expect(some.data.every((a: Body) => ['Call', 'Note'].includes(a._type) && a.user_id === SANDBOX_ME_ID)).to.equal(
        true,
      )
    })

    it('refuses _type, user_id and contact_id filters without a single lead_id', async () => {
      const filters: Array<Record<string, string>> = [
        {_type: 'Note'},
        {user_id: SANDBOX_ME_ID},
        {contact_id: lead.contacts[0].id},
      ]
      for (const query of filters) {
        const response = await box.call('GET', '/activity/', query)
        expect(response.status, JSON.stringify(query)).to.equal(400)
        expect(response.body['field-errors']).to.deep.equal({})
        expect(response.body.errors[0]).to.match(/single lead_id/)
      }
    })

    it('pages the whole organization’s timeline without filters', async () => {
      const page = await box.get('/activity/', {_limit: 50})
      expect(page.data).to.have.length(50)
      expect(page.has_more).to.equal(true)
    })

    it('lists each activity type at its own path', async () => {
      const paths: Array<[string, string]> = [
        ['/activity/call/', 'Call'],
        ['/activity/email/', 'Email'],
        ['/activity/meeting/', 'Meeting'],
        ['/activity/sms/', 'SMS'],
        ['/activity/status_change/lead/', 'LeadStatusChange'],
        ['/activity/status_change/opportunity/', 'OpportunityStatusChange'],
      ]
      for (const [path, type] of paths) {
        const page = await box.get(path, {_limit: 200})
        expect(
          page.data.every((a: Body) => a._type === type),
          path,
        ).to.equal(true)
        expect(page).to.have.keys(['data', 'has_more'])
      }

      const email = (await box.get('/activity/email/', {_limit: 1})).data[0]
      expect(email).to.include.keys(['subject', 'body_text', 'direction', 'status', 'sender', 'to'])
      const call = (await box.get('/activity/call/', {_limit: 1})).data[0]
      expect(call).to.include.keys(['direction', 'disposition', 'duration', 'phone'])
    })
  })
})
