import {expect} from 'chai'

import type {CloseApi} from '../../../src/close/api.js'
import type {Lookups} from '../../../src/close/lookups.js'
import type {CloseObject} from '../../../src/close/normalize.js'
import type {ResourceDef} from '../../../src/close/resources.js'

import {contacts, leads} from '../../../src/close/resources.js'
import {NotFoundError, RemoteError, UsageError} from '../../../src/errors.js'
import {
  buildLeadBody,
  buildLeadChanges,
  createLead,
  LEAD_FIELD_FLAGS,
  parseCountry,
  parseCustomFields,
  updateLead,
} from '../../../src/services/leads.js'
import {deleteMessage, deleteRecord, explainFieldErrors, flagForField} from '../../../src/services/records.js'
import {serviceDeps} from '../../helpers/service-deps.js'

const LEAD = 'lead_8dWqYqDz3mTBxqZ2Y0n7kA'
const CONTACT = 'cont_8dWqYqDz3mTBxqZ2Y0n7kA'

type Call = [string, ResourceDef | string, ...unknown[]]

const ACME: CloseObject = {display_name: 'Acme', id: LEAD}

/** A stub Close router and lookups that record every call. */
function stubDeps(lead: CloseObject = ACME) {
  const calls: Call[] = []
  const deps: {
    api: Pick<CloseApi, 'create' | 'delete' | 'get' | 'update'>
    lookups: Pick<Lookups, 'resolveLeadStatus'>
  } = {
    api: {
      async create(resource, body) {
        calls.push(['create', resource.noun, body])
        return {id: resource === contacts ? CONTACT : LEAD, ...body}
      },
      async delete(resource, id) {
        calls.push(['delete', resource.noun, id])
      },
      async get(resource, id) {
        calls.push(['get', resource.noun, id])
        return lead
      },
      async update(resource, id, changes) {
        calls.push(['update', resource.noun, id, changes])
        return {...lead, ...changes}
      },
    },
    lookups: {
      async resolveLeadStatus(label) {
        calls.push(['status', label])
        if (label.toLowerCase() !== 'qualified') throw new UsageError(`"${label}" is not a lead status`)
        return {id: 'stat_qualified1', label: 'Qualified'}
      },
    },
  }
  let connected = 0
  const connect = async () => {
    connected++
    return deps
  }

  return {calls, connect, connected: () => connected, service: serviceDeps(connect)}
}

describe('services/leads', () => {
  describe('buildLeadBody', () => {
    it('sends the name, status ID, url and description given', () => {
      expect(
        buildLeadBody({description: 'Big fish', name: 'Acme Inc', url: 'https://acme.com'}, 'stat_abc12345'),
      ).to.deep.equal({description: 'Big fish', name: 'Acme Inc', status_id: 'stat_abc12345', url: 'https://acme.com'})
      expect(buildLeadBody({name: 'Acme Inc'})).to.deep.equal({name: 'Acme Inc'})
    })

    it('nests contacts from repeated --contact and from the --contact-* trio', () => {
      const body = buildLeadBody({
        contact: ['Jane Doe <jane@acme.com>', 'bob@acme.com'],
        'contact-email': 'kim@acme.com',
        'contact-name': 'Kim Lee',
        'contact-phone': '+1 (415) 555-0100',
        name: 'Acme',
      })
      expect(body.contacts).to.deep.equal([
        {emails: [{email: 'jane@acme.com', type: 'office'}], name: 'Jane Doe'},
        {emails: [{email: 'bob@acme.com', type: 'office'}]},
        {
          emails: [{email: 'kim@acme.com', type: 'office'}],
          name: 'Kim Lee',
          phones: [{phone: '+14155550100', type: 'office'}],
        },
      ])
    })

    it('builds one business address with Close key names and an upper-case ISO-2 country', () => {
      const body = buildLeadBody({
        'address-1': '1 Main St',
        'address-2': 'Suite 5',
        city: 'Austin',
        country: 'us',
        name: 'Acme',
        state: 'TX',
        zip: '78701',
      })
      expect(body.addresses).to.deep.equal([
        {
          address_1: '1 Main St',
          address_2: 'Suite 5',
          city: 'Austin',
          country: 'US',
          label: 'business',
          state: 'TX',
          zipcode: '78701',
        },
      ])
    })

    it('adds custom fields as custom.cf_… keys', () => {
      expect(buildLeadBody({custom: ['cf_abc123=Enterprise', 'custom.cf_def456=5'], name: 'A'})).to.deep.equal({
        'custom.cf_abc123': 'Enterprise',
        'custom.cf_def456': '5',
        name: 'A',
      })
    })

    it('rejects bad input with exit 2 naming the flag', () => {
      expect(() => buildLeadBody({contact: ['Jane <nope>']})).to.throw(UsageError, '--contact "Jane <nope>"')
      expect(() => buildLeadBody({'contact-email': 'nope'})).to.throw(UsageError, '--contact-email "nope"')
      expect(() => buildLeadBody({'contact-phone': 'call me'})).to.throw(UsageError, '--contact-phone')
      expect(() => buildLeadBody({country: 'USA'})).to.throw(UsageError, '--country "USA" is not a two-letter')
      expect(() => buildLeadBody({custom: ['tier=gold']})).to.throw(UsageError, '--custom "tier=gold"')
    })
  })

  describe('parseCustomFields / parseCountry', () => {
    it('makes a list of a field given twice and null of an empty value', () => {
      expect(parseCustomFields(['cf_a1=x', 'cf_a1=y', 'cf_a1=z', 'cf_b2='])).to.deep.equal({
        'custom.cf_a1': ['x', 'y', 'z'],
        'custom.cf_b2': null,
      })
      expect(parseCustomFields(['cf_a1=a=b'])).to.deep.equal({'custom.cf_a1': 'a=b'})
      expect(() => parseCustomFields(['=x'])).to.throw(UsageError)
      expect(() => parseCustomFields(['cf_a1'])).to.throw(UsageError, 'is not a custom field assignment')
    })

    it('accepts two letters only', () => {
      expect(parseCountry(' de ')).to.equal('DE')
      expect(() => parseCountry('D')).to.throw(UsageError)
    })
  })

  describe('buildLeadChanges', () => {
    it('sends only the fields given', () => {
      expect(buildLeadChanges({name: 'New name'})).to.deep.equal({name: 'New name'})
      expect(buildLeadChanges({description: ''})).to.deep.equal({description: ''})
      expect(buildLeadChanges({status: 'Qualified'}, 'stat_q1234567')).to.deep.equal({status_id: 'stat_q1234567'})
      expect(buildLeadChanges({})).to.deep.equal({})
    })

    it('changes the first address part by part and keeps the others', () => {
      const current = [
        {address_1: '1 Main St', city: 'Austin', country: 'US', label: 'business', zipcode: '78701'},
        {city: 'Paris', country: 'FR', label: 'mailing'},
      ]
      expect(buildLeadChanges({city: 'Dallas', zip: '75201'}, undefined, current)).to.deep.equal({
        addresses: [
          {address_1: '1 Main St', city: 'Dallas', country: 'US', label: 'business', zipcode: '75201'},
          {city: 'Paris', country: 'FR', label: 'mailing'},
        ],
      })
      expect(buildLeadChanges({city: 'Dallas'})).to.deep.equal({addresses: [{city: 'Dallas', label: 'business'}]})
    })
  })

  describe('createLead', () => {
    it('resolves the status label, then creates the lead with its status_id', async () => {
      const stub = stubDeps()
      const lead = await createLead(stub.service, {
        contact: ['Jane <jane@acme.com>'],
        name: 'Acme',
        status: 'qualified',
      })
      expect(stub.calls).to.deep.equal([
        ['status', 'qualified'],
        [
          'create',
          'lead',
          {
            contacts: [{emails: [{email: 'jane@acme.com', type: 'office'}], name: 'Jane'}],
            name: 'Acme',
            status_id: 'stat_qualified1',
          },
        ],
      ])
      expect(lead.id).to.equal(LEAD)
    })

    it('checks every flag before connecting', async () => {
      const stub = stubDeps()
      const error = await createLead(stub.service, {country: 'Germany', name: 'Acme'}).catch((error_) => error_)
      expect(error).to.be.instanceOf(UsageError)
      expect(stub.connected()).to.equal(0)
    })

    it('explains Close field errors with the flag to fix (exit 3)', async () => {
      const stub = stubDeps()
      const deps = await stub.connect()
      deps.api.create = async () => {
        throw validation({status: 'Not a valid choice.'})
      }

      const error = (await createLead(
        serviceDeps(async () => deps),
        {name: 'Acme'},
      ).catch((error_) => error_)) as RemoteError
      expect(error).to.be.instanceOf(RemoteError)
      expect(error.exitCode).to.equal(3)
      expect(error.message).to.equal('Close rejected the lead: status: Not a valid choice (--status).')
      expect(error.hint).to.equal('Fix --status and try again.')
    })
  })

  describe('updateLead', () => {
    it('exits 2 listing the flags when nothing is given, before connecting', async () => {
      const stub = stubDeps()
      const error = (await updateLead(stub.service, LEAD, {}).catch((error_) => error_)) as UsageError
      expect(error).to.be.instanceOf(UsageError)
      expect(error.message).to.equal('Nothing to update: give at least one field to change.')
      expect(error.hint).to.contain('--name, --status, --url, --description, --contact')
      expect(stub.connected()).to.equal(0)
    })

    it('refuses an ID of another kind before connecting', async () => {
      const stub = stubDeps()
      const error = (await updateLead(stub.service, 'user_8dWqYqDz3mTBxqZ2Y0n7kA', {name: 'x'}).catch(
        (error_) => error_,
      )) as UsageError
      expect(error.code).to.equal('wrong_id_kind')
      expect(stub.connected()).to.equal(0)
    })

    it('sends only the changed fields, with the status resolved', async () => {
      const stub = stubDeps()
      await updateLead(stub.service, LEAD, {status: 'Qualified', url: 'https://acme.io'})
      expect(stub.calls).to.deep.equal([
        ['status', 'Qualified'],
        ['update', 'lead', LEAD, {status_id: 'stat_qualified1', url: 'https://acme.io'}],
      ])
    })

    it('reads the current addresses when an address flag is given', async () => {
      const stub = stubDeps({addresses: [{city: 'Austin', country: 'US', label: 'business'}], id: LEAD})
      await updateLead(stub.service, LEAD, {city: 'Dallas'})
      expect(stub.calls).to.deep.equal([
        ['get', 'lead', LEAD],
        ['update', 'lead', LEAD, {addresses: [{city: 'Dallas', country: 'US', label: 'business'}]}],
      ])
    })

    it('adds contacts through the Contacts API and reads the lead again', async () => {
      const stub = stubDeps()
      await updateLead(stub.service, LEAD, {contact: ['Jane <jane@acme.com>']})
      expect(stub.calls).to.deep.equal([
        ['get', 'lead', LEAD],
        ['create', 'contact', {emails: [{email: 'jane@acme.com', type: 'office'}], lead_id: LEAD, name: 'Jane'}],
        ['get', 'lead', LEAD],
      ])
    })
  })

  describe('flagForField / explainFieldErrors', () => {
    it('maps Close field names, nested paths and custom fields to flags', () => {
      expect(flagForField('status', LEAD_FIELD_FLAGS)).to.equal('--status')
      expect(flagForField('status_id', LEAD_FIELD_FLAGS)).to.equal('--status')
      expect(flagForField('addresses.0.country', LEAD_FIELD_FLAGS)).to.equal('--country')
      expect(flagForField('contacts[1].emails', LEAD_FIELD_FLAGS)).to.equal('--contact/--contact-email')
      expect(flagForField('custom.cf_abc123', LEAD_FIELD_FLAGS)).to.equal('--custom cf_abc123=…')
      expect(flagForField('organization', LEAD_FIELD_FLAGS)).to.equal(undefined)
    })

    it('keeps unknown fields and plain errors in the message', () => {
      const error = explainFieldErrors(
        validation({foo: 'Bad.', name: 'Too long.'}, ['Also this.']),
        LEAD_FIELD_FLAGS,
        'lead',
      )
      expect((error as RemoteError).message).to.equal(
        'Close rejected the lead: foo: Bad; name: Too long (--name); Also this.',
      )
    })

    it('passes other errors through unchanged', () => {
      const other = new NotFoundError('No lead')
      expect(explainFieldErrors(other, LEAD_FIELD_FLAGS, 'lead')).to.equal(other)
    })
  })

  describe('deleteRecord', () => {
    it('off a terminal without --yes exits 2 before connecting', async () => {
      const stub = stubDeps()
      const error = (await deleteRecord(async () => (await stub.connect()).api, leads, LEAD, {
        interactive: false,
        yes: false,
      }).catch((error_) => error_)) as UsageError
      expect(error).to.be.instanceOf(UsageError)
      expect(error.hint).to.contain('--yes')
      expect(stub.connected()).to.equal(0)
    })

    it('with --yes reads the record (for its name) and deletes it', async () => {
      const stub = stubDeps()
      const result = await deleteRecord(async () => (await stub.connect()).api, leads, LEAD, {
        interactive: false,
        yes: true,
      })
      expect(result).to.deep.equal({deleted: true, id: LEAD, name: 'Acme'})
      expect(stub.calls).to.deep.equal([
        ['get', 'lead', LEAD],
        ['delete', 'lead', LEAD],
      ])
      expect(deleteMessage(leads, result)).to.equal(`Deleted lead "Acme" (${LEAD}).`)
    })

    it('on a terminal asks, and keeps the record when the answer is no', async () => {
      const stub = stubDeps()
      const questions: string[] = []
      const result = await deleteRecord(async () => (await stub.connect()).api, leads, LEAD, {
        async confirm(question) {
          questions.push(question)
          return false
        },
        interactive: true,
        yes: false,
      })
      expect(questions).to.deep.equal([`Delete lead "Acme" (${LEAD})? This cannot be undone.`])
      expect(result.deleted).to.equal(false)
      expect(stub.calls.map((call) => call[0])).to.deep.equal(['get'])
      expect(deleteMessage(leads, result)).to.equal(`Kept lead "Acme" (${LEAD}); nothing was deleted.`)
    })
  })
})

function validation(fieldErrors: Record<string, string>, errors: string[] = []): RemoteError {
  return new RemoteError('Close rejected the request', {
    code: 'close_validation',
    details: {errors, fieldErrors, status: 400},
    hint: 'Correct the values named above and try again.',
  })
}
