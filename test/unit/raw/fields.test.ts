import {expect} from 'chai'

import {ExitCode, UsageError} from '../../../src/errors.js'
import {buildFields, parseKey, typedValue} from '../../../src/raw/fields.js'

const files: Record<string, string> = {'-': 'from stdin\n', 'note.txt': 'Line one\nLine two\n'}
const sources = {
  readFile(path: string): string {
    if (!(path in files)) throw new UsageError(`Cannot read ${path}: no such file.`)
    return files[path]
  },
}

function usageMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError)
    expect((error as UsageError).exitCode).to.equal(ExitCode.Usage)
    return (error as Error).message
  }

  throw new Error('expected a UsageError')
}

describe('raw fields', () => {
  describe('parseKey', () => {
    it('reads plain, dotted, bracketed and append segments', () => {
      expect(parseKey('name')).to.deep.equal([{name: 'name'}])
      expect(parseKey('address.city')).to.deep.equal([{name: 'address'}, {name: 'city'}])
      expect(parseKey('address[city]')).to.deep.equal([{name: 'address'}, {name: 'city'}])
      expect(parseKey('contacts[][emails][][email]')).to.deep.equal([
        {name: 'contacts'},
        {append: true},
        {name: 'emails'},
        {append: true},
        {name: 'email'},
      ])
    })

    it('keeps custom.cf_… keys flat, as Close names custom fields', () => {
      expect(parseKey('custom.cf_abc123')).to.deep.equal([{name: 'custom.cf_abc123'}])
    })

    it('refuses malformed keys, naming the flag and the key', () => {
      expect(usageMessage(() => parseKey('', '-f'))).to.equal('-f "": a field name must start with a name.')
      expect(usageMessage(() => parseKey('a..b', '-F'))).to.match(/^-F "a\.\.b": cannot read "\.\.b"/)
      expect(usageMessage(() => parseKey('a[b', '-f'))).to.match(/^-f "a\[b": cannot read "\[b"/)
      expect(usageMessage(() => parseKey('.a'))).to.match(/must start with a name/)
    })
  })

  describe('typedValue', () => {
    it('converts true, false, null and numbers', () => {
      expect(typedValue('true', sources)).to.equal(true)
      expect(typedValue('false', sources)).to.equal(false)
      expect(typedValue('null', sources)).to.equal(null)
      expect(typedValue('42', sources)).to.equal(42)
      expect(typedValue('-7', sources)).to.equal(-7)
      expect(typedValue('0', sources)).to.equal(0)
      expect(typedValue('12.5', sources)).to.equal(12.5)
      expect(typedValue('1e3', sources)).to.equal(1000)
    })

    it('keeps text that only looks like a number as a string', () => {
      expect(typedValue('02134', sources)).to.equal('02134') // a zip code
      expect(typedValue('12345678901234567890', sources)).to.equal('12345678901234567890') // too big to keep exactly
      expect(typedValue('1.', sources)).to.equal('1.')
      expect(typedValue('True', sources)).to.equal('True')
      expect(typedValue('Acme', sources)).to.equal('Acme')
      expect(typedValue('', sources)).to.equal('')
    })

    it('reads @file and @- as text, and leaves a lone @ alone', () => {
      expect(typedValue('@note.txt', sources)).to.equal('Line one\nLine two\n')
      expect(typedValue('@-', sources)).to.equal('from stdin\n')
      expect(typedValue('@', sources)).to.equal('@')
      expect(usageMessage(() => typedValue('@missing.txt', sources))).to.equal('Cannot read missing.txt: no such file.')
    })
  })

  describe('buildFields', () => {
    it('sends -f values as strings and -F values typed', () => {
      expect(buildFields(['name=Acme', 'count=3'], ['value=3', 'won=true', 'note=null'], sources)).to.deep.equal({
        count: '3',
        name: 'Acme',
        note: null,
        value: 3,
        won: true,
      })
    })

    it('splits on the first = only', () => {
      expect(buildFields(['query=status:"A=B"'], [], sources)).to.deep.equal({query: 'status:"A=B"'})
      expect(buildFields(['empty='], [], sources)).to.deep.equal({empty: ''})
    })

    it('nests a.b and a[b], and builds lists with a[]', () => {
      expect(
        buildFields(['address.city=Paris', 'address[zipcode]=75001', 'tags[]=a', 'tags[]=b'], [], sources),
      ).to.deep.equal({address: {city: 'Paris', zipcode: '75001'}, tags: ['a', 'b']})
    })

    it('builds lists of objects with a[][b], starting a new object when a key repeats', () => {
      expect(
        buildFields(
          ['contacts[][name]=Jo', 'contacts[][title]=CEO', 'contacts[][name]=Al'],
          ['contacts[][emails][][email]=al@acme.com'],
          sources,
        ),
      ).to.deep.equal({
        contacts: [
          {name: 'Jo', title: 'CEO'},
          {emails: [{email: 'al@acme.com'}], name: 'Al'},
        ],
      })
    })

    it('makes an empty list from key[] without a value', () => {
      expect(buildFields(['tags[]'], [], sources)).to.deep.equal({tags: []})
      expect(buildFields(['tags[]=a', 'tags[]'], [], sources)).to.deep.equal({tags: ['a']})
    })

    it('keeps custom fields flat', () => {
      expect(buildFields(['custom.cf_x=Gold'], ['custom.cf_y=5'], sources)).to.deep.equal({
        'custom.cf_x': 'Gold',
        'custom.cf_y': 5,
      })
    })

    it('applies -f before -F (as gh does), so a later typed value wins', () => {
      expect(buildFields(['n=1'], ['n=2'], sources)).to.deep.equal({n: 2})
    })

    it('refuses a field that is not key=value', () => {
      expect(usageMessage(() => buildFields(['name'], [], sources))).to.equal('-f "name" is not key=value.')
      expect(usageMessage(() => buildFields([], ['=3'], sources))).to.match(/^-F "": a field name must start/)
    })

    it('refuses a key that is both a value and an object or list', () => {
      expect(usageMessage(() => buildFields(['a=1', 'a.b=2'], [], sources))).to.equal(
        'Field "a.b" conflicts with an earlier field: "a" is already a value.',
      )
      expect(usageMessage(() => buildFields(['a.b=2', 'a=1'], [], sources))).to.equal(
        'Field "a" conflicts with an earlier field: "a" is already an object.',
      )
      expect(usageMessage(() => buildFields(['a[]=1', 'a.b=2'], [], sources))).to.equal(
        'Field "a.b" conflicts with an earlier field: "a" is already a list.',
      )
      expect(usageMessage(() => buildFields(['a=1', 'a[]'], [], sources))).to.match(/"a" is already a value/)
    })
  })
})
