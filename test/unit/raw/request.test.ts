import {expect} from 'chai'

import {ExitCode, UsageError} from '../../../src/errors.js'
import {
  buildRawRequest,
  isRetryable,
  parseHeader,
  parseMethod,
  parsePath,
  parseQueryParameter,
  type RawOptions,
  splitPositionals,
} from '../../../src/raw/request.js'

const files: Record<string, string> = {
  '-': '{"query": {"type": "and", "queries": []}}\n',
  'bad.json': '{"name": ',
  'blank.json': '  \n',
  'body.json': '{"name": "Acme", "url": "https://acme.com"}',
  'note.txt': 'plain text',
}
const sources = {
  readFile(path: string): string {
    if (!(path in files)) throw new UsageError(`Cannot read ${path}: no such file.`)
    return files[path]
  },
}

const build = (options: Partial<RawOptions> & {path: string}) => buildRawRequest(options, sources)

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

describe('raw request', () => {
  describe('splitPositionals', () => {
    it('takes METHOD PATH, or PATH alone', () => {
      expect(splitPositionals('post', '/lead/')).to.deep.equal({method: 'post', path: '/lead/'})
      expect(splitPositionals('/lead/')).to.deep.equal({path: '/lead/'})
    })

    it('names what is missing', () => {
      expect(usageMessage(() => splitPositionals())).to.equal('Missing PATH.')
      expect(usageMessage(() => splitPositionals('delete'))).to.equal('Missing PATH after DELETE.')
    })
  })

  describe('parseMethod', () => {
    it('upper-cases, accepts -X, and refuses disagreement or unknown methods', () => {
      expect(parseMethod('get')).to.equal('GET')
      expect(parseMethod(undefined, 'put')).to.equal('PUT')
      expect(parseMethod('PUT', 'put')).to.equal('PUT')
      expect(parseMethod()).to.equal(undefined)
      expect(usageMessage(() => parseMethod('GET', 'POST'))).to.equal('METHOD GET and -X POST disagree.')
      expect(usageMessage(() => parseMethod('FETCH'))).to.equal('METHOD "FETCH" is not an HTTP method Close uses.')
      expect(usageMessage(() => parseMethod(undefined, 'TRACE'))).to.equal(
        '-X "TRACE" is not an HTTP method Close uses.',
      )
    })
  })

  describe('parsePath', () => {
    it('accepts Close paths and splits a query string', () => {
      expect(parsePath('/lead/')).to.deep.equal({path: '/lead/', query: []})
      expect(parsePath('/lead/?_limit=5&query=a%20b')).to.deep.equal({
        path: '/lead/',
        query: [
          ['_limit', '5'],
          ['query', 'a b'],
        ],
      })
    })

    it('refuses paths that do not start with /, name a host, or climb with ..', () => {
      expect(usageMessage(() => parsePath('lead/'))).to.equal('PATH "lead/" must start with /.')
      expect(usageMessage(() => parsePath('https://api.close.com/api/v1/lead/'))).to.match(/must start with \//)
      expect(usageMessage(() => parsePath('//evil.example/x'))).to.equal(
        'PATH "//evil.example/x" must not name a host.',
      )
      expect(usageMessage(() => parsePath('/lead/../me/'))).to.equal('PATH "/lead/../me/" must not contain ...')
      expect(usageMessage(() => parsePath('/lead/%2e%2e/me/'))).to.match(/must not contain \.\./)
      expect(usageMessage(() => parsePath('/lead/ x/'))).to.match(/must not contain spaces/)
      expect(usageMessage(() => parsePath('/lead/%zz/'))).to.match(/malformed %-escape/)
    })
  })

  describe('parseQueryParameter and parseHeader', () => {
    it('splits k=v and "Name: value"', () => {
      expect(parseQueryParameter('query=a=b')).to.deep.equal(['query', 'a=b'])
      expect(parseQueryParameter('empty=')).to.deep.equal(['empty', ''])
      expect(parseHeader('Accept:  application/json ')).to.deep.equal(['Accept', 'application/json'])
      expect(parseHeader('X-Thing:a:b')).to.deep.equal(['X-Thing', 'a:b'])
    })

    it('refuses malformed ones', () => {
      expect(usageMessage(() => parseQueryParameter('nokey'))).to.equal('-q "nokey" is not key=value.')
      expect(usageMessage(() => parseQueryParameter('=v'))).to.equal('-q "=v" is not key=value.')
      expect(usageMessage(() => parseHeader('Accept application/json'))).to.equal(
        '-H "Accept application/json" is not a header.',
      )
      expect(usageMessage(() => parseHeader('Bad Name: x'))).to.match(/is not a header/)
    })
  })

  describe('buildRawRequest', () => {
    it('defaults to GET with no body', () => {
      expect(build({path: '/me/'})).to.deep.equal({headers: {}, method: 'GET', path: '/me/', query: []})
    })

    it('switches to POST with a JSON body once fields are given', () => {
      expect(build({path: '/lead/', rawFields: ['name=Acme'], typedFields: ['contacts[][name]=Jo']})).to.deep.equal({
        body: {contacts: [{name: 'Jo'}], name: 'Acme'},
        headers: {'Content-Type': 'application/json'},
        method: 'POST',
        path: '/lead/',
        query: [],
      })
    })

    it('puts fields into the query string for an explicit GET', () => {
      expect(
        build({method: 'GET', path: '/lead/?a=1', query: ['_limit=5'], typedFields: ['ids[]=1', 'ids[]=2']}),
      ).to.deep.equal({
        headers: {},
        method: 'GET',
        path: '/lead/',
        query: [
          ['a', '1'],
          ['_limit', '5'],
          ['ids', '1'],
          ['ids', '2'],
        ],
      })
      expect(usageMessage(() => build({methodFlag: 'GET', path: '/lead/', rawFields: ['a.b=1']}))).to.equal(
        'Field "a" is nested, and a query string cannot carry nested values.',
      )
    })

    it('sends --input as the body (POST by default) and moves fields into the query string', () => {
      expect(build({input: 'body.json', path: '/lead/', rawFields: ['_fields=id']})).to.deep.equal({
        body: {name: 'Acme', url: 'https://acme.com'},
        headers: {'Content-Type': 'application/json'},
        method: 'POST',
        path: '/lead/',
        query: [['_fields', 'id']],
      })
      expect(build({input: '-', method: 'POST', path: '/data/search/'}).body).to.deep.equal({
        query: {queries: [], type: 'and'},
      })
      expect(build({input: 'blank.json', method: 'PUT', path: '/lead/lead_x/'})).to.deep.equal({
        headers: {},
        method: 'PUT',
        path: '/lead/lead_x/',
        query: [],
      })
    })

    it('sends a non-JSON body verbatim when the Content-Type says so', () => {
      expect(build({headers: ['content-type: text/plain'], input: 'note.txt', path: '/x/'})).to.deep.equal({
        body: 'plain text',
        headers: {'content-type': 'text/plain'},
        method: 'POST',
        path: '/x/',
        query: [],
      })
    })

    it('refuses bad JSON in --input and a body on GET, with exit 2', () => {
      expect(usageMessage(() => build({input: 'bad.json', path: '/lead/'}))).to.match(
        /^--input \(bad\.json\) is not valid JSON: /,
      )
      expect(usageMessage(() => build({input: 'body.json', method: 'GET', path: '/lead/'}))).to.equal(
        'A GET request has no body, so --input cannot be used with it.',
      )
    })

    it('keeps the last of repeated headers, whatever their case', () => {
      expect(build({headers: ['Accept: a', 'accept: b', 'X-Y: z'], path: '/me/'}).headers).to.deep.equal({
        accept: 'b',
        'X-Y': 'z',
      })
    })
  })

  it('retries idempotent methods only', () => {
    expect(['GET', 'PUT', 'DELETE'].every((method) => isRetryable(method as 'GET'))).to.equal(true)
    expect(isRetryable('POST')).to.equal(false)
    expect(isRetryable('PATCH')).to.equal(false)
  })
})
