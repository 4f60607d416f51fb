import {expect} from 'chai'

import {REPLACEMENT as R, sanitize, sanitizeDeep, sanitizeLines} from '../../../src/output/sanitize.js'

const ESC = '\u001B'
const BEL = '\u0007'

describe('output/sanitize', () => {
  describe('sanitize', () => {
    const cases: Array<[string, string, string]> = [
      ['plain ASCII', 'Acme Anvil Co', 'Acme Anvil Co'],
      ['accents, CJK and emoji', 'Café 東京 🚀', 'Café 東京 🚀'],
      ['SGR colour', `${ESC}[31mRed${ESC}[0m Co`, 'Red Co'],
      ['clear screen', `${ESC}[2JAcme`, 'Acme'],
      ['cursor movement', `Acme${ESC}[1A${ESC}[2K${ESC}[10;20H Co`, 'Acme Co'],
      ['private-mode CSI', `${ESC}[?1049hAcme`, 'Acme'],
      ['C1 CSI', '\u009B31mAcme', 'Acme'],
      ['OSC title ended by BEL', `${ESC}]0;pwned${BEL}Acme`, 'Acme'],
      ['OSC hyperlink ended by ST', `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
      ['OSC 52 clipboard write', `${ESC}]52;c;cm0gLXJmIH4=${BEL}x`, 'x'],
      ['C1 OSC ended by C1 ST', '\u009D0;t\u009CAcme', 'Acme'],
      ['unterminated OSC swallows the rest', `Acme${ESC}]0;title`, 'Acme'],
      ['DCS string', `${ESC}Pq#0;2;0;0;0${ESC}\\Acme`, 'Acme'],
      ['APC string', `${ESC}_payload${ESC}\\Acme`, 'Acme'],
      ['two-character escape (RIS)', `${ESC}cAcme`, 'Acme'],
      ['charset designation', `${ESC}(BAcme`, 'Acme'],
      ['lone ESC at the end', `Acme${ESC}`, 'Acme'],
      ['BEL', `Acme${BEL}Co`, `Acme${R}Co`],
      ['backspace', 'Acme\bX', `Acme${R}X`],
      ['NUL', 'Acme\u0000Co', `Acme${R}Co`],
      ['DEL', 'Acme\u007FCo', `Acme${R}Co`],
      ['C1 NEL (a line break)', 'Acme\u0085Co', 'Acme Co'],
      ['other C1 control', 'Acme\u0084Co', `Acme${R}Co`],
      ['CR (overwrites the line)', 'Acme\rEvil', 'Acme Evil'],
      ['CRLF', 'Acme\r\nCo', 'Acme Co'],
      ['LF', 'Acme\nCo', 'Acme Co'],
      ['tab', 'Acme\tCo', 'Acme Co'],
      ['vertical tab and form feed', 'A\vB\fC', 'A B C'],
      ['line and paragraph separators', 'A\u2028B\u2029C', 'A B C'],
      ['RLO (right-to-left override)', 'invoice\u202Efdp.exe', `invoice${R}fdp.exe`],
      ['LRO and PDF', '\u202DAcme\u202C', `${R}Acme${R}`],
      ['LRE and RLE', '\u202AA\u202BB', `${R}A${R}B`],
      ['isolates LRI RLI FSI PDI', '\u2066a\u2067b\u2068c\u2069', `${R}a${R}b${R}c${R}`],
      ['LRM and RLM are kept', 'שלום\u200F Acme\u200E', 'שלום\u200F Acme\u200E'],
      ['mixed', `${ESC}]0;x${BEL}${ESC}[2J\rLead\u202E name`, ` Lead${R} name`],
    ]

    for (const [name, input, expected] of cases) {
      it(name, () => {
        expect(sanitize(input)).to.equal(expected)
      })
    }

    it('leaves nothing a terminal would act on, whatever the input', () => {
      let all = ''
      for (let c = 0; c < 0xa0; c++) all += String.fromCodePoint(c) + 'x'
      const out = sanitize(all + '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069')
      // eslint-disable-next-line no-control-regex
      expect(out).to.not.match(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)
    })

    it('returns the same string when nothing needs replacing', () => {
      const text = 'Acme Anvil Co — Café'
      expect(sanitize(text)).to.equal(text)
    })
  })

  describe('sanitizeLines', () => {
    it('keeps line breaks, turns CR and CRLF into line breaks and tabs into spaces', () => {
      expect(sanitizeLines('one\r\ntwo\rthree\n\tfour')).to.deep.equal(['one', 'two', 'three', '    four'])
    })

    it('removes escape sequences and replaces controls on each line', () => {
      expect(sanitizeLines(`${ESC}[2Jone${BEL}\nt\u202Ewo`)).to.deep.equal([`one${R}`, `t${R}wo`])
    })

    it('splits clean text on LF only', () => {
      expect(sanitizeLines('a\nb')).to.deep.equal(['a', 'b'])
    })
  })

  describe('sanitizeDeep', () => {
    it('sanitizes every string in nested objects and arrays, keeping other values', () => {
      const input = {a: `x${ESC}[2J`, b: [1, 'y\u202E', null], c: {d: true, e: 'z\r'}}
      expect(sanitizeDeep(input)).to.deep.equal({a: 'x', b: [1, `y${R}`, null], c: {d: true, e: 'z '}})
      expect(input.a).to.equal(`x${ESC}[2J`)
    })
  })
})
