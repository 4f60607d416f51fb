import {expect} from 'chai'

import {extractJson, findUrl, firstLines, stripAnsi} from '../../../src/membrane/parse-output.js'

describe('membrane/parse-output', () => {
  describe('extractJson', () => {
    it('parses a whole JSON document', () => {
      expect(extractJson('{"items": [1, 2]}\n')).to.deep.equal({found: true, value: {items: [1, 2]}})
      expect(extractJson('[{"id": "a"}]')).to.deep.equal({found: true, value: [{id: 'a'}]})
    })

    it('finds the JSON between update notices, DEPRECATED warnings and spinner lines', () => {
      const text = [
        '\u001B[33m›\u001B[39m Update available 1.18.3 → 1.19.0',
        'DEPRECATED: flag order {see docs}',
        '{',
        String.raw`  "output": {"text": "a } and a { and a \" quote"}`,
        '}',
        '⠋ Done [1/1]',
        '',
      ].join('\n')
      expect(extractJson(text)).to.deep.equal({found: true, value: {output: {text: 'a } and a { and a " quote'}}})
    })

    it('takes the last complete top-level value when there are several', () => {
      expect(extractJson('{"progress": 1}\nnotice\n{"done": true}\n')).to.deep.equal({found: true, value: {done: true}})
      expect(extractJson('log [1, 2]\n{"a": {"b": [3]}}\ntrailing')).to.deep.equal({found: true, value: {a: {b: [3]}}})
    })

    it('ignores brackets in text that are not JSON', () => {
      expect(extractJson('[WARN] something {odd}\n[{"id": "x"}]')).to.deep.equal({found: true, value: [{id: 'x'}]})
    })

    it('reports no JSON for plain text, HTML and an empty output', () => {
      expect(extractJson('Welcome!\n<html><body>502</body></html>')).to.deep.equal({found: false})
      expect(extractJson('')).to.deep.equal({found: false})
      expect(extractJson('  \n')).to.deep.equal({found: false})
      expect(extractJson('{"unterminated": ')).to.deep.equal({found: false})
    })

    it('accepts a whole-text JSON scalar', () => {
      expect(extractJson('true')).to.deep.equal({found: true, value: true})
      expect(extractJson('null\n')).to.deep.equal({found: true, value: null})
    })
  })

  describe('findUrl', () => {
    it('returns the first http(s) URL without trailing punctuation', () => {
      expect(findUrl('Open (https://ui.getmembrane.com/login?a=1&b=2).\nor http://x.example')).to.equal(
        'https://ui.getmembrane.com/login?a=1&b=2',
      )
      expect(findUrl('\u001B[4mhttps://a.example/x\u001B[24m')).to.equal('https://a.example/x')
      expect(findUrl('no link here')).to.equal(undefined)
    })
  })

  describe('firstLines / stripAnsi', () => {
    it('keeps the first meaningful lines and drops stack frames', () => {
      expect(firstLines('Error: boom\n    at foo (x.js:1:1)\n\nsecond\nthird\nfourth')).to.equal(
        'Error: boom second third',
      )
    })

    it('strips colour codes', () => {
      expect(stripAnsi('\u001B[31mred\u001B[0m')).to.equal('red')
    })
  })
})
