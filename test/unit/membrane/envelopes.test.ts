import {expect} from 'chai'

import {RemoteError} from '../../../src/errors.js'
import {
  findList,
  normalizePage,
  proxyAnswer,
  recordOf,
  runOutput,
  unwrapRecord,
} from '../../../src/membrane/envelopes.js'

const LEAD = {display_name: 'Acme', id: 'lead_1'}

describe('membrane/envelopes: every shape of reference §5', () => {
  describe('list pages', () => {
    const cases: Array<[string, unknown, {cursor?: string; hasMore: boolean; records: unknown[]; total?: number}]> = [
      ['bare array', [LEAD], {hasMore: false, records: [LEAD]}],
      ['{items, cursor}', {cursor: 'c2', items: [LEAD]}, {cursor: 'c2', hasMore: false, records: [LEAD]}],
      [
        '{data, has_more, total_results}',
        {data: [LEAD], has_more: true, total_results: 9},
        {hasMore: true, records: [LEAD], total: 9},
      ],
      [
        '{records, cursor: null}',
        {cursor: null, records: [{id: 'lead_1', rawFields: LEAD}]},
        {hasMore: false, records: [LEAD]},
      ],
      ['{results}', {results: [LEAD]}, {hasMore: false, records: [LEAD]}],
      ['{output: {records}}', {actionRunId: 'r', output: {records: [LEAD]}}, {hasMore: false, records: [LEAD]}],
    ]
    for (const [name, value, expected] of cases) {
      it(name, () => {
        expect(normalizePage(value)).to.deep.equal(expected)
      })
    }

    it('anything else is bad_output (exit 3), never an empty list', () => {
      for (const value of [{email: 'a@b.example', type: 'office'}, null, 'text', {id: 'lead_1'}]) {
        expect(() => normalizePage(value), JSON.stringify(value)).to.throw(RemoteError, /not a list page/)
      }

      expect(findList({nothing: 1})).to.equal(undefined)
    })
  })

  describe('records', () => {
    it('{record}, {rawFields}, {data}, {id, name, fields} and plain objects', () => {
      expect(unwrapRecord({record: {id: 'x', rawFields: LEAD}})).to.deep.equal(LEAD)
      expect(unwrapRecord({data: LEAD})).to.deep.equal(LEAD)
      expect(unwrapRecord({fields: {status: 'Open'}, id: 'lead_1', name: 'Acme'})).to.deep.equal({
        id: 'lead_1',
        status: 'Open',
      })
      expect(unwrapRecord(LEAD)).to.deep.equal(LEAD)
    })

    it('recordOf needs an id with the right prefix', () => {
      expect(recordOf({output: undefined, record: {rawFields: LEAD}}, 'lead_')).to.deep.equal(LEAD)
      for (const value of [{email: 'a@b.example'}, {id: 'cont_1'}, 'lead_1', null]) {
        expect(() => recordOf(value, 'lead_', 'lead'), JSON.stringify(value)).to.throw(RemoteError, /lead_… id/)
      }
    })

    it('runOutput unwraps {output, actionRunId} only', () => {
      expect(runOutput({actionRunId: 'r', output: LEAD})).to.deep.equal(LEAD)
      expect(runOutput({other: 2, output: 1})).to.deep.equal({other: 2, output: 1})
    })
  })

  describe('proxy answers', () => {
    const cases: Array<[string, unknown, {body: unknown; headers: Record<string, string>; status: number}]> = [
      ['bare body', LEAD, {body: LEAD, headers: {}, status: 200}],
      [
        '{status, headers, data}',
        {data: LEAD, headers: {A: 1}, status: 201},
        {body: LEAD, headers: {a: '1'}, status: 201},
      ],
      [
        '{status, headers, body: object}',
        {body: LEAD, headers: {}, status: 200},
        {body: LEAD, headers: {}, status: 200},
      ],
      [
        '{status, headers, body: JSON string}',
        {body: JSON.stringify(LEAD), headers: {}, status: 200},
        {body: LEAD, headers: {}, status: 200},
      ],
      ['{status, body: non-JSON text}', {body: 'OK', status: 200}, {body: 'OK', headers: {}, status: 200}],
      [
        'act --api {output: wrapped}',
        {actionRunId: 'r', output: {data: LEAD, headers: {}, status: 200}},
        {body: LEAD, headers: {}, status: 200},
      ],
      ['act --api {output: body}', {output: LEAD}, {body: LEAD, headers: {}, status: 200}],
    ]
    for (const [name, value, expected] of cases) {
      it(name, () => {
        expect(proxyAnswer(value)).to.deep.equal(expected)
      })
    }
  })
})
