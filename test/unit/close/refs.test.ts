import {expect} from 'chai'

import {classifyRef, leadSearchQuery, quote} from '../../../src/close/refs.js'

const LEAD = 'lead_ibiNeZe7yE0ZoJZQUKm0Eymg0nxDH2xb5fHg8IzBsAm'
const CONTACT = 'cont_2sYKRjcrA79yKxi3S4Crd7'
const OPPO = 'oppo_8x7Yb2k9QwErTyUi0pLm'

describe('close/refs', () => {
  describe('classifyRef', () => {
    it('reads IDs by their prefix', () => {
      expect(classifyRef(LEAD)).to.deep.equal({id: LEAD, kind: 'id', object: 'lead', text: LEAD})
      expect(classifyRef(` ${CONTACT} `)).to.deep.include({id: CONTACT, kind: 'id', object: 'contact'})
      expect(classifyRef(OPPO)).to.deep.include({kind: 'id', object: 'opportunity'})
      expect(classifyRef('task_abcdefgh1234')).to.deep.include({kind: 'id', object: 'task'})
      expect(classifyRef('user_abcdefgh1234')).to.deep.include({kind: 'id', object: 'user'})
    })

    it('marks malformed and unknown IDs instead of searching for them', () => {
      expect(classifyRef('lead_abc')).to.deep.include({kind: 'malformed', reason: 'it is not a well-formed Close ID'})
      expect(classifyRef('lead_abc/../x')).to.deep.include({kind: 'malformed'})
      expect(classifyRef('stat_abcdefgh1234')).to.deep.include({
        kind: 'malformed',
        reason: '"stat_" is not a kind of ID this command knows',
      })
    })

    it('reads pasted Close URLs of leads, contacts and opportunities', () => {
      expect(classifyRef(`https://app.close.com/lead/${LEAD}/`)).to.deep.include({
        id: LEAD,
        kind: 'url',
        object: 'lead',
      })
      expect(classifyRef(`https://app.close.com/lead/${LEAD}/#activity`)).to.deep.include({id: LEAD, object: 'lead'})
      expect(classifyRef(`https://app.close.io/lead/${LEAD}/?tab=tasks`)).to.deep.include({id: LEAD, object: 'lead'})
      expect(classifyRef(`app.close.com/lead/${LEAD}`)).to.deep.include({id: LEAD, kind: 'url'})
      expect(classifyRef(`https://app.close.com/contact/${CONTACT}/`)).to.deep.include({
        id: CONTACT,
        kind: 'url',
        object: 'contact',
      })
      expect(classifyRef(`https://app.close.com/opportunity/${OPPO}/`)).to.deep.include({object: 'opportunity'})
      expect(classifyRef(`https://app.close.com/opportunities/${OPPO}/`)).to.deep.include({id: OPPO})
      // A lead page with a contact open: the lead wins.
      expect(classifyRef(`https://app.close.com/lead/${LEAD}/contact/${CONTACT}/`)).to.deep.include({id: LEAD})
    })

    it('marks a Close URL that names no record', () => {
      expect(classifyRef('https://app.close.com/leads/')).to.deep.include({
        kind: 'malformed',
        reason: 'this Close URL does not point at a lead, contact or opportunity',
      })
      expect(classifyRef('ftp://files.acme/x')).to.deep.include({kind: 'malformed'})
    })

    it('reads emails', () => {
      expect(classifyRef('Jane@Acme.com')).to.deep.equal({email: 'jane@acme.com', kind: 'email', text: 'Jane@Acme.com'})
      expect(classifyRef('mailto:jane@acme.com')).to.deep.include({email: 'jane@acme.com', kind: 'email'})
    })

    it('reads phone numbers in E.164 and loose forms', () => {
      expect(classifyRef('+14155550100')).to.deep.include({kind: 'phone', phone: '+14155550100'})
      expect(classifyRef('+1 (415) 555-0100')).to.deep.include({kind: 'phone', phone: '+14155550100'})
      expect(classifyRef('415.555.0100')).to.deep.include({kind: 'phone', phone: '4155550100'})
      expect(classifyRef('555 0100 22')).to.deep.include({kind: 'phone', phone: '555010022'})
    })

    it('does not take short numbers or dates for phones', () => {
      expect(classifyRef('2026')).to.deep.include({kind: 'text'})
      expect(classifyRef('2026-11-25')).to.deep.include({kind: 'text'})
      expect(classifyRef('3M')).to.deep.include({kind: 'text'})
    })

    it('reads websites and domains', () => {
      expect(classifyRef('acme.com')).to.deep.include({domain: 'acme.com', kind: 'domain'})
      expect(classifyRef('www.Acme.co.uk')).to.deep.include({domain: 'acme.co.uk', kind: 'domain'})
      expect(classifyRef('https://www.acme.com/about?x=1')).to.deep.include({domain: 'acme.com', kind: 'domain'})
      expect(classifyRef('acme.com/pricing')).to.deep.include({domain: 'acme.com', kind: 'domain'})
    })

    it('reads @last, an empty reference and free text', () => {
      expect(classifyRef('@last')).to.deep.equal({kind: 'last', text: '@last'})
      expect(classifyRef('@LAST')).to.deep.include({kind: 'last'})
      expect(classifyRef('   ')).to.deep.equal({kind: 'empty', text: ''})
      expect(classifyRef('Martin  Wind')).to.deep.equal({kind: 'text', name: 'Martin Wind', text: 'Martin  Wind'})
      expect(classifyRef('Acme Inc.')).to.deep.include({kind: 'text'})
      expect(classifyRef('@lastly')).to.deep.include({kind: 'text'})
    })
  })

  describe('leadSearchQuery', () => {
    it('builds one Close lead search per searchable kind', () => {
      expect(leadSearchQuery(classifyRef('jane@acme.com'))).to.equal('email_address:"jane@acme.com"')
      expect(leadSearchQuery(classifyRef('+1 415 555 0100'))).to.equal('phone_number:"+14155550100"')
      expect(leadSearchQuery(classifyRef('https://acme.com'))).to.equal('url:"acme.com" OR "acme.com"')
      expect(leadSearchQuery(classifyRef('Martin Wind'))).to.equal('"Martin Wind"')
    })

    it('quotes text so it cannot become search syntax', () => {
      expect(leadSearchQuery(classifyRef('status:"Won" OR x'))).to.equal(String.raw`"status:\"Won\" OR x"`)
      expect(quote(String.raw`a\b`)).to.equal(String.raw`"a\\b"`)
    })

    it('needs no search for IDs, URLs and @last', () => {
      expect(leadSearchQuery(classifyRef(LEAD))).to.equal(undefined)
      expect(leadSearchQuery(classifyRef(`https://app.close.com/lead/${LEAD}/`))).to.equal(undefined)
      expect(leadSearchQuery(classifyRef('@last'))).to.equal(undefined)
      expect(leadSearchQuery(classifyRef(''))).to.equal(undefined)
    })
  })
})
