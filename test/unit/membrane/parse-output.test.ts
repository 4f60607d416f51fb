import {expect} from 'chai'

import {extractJson, findUrl, firstLines, stripAnsi} from '../../../src/membrane/parse-output.js'

/** Objects and arrays alternating, `levels` deep in all. */
function nested(levels: number): string {
  return `${'{"a":['.repeat(levels / 2)}1${']}'.repeat(levels / 2)}`
}

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
      expect(extractJson('{"unterminated": ')).to.deep.equal({found: false, problem: 'truncated'})
    })

    it('accepts a whole-text JSON scalar', () => {
      expect(extractJson('true')).to.deep.equal({found: true, value: true})
      expect(extractJson('null\n')).to.deep.equal({found: true, value: null})
    })
  })

  describe('extractJson: only a complete document counts', () => {
    const doc = JSON.stringify(
      {cursor: 'c2', items: [{contacts: [{emails: [{email: 'jo@acme.example', type: 'office'}]}], id: 'lead_1'}]},
      null,
      2,
    )
    const cases: Array<[string, string]> = [
      ['cut inside a nested object', doc.slice(0, doc.indexOf('"type"'))],
      ['cut after an inner object closed', doc.slice(0, doc.indexOf('}') + 1)],
      ['cut just before the last bracket', doc.slice(0, -1)],
      ['cut with notices before it', `Update available 1.19.0\nDEPRECATED {x}\n${doc.slice(0, 40)}`],
      ['cut on one line after a prefix', 'Result: {"items": [{"id": "lead_1"}, {"id": "le'],
    ]
    for (const [name, text] of cases) {
      it(`a document ${name} is truncated, never an inner object`, () => {
        expect(extractJson(text)).to.deep.equal({found: false, problem: 'truncated'})
      })
    }

    it('the whole document with noise lines around it is found', () => {
      const found = extractJson(`Update available\n${doc}\n⠋ Done [1/1]\n`)
      expect(found).to.deep.equal({found: true, value: JSON.parse(doc)})
    })

    it('nesting deeper than the cap is too_deep (nothing walks it)', () => {
      expect(extractJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).to.deep.equal({
        found: false,
        problem: 'too_deep',
      })
      expect(extractJson(`${'['.repeat(200)}${']'.repeat(200)}`).found).to.equal(true)
    })

    it('the cap is 256 levels, alone on stdout or among noise lines, arrays and objects alike', () => {
      for (const text of [nested(256), `Update available\n${nested(256)}\n`])
        expect(extractJson(text).found, text.slice(0, 30)).to.equal(true)
      for (const text of [nested(258), `Update available\n${nested(258)}\n`, `${'['.repeat(257)}${']'.repeat(257)}`])
        expect(extractJson(text), text.slice(0, 30)).to.deep.equal({found: false, problem: 'too_deep'})
    })

    it('a document with ANSI colour around it is found', () => {
      expect(extractJson('\u001B[32m{"ok":true}\u001B[0m\n')).to.deep.equal({found: true, value: {ok: true}})
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
