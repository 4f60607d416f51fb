import {expect} from 'chai'

import {distance, suggestCommand, suggestFlag, unknownFlagHint} from '../../../src/hooks/suggest.js'

const IDS = [
  'leads',
  'leads:list',
  'leads:get',
  'leads:ls',
  'leads:create',
  'tasks',
  'tasks:list',
  'tasks:done',
  'opps',
  'opps:list',
  'login',
  'login:complete',
  'logout',
  'status',
  'raw',
]

describe('hooks/suggest', () => {
  describe('distance', () => {
    it('counts edits, a swap of neighbours as one', () => {
      expect(distance('status', 'status')).to.equal(0)
      expect(distance('stauts', 'status')).to.equal(1)
      expect(distance('lead', 'leads')).to.equal(1)
      expect(distance('', 'abc')).to.equal(3)
      expect(distance('kitten', 'sitting')).to.equal(3)
    })
  })

  describe('suggestCommand', () => {
    const cases: Array<[string[], string | undefined]> = [
      [['lead', 'list'], 'leads list'],
      [['leads', 'lst'], 'leads list'],
      [['lead'], 'leads'],
      [['leads', 'gte'], 'leads get'],
      [['taks', 'done'], 'tasks done'],
      [['stauts'], 'status'],
      [['logni'], 'login'],
      [['loign', 'complete'], 'login complete'],
      [['xyzzy'], undefined],
      [['leads', 'frobnicate'], 'leads'],
      [[], undefined],
    ]
    for (const [typed, expected] of cases) {
      it(`${typed.join(' ') || '(nothing)'} → ${expected}`, () => {
        expect(suggestCommand(typed, IDS)).to.equal(expected)
      })
    }
  })

  describe('suggestFlag', () => {
    const known = ['status', 'limit', 'all', 'json', 'color', 'no-color', 'connection', 'fields']
    const cases: Array<[string, string | undefined]> = [
      ['--stauts', '--status'],
      ['--statsu=Active', '--status'],
      ['--limt', '--limit'],
      ['--jsno', '--json'],
      ['--no-colr', '--no-color'],
      ['--conection', '--connection'],
      ['--feilds', '--fields'],
      ['--zzzzzz', undefined],
      ['-x', undefined],
    ]
    for (const [unknown, expected] of cases) {
      it(`${unknown} → ${expected}`, () => {
        expect(suggestFlag(unknown, known)).to.equal(expected)
      })
    }
  })

  describe('unknownFlagHint', () => {
    it('reads oclif NonExistentFlagsError: unknown flags and the flag definitions', () => {
      const error = Object.assign(new Error('Nonexistent flag: --stauts'), {
        flags: ['--stauts'],
        parse: {input: {flags: {color: {allowNo: true}, limit: {}, status: {}}}},
      })
      expect(unknownFlagHint(error)).to.equal('Did you mean --status?')
    })

    it('offers --no-… for flags that allow it, and joins several', () => {
      const error = Object.assign(new Error('Nonexistent flags'), {
        flags: ['--no-colour', '--limt'],
        parse: {input: {flags: {color: {allowNo: true}, limit: {}}}},
      })
      expect(unknownFlagHint(error)).to.equal('Did you mean --no-color or --limit?')
    })

    it('is undefined for other errors and when nothing is close', () => {
      expect(unknownFlagHint(new Error('x'))).to.equal(undefined)
      expect(unknownFlagHint(null)).to.equal(undefined)
      const error = Object.assign(new Error('n'), {flags: ['--qqqqqq'], parse: {input: {flags: {status: {}}}}})
      expect(unknownFlagHint(error)).to.equal(undefined)
    })
  })
})
