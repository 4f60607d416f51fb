import {expect} from 'chai'

import {UsageError} from '../../../src/errors.js'
import {getField, parseFields, pickFields, validFields} from '../../../src/output/fields.js'
import {bluestem, leadView, oppView} from './helpers.js'

function usageError(fn: () => unknown): UsageError {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError)
    return error as UsageError
  }

  throw new Error('expected a UsageError')
}

describe('output/fields', () => {
  describe('parseFields', () => {
    it('is undefined when the flag is absent', () => {
      expect(parseFields(undefined, leadView)).to.equal(undefined)
    })

    it('keeps known fields, curated column keys, custom fields and dotted paths, in order', () => {
      expect(
        parseFields(' id, display_name ,addresses.0.city,custom.cf_4rT9x2,emails.0.email,addresses.1.zipcode', {
          ...leadView,
          fields: [...leadView.fields, 'emails'],
        }),
      ).to.deep.equal([
        'id',
        'display_name',
        'addresses.0.city',
        'custom.cf_4rT9x2',
        'emails.0.email',
        'addresses.1.zipcode',
      ])
    })

    it('drops blanks and duplicates', () => {
      expect(parseFields('id,,id,value', oppView)).to.deep.equal(['id', 'value'])
    })

    it('refuses an empty value with exit 2 and lists the valid fields', () => {
      const error = usageError(() => parseFields('', oppView))
      expect(error.exitCode).to.equal(2)
      expect(error.message).to.match(/^--fields is empty\. Valid fields for opportunities: id, organization_id, /)
      expect(error.message).to.contain(', value, value_period, value_currency, ')
      expect(error.message).to.match(/, custom\.cf_<id>$/)
      expect(error.hint).to.equal(
        'Pass a comma-separated list, e.g. --fields id,lead_name; dotted paths such as addresses.0.city reach inside a field.',
      )
      expect(usageError(() => parseFields(' , ', oppView)).message).to.match(/^--fields is empty\./)
    })

    it('refuses unknown fields, naming them, suggesting the nearest and listing the valid ones', () => {
      const error = usageError(() => parseFields('id,stauts_label', leadView))
      expect(error.exitCode).to.equal(2)
      expect(error.code).to.equal('invalid_fields')
      expect(error.message).to.match(
        /^Unknown field "stauts_label"\. Did you mean "status_label"\? Valid fields for leads: id, organization_id, .*, addresses\.0\.city, custom\.cf_<id>$/,
      )
      expect(error.toJSON().error).to.include({code: 'invalid_fields', exitCode: 2})
      expect(error.toJSON().error.unknownFields).to.deep.equal(['stauts_label'])

      const several = usageError(() => parseFields('bogus,value,custom.nope,emails.0', oppView))
      expect(several.message).to.match(
        /^Unknown fields "bogus", "custom\.nope", "emails\.0"\. Valid fields for opportunities: /,
      )
    })

    it('refuses custom.cf_ with no id and a path with no tail', () => {
      expect(usageError(() => parseFields('custom.cf_', leadView)).message).to.match(/^Unknown field "custom\.cf_"\./)
      expect(usageError(() => parseFields('addresses.', leadView)).message).to.match(/^Unknown field "addresses\."\./)
    })

    it('lists known fields and then curated column keys once each', () => {
      const valid = validFields(leadView)
      expect(valid.at(-1)).to.equal('addresses.0.city')
      expect(new Set(valid).size).to.equal(valid.length)
    })
  })

  describe('getField', () => {
    it('reads literal keys first (custom fields contain a dot), then dotted paths', () => {
      expect(getField(bluestem, 'custom.cf_4rT9x2VbQmLk8sWz1nYpAe')).to.equal('Enterprise')
      expect(getField(bluestem, 'addresses.0.city')).to.equal('Denver')
      expect(getField(bluestem, 'contacts.0.emails.0.email')).to.equal('priya.raman@bluestem.example')
      expect(getField({'custom.cf_multi': ['a', 'b']}, 'custom.cf_multi.1')).to.equal('b')
      expect(getField({a: {b: 2}, 'a.b': 1}, 'a.b')).to.equal(1)
    })

    it('is undefined for anything missing', () => {
      expect(getField(bluestem, 'addresses.3.city')).to.equal(undefined)
      expect(getField(bluestem, 'nope.deeper')).to.equal(undefined)
      expect(getField(null, 'id')).to.equal(undefined)
    })
  })

  it('pickFields keeps exactly the fields asked for, in order, missing ones as null', () => {
    const picked = pickFields(bluestem, ['status_label', 'id', 'addresses.0.city', 'custom.cf_missing'])
    expect(Object.keys(picked)).to.deep.equal(['status_label', 'id', 'addresses.0.city', 'custom.cf_missing'])
    expect(picked).to.deep.equal({
      'addresses.0.city': 'Denver',
      'custom.cf_missing': null,
      id: 'lead_YBEldzFN1XdtXNMPqAXiuF',
      status_label: 'Potential',
    })
  })
})
