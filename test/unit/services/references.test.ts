import {expect} from 'chai'

import type {CloseObject} from '../../../src/close/normalize.js'

import {CliError, NotFoundError, UsageError} from '../../../src/errors.js'
import {
  AmbiguousReferenceError,
  type Candidate,
  chooseRecord,
  type ContactPorts,
  type LeadPorts,
  recordIdFrom,
  resolveContact,
  resolveLead,
  resolveUser,
  type UserPorts,
} from '../../../src/services/references.js'

const LEAD = 'lead_ibiNeZe7yE0ZoJZQUKm0Eymg0nxDH2xb5fHg8IzBsAm'
const LEAD2 = 'lead_2sYKRjcrA79yKxi3S4Crd7'
const CONTACT = 'cont_2sYKRjcrA79yKxi3S4Crd7'
const OPPO = 'oppo_8x7Yb2k9QwErTyUi0pLm'

const acme = {
  contacts: [{emails: [{email: 'martin@acme.com'}], name: 'Martin Wind'}],
  display_name: 'Acme Anvil Co',
  id: LEAD,
  url: 'https://acme.com',
}
const acmeCorp = {display_name: 'Acme', id: LEAD2}

interface Calls {
  get: string[]
  notified: string[]
  picked: Candidate[][]
  searches: Array<[string, number]>
}

function leadPorts(found: CloseObject[], overrides: Partial<LeadPorts> = {}): {calls: Calls; ports: LeadPorts} {
  const calls: Calls = {get: [], notified: [], picked: [], searches: []}
  const ports: LeadPorts = {
    async getContact(id) {
      calls.get.push(id)
      return {id, lead_id: LEAD, name: 'Martin Wind'}
    },
    async getLead(id) {
      calls.get.push(id)
      return {...acme, id}
    },
    async getOpportunity(id) {
      calls.get.push(id)
      return {contact_name: 'Martin Wind', id, lead_id: LEAD, lead_name: 'Acme Anvil Co'}
    },
    interactive: false,
    lastLeadId: () => LEAD2,
    notify(text) {
      calls.notified.push(text)
    },
    async pick(candidates) {
      calls.picked.push(candidates)
      return candidates[1]
    },
    async searchLeads(query, limit) {
      calls.searches.push([query, limit])
      return found
    },
    ...overrides,
  }
  return {calls, ports}
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise
  } catch (error) {
    expect(error).to.be.instanceOf(CliError)
    return error as CliError
  }

  expect.fail('expected a failure')
}

describe('services/references', () => {
  describe('resolveLead', () => {
    it('takes a lead ID and a lead URL without any call', async () => {
      const {calls, ports} = leadPorts([])
      expect(await resolveLead(LEAD, ports)).to.deep.equal({id: LEAD, via: 'id'})
      expect(await resolveLead(`https://app.close.com/lead/${LEAD}/`, ports)).to.deep.equal({id: LEAD, via: 'url'})
      expect(calls).to.deep.equal({get: [], notified: [], picked: [], searches: []})
    })

    it('fetches the lead for an ID only when asked to verify', async () => {
      const {calls, ports} = leadPorts([])
      const resolved = await resolveLead(LEAD, ports, {verify: true})
      expect(resolved).to.deep.include({id: LEAD, name: 'Acme Anvil Co', via: 'id'})
      expect(calls.get).to.deep.equal([LEAD])
    })

    it('finds the lead of a contact or opportunity ID or URL with one get, no search', async () => {
      const {calls, ports} = leadPorts([])
      expect(await resolveLead(`https://app.close.com/contact/${CONTACT}/`, ports)).to.deep.equal({
        id: LEAD,
        via: 'url',
      })
      expect(await resolveLead(OPPO, ports)).to.deep.equal({id: LEAD, name: 'Acme Anvil Co', via: 'id'})
      expect(calls.get).to.deep.equal([CONTACT, OPPO])
      expect(calls.searches).to.deep.equal([])
      expect(calls.notified).to.deep.equal([
        `Using ${LEAD}, the lead of contact Martin Wind`,
        `Using Acme Anvil Co (${LEAD}), the lead of opportunity ${OPPO}`,
      ])
    })

    it('refuses IDs of kinds that do not lead to a lead (exit 2)', async () => {
      const {ports} = leadPorts([])
      const error = await failure(resolveLead('user_abcdefgh1234', ports))
      expect(error).to.be.instanceOf(UsageError)
      expect(error.message).to.equal('user_abcdefgh1234 in --lead is a user ID, but a lead is needed.')
      expect((await failure(resolveLead('task_abcdefgh1234', ports))).code).to.equal('wrong_id_kind')
    })

    it('follows a task ID to its lead when the port is given', async () => {
      const {ports} = leadPorts([], {getTask: async (id) => ({id, lead_id: LEAD2, lead_name: 'Acme'})})
      expect(await resolveLead('task_abcdefgh1234', ports)).to.deep.equal({id: LEAD2, name: 'Acme', via: 'id'})
    })

    it('refuses malformed IDs and empty references before any call (exit 2)', async () => {
      const {calls, ports} = leadPorts([])
      const malformed = await failure(resolveLead('lead_x', ports, {flag: 'LEAD'}))
      expect(malformed.exitCode).to.equal(2)
      expect(malformed.message).to.equal('"lead_x" in LEAD is not a lead reference: it is not a well-formed Close ID.')
      expect((await failure(resolveLead('  ', ports))).message).to.equal('--lead is empty.')
      expect(calls.searches).to.deep.equal([])
    })

    it('resolves @last from the port, and exit 5 when there is none', async () => {
      expect(await resolveLead('@last', leadPorts([]).ports)).to.deep.equal({id: LEAD2, via: 'last'})
      const error = await failure(resolveLead('@last', leadPorts([], {lastLeadId: async () => ''}).ports))
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error.exitCode).to.equal(5)
    })

    for (const [text, query] of [
      ['martin@acme.com', 'email_address:"martin@acme.com"'],
      ['+1 415 555 0100', 'phone_number:"+14155550100"'],
      ['www.acme.com', 'url:"acme.com" OR "acme.com"'],
      ['Martin Wind', '"Martin Wind"'],
    ]) {
      it(`searches once for "${text}" and uses the one match, named on stderr`, async () => {
        const {calls, ports} = leadPorts([acme])
        const resolved = await resolveLead(text, ports)
        expect(resolved).to.deep.include({id: LEAD, name: 'Acme Anvil Co'})
        expect(resolved.record).to.equal(acme)
        expect(calls.searches).to.deep.equal([[query, 10]])
        expect(calls.notified).to.deep.equal([`Using Acme Anvil Co (${LEAD})`])
      })
    }

    it('off a terminal, several matches are exit 2 listing the candidates, also as data', async () => {
      const {calls, ports} = leadPorts([acme, acmeCorp])
      const error = await failure(resolveLead('acm', ports))
      expect(error).to.be.instanceOf(AmbiguousReferenceError)
      expect(error.exitCode).to.equal(2)
      expect(error.code).to.equal('ambiguous_reference')
      expect(error.message).to.equal(
        ['"acm" in --lead matches 2 leads:', `  ${LEAD}  Acme Anvil Co`, `  ${LEAD2.padEnd(LEAD.length)}  Acme`].join(
          '\n',
        ),
      )
      const candidates = [
        {detail: 'Martin Wind · martin@acme.com · https://acme.com', id: LEAD, name: 'Acme Anvil Co'},
        {id: LEAD2, name: 'Acme'},
      ]
      expect((error as AmbiguousReferenceError).candidates).to.deep.equal(candidates)
      expect(error.toJSON().error.candidates).to.deep.equal(candidates)
      expect(calls.picked).to.deep.equal([])
    })

    it('says "at least" when the search hit the limit', async () => {
      const {ports} = leadPorts([acme, acmeCorp])
      const error = await failure(resolveLead('acm', ports, {limit: 2}))
      expect(error.message).to.match(/^"acm" in --lead matches at least 2 leads:/)
    })

    it('on a terminal, several matches go to the picker', async () => {
      const {calls, ports} = leadPorts([acme, acmeCorp], {interactive: true})
      const resolved = await resolveLead('acm', ports)
      expect(resolved).to.deep.include({id: LEAD2, name: 'Acme', record: acmeCorp, via: 'text'})
      expect(calls.picked.map((list) => list.map((candidate) => candidate.id))).to.deep.equal([[LEAD, LEAD2]])
    })

    it('prefers the one lead whose name is exactly what was typed', async () => {
      const {calls, ports} = leadPorts([acme, acmeCorp])
      expect(await resolveLead('ACME', ports)).to.deep.include({id: LEAD2, name: 'Acme'})
      expect(calls.notified).to.deep.equal([`Using Acme (${LEAD2})`])
    })

    it('no match is exit 5 naming what was typed', async () => {
      const error = await failure(resolveLead('Nobody', leadPorts([]).ports))
      expect(error).to.be.instanceOf(NotFoundError)
      expect(error.exitCode).to.equal(5)
      expect(error.message).to.equal('No lead matches "Nobody" (--lead).')
    })
  })

  describe('resolveContact', () => {
    const contacts = [
      {emails: [{email: 'martin@acme.com'}], id: CONTACT, name: 'Martin Wind', phones: [{phone: '+14155550100'}]},
      {emails: [{email: 'marta@acme.com'}], id: 'cont_bbbbbbbbbbbb', name: 'Marta Wind', title: 'CFO'},
      {emails: [], id: 'cont_cccccccccccc', name: 'Martin'},
    ]

    function contactPorts(interactive = false): {listed: string[]; ports: ContactPorts} {
      const listed: string[] = []
      const ports: ContactPorts = {
        interactive,
        async listContacts(leadId) {
          listed.push(leadId)
          return contacts
        },
        notify() {},
        pick: async (candidates) => candidates[0],
      }
      return {listed, ports}
    }

    it('takes an ID or URL without a call, and without a lead', async () => {
      const {listed, ports} = contactPorts()
      expect(await resolveContact(CONTACT, undefined, ports)).to.deep.equal({id: CONTACT})
      expect(await resolveContact(`https://app.close.com/contact/${CONTACT}/`, undefined, ports)).to.deep.equal({
        id: CONTACT,
      })
      expect(listed).to.deep.equal([])
    })

    it('finds by email, phone or name within the lead', async () => {
      const {listed, ports} = contactPorts()
      expect(await resolveContact('MARTA@acme.com', LEAD, ports)).to.deep.include({id: 'cont_bbbbbbbbbbbb'})
      expect(await resolveContact('(415) 555-0100', LEAD, ports)).to.deep.include({id: CONTACT})
      expect(await resolveContact('martin wind', LEAD, ports)).to.deep.include({id: CONTACT, name: 'Martin Wind'})
      expect(await resolveContact('Martin', LEAD, ports)).to.deep.include({id: 'cont_cccccccccccc'}) // exact name
      expect(listed).to.deep.equal([LEAD, LEAD, LEAD, LEAD])
    })

    it('several matches off a terminal: exit 2 with candidates; none: exit 5', async () => {
      const {ports} = contactPorts()
      const error = await failure(resolveContact('wind', LEAD, ports))
      expect(error).to.be.instanceOf(AmbiguousReferenceError)
      expect((error as AmbiguousReferenceError).candidates.map((c) => c.id)).to.deep.equal([
        CONTACT,
        'cont_bbbbbbbbbbbb',
      ])
      const none = await failure(resolveContact('zed@acme.com', LEAD, ports))
      expect(none.exitCode).to.equal(5)
      expect(none.message).to.equal(`No contact matches "zed@acme.com" on lead ${LEAD} (--contact).`)
    })

    it('a name without a lead, or an ID of another kind, is exit 2', async () => {
      const {ports} = contactPorts()
      expect((await failure(resolveContact('Martin', undefined, ports))).message).to.equal(
        'A contact given by name (--contact) needs the lead too.',
      )
      expect((await failure(resolveContact(LEAD, LEAD, ports))).message).to.equal(
        `${LEAD} in --contact is a lead ID, but a contact is needed.`,
      )
    })
  })

  describe('resolveUser', () => {
    const everyone = [
      {email: 'ann@org.com', first_name: 'Ann', id: 'user_aaaaaaaaaaaa', last_name: 'Lee'},
      {email: 'bo@org.com', first_name: 'Bo', id: 'user_bbbbbbbbbbbb', last_name: 'Leeds'},
    ]
    let listCalls = 0
    const ports: UserPorts = {
      interactive: false,
      async listUsers() {
        listCalls++
        return everyone
      },
      me: async () => everyone[1],
      notify() {},
      pick: async (candidates) => candidates[0],
    }

    beforeEach(() => {
      listCalls = 0
    })

    it('me, an ID (no call), an email, a name', async () => {
      expect(await resolveUser('me', ports)).to.deep.equal({id: 'user_bbbbbbbbbbbb', name: 'Bo Leeds'})
      expect(await resolveUser('user_cccccccccccc', ports)).to.deep.equal({id: 'user_cccccccccccc'})
      expect(listCalls).to.equal(0)
      expect(await resolveUser('ANN@org.com', ports)).to.deep.equal({id: 'user_aaaaaaaaaaaa', name: 'Ann Lee'})
      expect(await resolveUser('bo leeds', ports)).to.deep.include({id: 'user_bbbbbbbbbbbb'})
      expect(await resolveUser('lee', ports)).to.deep.include({id: 'user_aaaaaaaaaaaa'}) // exact last name
    })

    it('several: exit 2 with candidates; none: exit 5; wrong kind: exit 2', async () => {
      const several = await failure(resolveUser('le', ports, {flag: '--assignee'}))
      expect(several.message).to.match(/^"le" in --assignee matches 2 users:/)
      expect(several.toJSON().error.candidates).to.have.length(2)
      expect((await failure(resolveUser('Zed', ports))).exitCode).to.equal(5)
      expect((await failure(resolveUser(LEAD, ports))).code).to.equal('wrong_id_kind')
    })
  })

  describe('recordIdFrom and chooseRecord', () => {
    it('takes an opportunity ID or URL and refuses anything else', () => {
      expect(recordIdFrom(OPPO, 'opportunity', 'ID')).to.equal(OPPO)
      expect(recordIdFrom(`https://app.close.com/opportunity/${OPPO}/`, 'opportunity', 'ID')).to.equal(OPPO)
      expect(() => recordIdFrom(LEAD, 'opportunity', 'ID')).to.throw(
        UsageError,
        `${LEAD} in ID is a lead ID, but an opportunity is needed.`,
      )
      expect(() => recordIdFrom('big deal', 'task', 'ID')).to.throw(
        UsageError,
        '"big deal" in ID is not a task ID or URL.',
      )
    })

    it('picks on a terminal; off a terminal names the flag; nothing to pick is exit 5', async () => {
      const candidates = [{id: OPPO, name: 'Big deal'}]
      const ports = {interactive: true, notify() {}, pick: async (list: Candidate[]) => list[0]}
      expect(await chooseRecord(candidates, ports, {flag: 'ID', what: 'opportunity'})).to.equal(candidates[0])
      const offTty = await failure(chooseRecord(candidates, {...ports, interactive: false}, {flag: 'ID', what: 'x'}))
      expect(offTty.message).to.equal('Missing ID.')
      expect(offTty.exitCode).to.equal(2)
      expect((await failure(chooseRecord([], ports, {flag: 'ID', what: 'open opportunity'}))).exitCode).to.equal(5)
    })
  })
})
