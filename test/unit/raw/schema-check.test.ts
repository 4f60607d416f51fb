import {expect} from 'chai'

import type {JsonSchema} from '../../../src/membrane/types.js'

import {checkSchema, describeSchema} from '../../../src/close/schema-check.js'

const createLead: JsonSchema = {
  properties: {
    addresses: {items: {properties: {city: {type: 'string'}}, type: 'object'}, type: 'array'},
    contacts: {
      items: {
        properties: {
          emails: {items: {properties: {email: {type: 'string'}}, required: ['email'], type: 'object'}, type: 'array'},
        },
        type: 'object',
      },
      type: 'array',
    },
    name: {type: 'string'},
  },
  required: ['name'],
  type: 'object',
}
const listLeads: JsonSchema = {
  properties: {
    cursor: {type: 'string'},
    limit: {maximum: 200, minimum: 1, type: 'integer'},
    period: {enum: ['one_time', 'monthly'], type: 'string'},
    when: {type: ['string', 'null']},
  },
  type: 'object',
}

const messages = (value: unknown, schema: JsonSchema) => checkSchema(value, schema).map((problem) => problem.message)

describe('action input schema check', () => {
  it('accepts input that fits, extra properties included', () => {
    expect(checkSchema({extra: 1, name: 'Acme'}, createLead)).to.deep.equal([])
    expect(checkSchema({limit: 5, when: null}, listLeads)).to.deep.equal([])
    expect(checkSchema({anything: true})).to.deep.equal([])
    expect(checkSchema({}, {})).to.deep.equal([])
  })

  it('names a missing required property', () => {
    expect(checkSchema({}, createLead)).to.deep.equal([{message: '"name" is required.', path: 'name'}])
  })

  it('names the property of the wrong type, with what was given', () => {
    expect(messages({name: 42}, createLead)).to.deep.equal(['"name" must be a string, not a number (42).'])
    expect(messages({limit: '5'}, listLeads)).to.deep.equal(['"limit" must be a whole number, not a string ("5").'])
    expect(messages({limit: 2.5}, listLeads)).to.deep.equal(['"limit" must be a whole number, not a number (2.5).'])
    expect(messages({when: 3}, listLeads)).to.deep.equal(['"when" must be a string or null, not a number (3).'])
    expect(messages([1], createLead)).to.deep.equal(['The input must be an object, not a list ([1]).'])
  })

  it('follows nested objects and lists, naming the path', () => {
    expect(
      messages({addresses: [{city: 'Paris'}, {city: 75}], contacts: [{emails: [{}]}], name: 'A'}, createLead),
    ).to.deep.equal([
      '"addresses[1].city" must be a string, not a number (75).',
      '"contacts[0].emails[0].email" is required.',
    ])
    expect(messages({addresses: {city: 'Paris'}, name: 'A'}, createLead)).to.deep.equal([
      '"addresses" must be a list, not an object ({"city":"Paris"}).',
    ])
  })

  it('checks enum, minimum and maximum', () => {
    expect(messages({limit: 0, period: 'weekly'}, listLeads)).to.deep.equal([
      '"limit" must be at least 1, not 0.',
      '"period" must be one of "one_time", "monthly", not "weekly".',
    ])
    expect(messages({limit: 201}, listLeads)).to.deep.equal(['"limit" must be at most 200, not 201.'])
  })

  it('describes the top-level properties, required first', () => {
    expect(describeSchema(createLead)).to.deep.equal([
      'name (string, required)',
      'addresses (array)',
      'contacts (array)',
    ])
    expect(describeSchema(listLeads)).to.deep.equal([
      'cursor (string)',
      'limit (integer)',
      'period (string)',
      'when (string|null)',
    ])
    expect(describeSchema()).to.deep.equal([])
  })
})
