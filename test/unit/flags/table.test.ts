import {expect} from 'chai'

import {LEAD_FIELD_FLAGS, LEAD_TABLE, LEAD_UPDATE_FLAGS, leadFlags} from '../../../src/flags/leads.js'
import {OPPORTUNITY_FIELD_FLAGS, opportunityFlags} from '../../../src/flags/opportunities.js'
import {changeFlags, fieldFlags, hasChanges, tableFlags} from '../../../src/flags/table.js'

describe('flags/table: one table per resource, everything else derived', () => {
  const table = [
    {description: {create: 'Name.', update: 'New name.'}, fields: ['name'], name: 'name'},
    {description: 'Tag (repeatable).', fields: ['tags', 'name'], multiple: true, name: 'tag'},
    {description: 'Score.', fields: ['score'], integer: {max: 9, min: 0}, name: 'score'},
  ] as const

  it('builds the oclif flags with the wording of each verb', () => {
    const create = tableFlags(table, 'create')
    expect(create.name.description).to.equal('Name.')
    expect(tableFlags(table, 'update').name.description).to.equal('New name.')
    expect(create.tag.multiple).to.equal(true)
    expect(create.score.type).to.equal('option')
  })

  it('lists the flags that change something in table order, and maps fields to flags', () => {
    expect(changeFlags(table)).to.deep.equal(['--name', '--tag', '--score'])
    expect(fieldFlags(table)).to.deep.equal({name: '--name/--tag', score: '--score', tags: '--tag'})
  })

  it('knows whether anything was given (an empty list is nothing)', () => {
    expect(hasChanges(table, {})).to.equal(false)
    expect(hasChanges(table, {tag: []})).to.equal(false)
    expect(hasChanges(table, {tag: ['a']})).to.equal(true)
    expect(hasChanges(table, {score: 0})).to.equal(true)
  })

  it('gives the lead flags, their order and the field → flag map of today', () => {
    expect(LEAD_TABLE).to.have.length(16)
    expect(LEAD_UPDATE_FLAGS).to.deep.equal([
      '--name',
      '--status',
      '--url',
      '--description',
      '--contact',
      '--contact-name',
      '--contact-email',
      '--contact-phone',
      '--address-1',
      '--address-2',
      '--city',
      '--state',
      '--zip',
      '--country',
      '--custom',
      '--set',
    ])
    expect(LEAD_FIELD_FLAGS.addresses).to.equal('--address-1/--address-2/--city/--state/--zip/--country')
    expect(LEAD_FIELD_FLAGS['contacts.email']).to.equal('--contact/--contact-email')
    expect(LEAD_FIELD_FLAGS.status_label).to.equal('--status')
    expect(leadFlags('update').contact.description).to.match(/^Add a contact/)
    expect(leadFlags('create').name.char).to.equal('n')
  })

  it('gives the opportunity flags and field map', () => {
    expect(Object.keys(opportunityFlags)).to.deep.equal([
      'confidence',
      'lead',
      'note',
      'period',
      'status',
      'user',
      'value',
    ])
    expect(OPPORTUNITY_FIELD_FLAGS).to.deep.equal({
      confidence: '--confidence',
      lead: '--lead',
      lead_id: '--lead',
      note: '--note',
      status: '--status',
      status_id: '--status',
      user: '--user',
      user_id: '--user',
      value: '--value',
      value_period: '--period',
    })
  })
})
