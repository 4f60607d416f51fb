import {expect} from 'chai'

import type {CloseApi} from '../../../src/close/api.js'
import type {ResourceDef} from '../../../src/close/resources.js'

import {RemoteError, UsageError} from '../../../src/errors.js'
import {buildContactBody, buildContactChanges, createContact, updateContact} from '../../../src/services/contacts.js'
import {serviceDeps} from '../../helpers/service-deps.js'

const LEAD = 'lead_8dWqYqDz3mTBxqZ2Y0n7kA'
const CONTACT = 'cont_8dWqYqDz3mTBxqZ2Y0n7kA'

function stubDeps() {
  const calls: unknown[][] = []
  let connected = 0
  const deps: {api: Pick<CloseApi, 'create' | 'update'>} = {
    api: {
      async create(resource: ResourceDef, body) {
        calls.push(['create', resource.noun, body])
        return {id: CONTACT, ...body}
      },
      async update(resource: ResourceDef, id, changes) {
        calls.push(['update', resource.noun, id, changes])
        return {id, ...changes}
      },
    },
  }
  return {
    calls,
    async connect() {
      connected++
      return deps
    },
    connected: () => connected,
    deps,
    get service() {
      return serviceDeps(this.connect)
    },
  }
}

describe('services/contacts', () => {
  it('builds the create body with the lead, name, title and repeated emails and phones', () => {
    expect(
      buildContactBody({
        email: ['jane@acme.com', 'jane.doe@gmail.com'],
        lead: LEAD,
        name: 'Jane Doe',
        phone: ['+1 415 555 0100'],
        title: 'CTO',
      }),
    ).to.deep.equal({
      emails: [
        {email: 'jane@acme.com', type: 'office'},
        {email: 'jane.doe@gmail.com', type: 'office'},
      ],
      lead_id: LEAD,
      name: 'Jane Doe',
      phones: [{phone: '+14155550100', type: 'office'}],
      title: 'CTO',
    })
    expect(buildContactBody({email: [], lead: LEAD, name: 'Bob'})).to.deep.equal({lead_id: LEAD, name: 'Bob'})
  })

  it('checks --lead, --email and --phone with exit 2 naming the flag', () => {
    expect(() => buildContactBody({lead: CONTACT, name: 'x'})).to.throw(UsageError, 'in --lead is a contact ID')
    expect(() => buildContactBody({lead: 'acme', name: 'x'})).to.throw(UsageError, '"acme" in --lead is not')
    expect(() => buildContactBody({email: ['nope'], lead: LEAD})).to.throw(UsageError, '--email "nope"')
    expect(() => buildContactBody({lead: LEAD, phone: ['x']})).to.throw(UsageError, '--phone "x"')
  })

  it('sends only the changed fields on update; --email/--phone replace the lists', () => {
    expect(buildContactChanges({title: 'VP'})).to.deep.equal({title: 'VP'})
    expect(buildContactChanges({email: ['a@b.co'], phone: []})).to.deep.equal({
      emails: [{email: 'a@b.co', type: 'office'}],
    })
    expect(buildContactChanges({})).to.deep.equal({})
  })

  it('creates after checking the input, and explains field errors with flags', async () => {
    const stub = stubDeps()
    await createContact(stub.service, {lead: LEAD, name: 'Jane'})
    expect(stub.calls).to.deep.equal([['create', 'contact', {lead_id: LEAD, name: 'Jane'}]])

    const bad = stubDeps()
    const error = await createContact(bad.service, {email: ['x'], lead: LEAD}).catch((error_) => error_)
    expect(error).to.be.instanceOf(UsageError)
    expect(bad.connected()).to.equal(0)

    stub.deps.api.create = async () => {
      throw new RemoteError('Close rejected the request', {
        code: 'close_validation',
        details: {errors: [], fieldErrors: {lead: 'Object does not exist.'}},
      })
    }

    const rejected = (await createContact(stub.service, {lead: LEAD, name: 'J'}).catch(
      (error_) => error_,
    )) as RemoteError
    expect(rejected.message).to.equal('Close rejected the contact: lead: Object does not exist (--lead).')
    expect(rejected.hint).to.equal('Fix --lead and try again.')
  })

  it('update: nothing given → exit 2 listing the flags; wrong ID kind → exit 2; both before connecting', async () => {
    const stub = stubDeps()
    const nothing = (await updateContact(stub.service, CONTACT, {}).catch((error_) => error_)) as UsageError
    expect(nothing.message).to.equal('Nothing to update: give at least one field to change.')
    expect(nothing.hint).to.equal('Pass one or more of --name, --title, --email, --phone.')
    const wrong = (await updateContact(stub.service, LEAD, {title: 'x'}).catch((error_) => error_)) as UsageError
    expect(wrong.code).to.equal('wrong_id_kind')
    expect(stub.connected()).to.equal(0)
    await updateContact(stub.service, CONTACT, {name: 'Jane Smith'})
    expect(stub.calls).to.deep.equal([['update', 'contact', CONTACT, {name: 'Jane Smith'}]])
  })
})
