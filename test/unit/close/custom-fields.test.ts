import {expect} from 'chai'

import {
  customChanges,
  type CustomField,
  customLabels,
  customValue,
  fieldKeys,
  findField,
  whereTerms,
} from '../../../src/close/custom-fields.js'
import {UsageError} from '../../../src/errors.js'

const FIELDS: CustomField[] = [
  {choices: ['Software', 'Retail'], id: 'cf_ind', name: 'Industry', type: 'choices'},
  {id: 'cf_emp', name: 'Employees', type: 'number'},
  {id: 'cf_bday', name: 'Birthday', type: 'date'},
  {accepts_multiple_values: true, id: 'cf_tags', name: 'Tags', type: 'text'},
  {id: 'cf_src', name: 'Lead Source', type: 'text'},
]

function usage(run: () => unknown): UsageError {
  try {
    run()
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError)
    return error as UsageError
  }

  throw new Error('expected a UsageError')
}

describe('close/custom-fields', () => {
  it('finds a field by name (any case) or key', () => {
    expect(findField(FIELDS, 'lead source')?.id).to.equal('cf_src')
    expect(findField(FIELDS, 'cf_emp')?.id).to.equal('cf_emp')
    expect(findField(FIELDS, 'custom.cf_ind')?.id).to.equal('cf_ind')
    expect(findField(FIELDS, 'custom.Industry')?.id).to.equal('cf_ind')
    expect(findField(FIELDS, 'Colour')).to.equal(undefined)
  })

  it('checks values against type and choices', () => {
    expect(customValue(FIELDS[0], 'software', '--set')).to.equal('Software')
    expect(customValue(FIELDS[1], '1,200', '--set')).to.equal(1200)
    expect(customValue(FIELDS[2], '2028-02-29', '--set')).to.equal('2028-02-29')
    expect(customValue(FIELDS[4], 'Trade show', '--set')).to.equal('Trade show')
    expect(customValue(FIELDS[0], '', '--set')).to.equal(null)
    expect(usage(() => customValue(FIELDS[0], 'Mining', '--set')).message).to.equal(
      '--set Industry: "Mining" is not one of its choices.',
    )
    expect(usage(() => customValue(FIELDS[0], 'Mining', '--set')).hint).to.equal('Choices: Software, Retail.')
    expect(usage(() => customValue(FIELDS[1], '12x', '--set')).message).to.equal(
      '--set Employees: "12x" is not a number.',
    )
    for (const day of ['2026-02-29', '2026-02-30', '2026-13-01', '15/03/2026']) {
      expect(usage(() => customValue(FIELDS[2], day, '--set')).message).to.equal(
        `--set Birthday: "${day}" is not a date.`,
      )
    }
  })

  it('--set assignments → custom.cf_ keys; lists only for multi-value fields', () => {
    expect(customChanges(FIELDS, ['Industry=retail', 'employees=40', 'Lead Source='], 'lead')).to.deep.equal({
      'custom.cf_emp': 40,
      'custom.cf_ind': 'Retail',
      'custom.cf_src': null,
    })
    expect(customChanges(FIELDS, ['Tags=a', 'Tags=b=c'], 'lead')).to.deep.equal({'custom.cf_tags': ['a', 'b=c']})
    expect(usage(() => customChanges(FIELDS, ['Industry=Retail', 'Industry=Software'], 'lead')).message).to.equal(
      '--set Industry is given twice, but it holds one value.',
    )
    const unknown = usage(() => customChanges(FIELDS, ['Colour=red'], 'lead'))
    expect(unknown.message).to.equal('--set "Colour" is not a lead custom field.')
    expect(unknown.hint).to.equal('Fields: Industry, Employees, Birthday, Tags, Lead Source (see `close fields lead`).')
    expect(usage(() => customChanges(FIELDS, ['Industry'], 'lead')).message).to.equal(
      '--set "Industry" is not NAME=VALUE.',
    )
    expect(usage(() => customChanges(FIELDS, ['=x'], 'lead')).message).to.equal('--set "=x" is not NAME=VALUE.')
  })

  it('--where → quoted lead search terms, values checked', () => {
    expect(whereTerms(FIELDS, ['Industry=software', 'Lead Source=Say "hi"'])).to.deep.equal([
      'custom.cf_ind:"Software"',
      String.raw`custom.cf_src:"Say \"hi\""`,
    ])
    expect(usage(() => whereTerms(FIELDS, ['Industry='])).message).to.equal('--where "Industry=" has no value.')
    expect(usage(() => whereTerms(FIELDS, ['Employees=lots'])).message).to.equal(
      '--where Employees: "lots" is not a number.',
    )
  })

  it('labels and --fields names', () => {
    expect(customLabels(FIELDS.slice(0, 2))).to.deep.equal({'custom.cf_emp': 'Employees', 'custom.cf_ind': 'Industry'})
    expect(fieldKeys(FIELDS, ['id', 'Industry', 'lead source', 'cf_emp', 'custom.cf_x'])).to.deep.equal([
      'id',
      'custom.cf_ind',
      'custom.cf_src',
      'custom.cf_emp',
      'custom.cf_x',
    ])
  })
})
