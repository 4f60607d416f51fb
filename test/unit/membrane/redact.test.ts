import {expect} from 'chai'

import {isSecretName, redact, redactArgs, redactArgvForDisplay} from '../../../src/membrane/redact.js'

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXBhcnQ'

describe('membrane/redact', () => {
  describe('text: every pattern of design §10', () => {
    const cases: Array<[string, string, string]> = [
      ['Authorization header', 'sent Authorization: Bearer abc123def456', 'sent Authorization: <redacted>'],
      ['Proxy-Authorization header', 'Proxy-Authorization: Basic dXNlcjpwYXNz', 'Proxy-Authorization: <redacted>'],
      ['X-Auth-Token header', 'x-auth-token: 0123456789', 'x-auth-token: <redacted>'],
      ['Cookie header', 'Cookie: session=abc; theme=dark', 'Cookie: <redacted>'],
      ['Set-Cookie header', 'Set-Cookie: sid=9f8e7d; HttpOnly', 'Set-Cookie: <redacted>'],
      ['bearer credential in prose', 'token was Bearer s3cr3tValue99 here', 'token was Bearer <redacted> here'],
      ['JWT anywhere', `failed for ${JWT} now`, 'failed for <redacted> now'],
      [
        'token field in quoted JSON',
        '{"access_token": "abc", "name": "x"}',
        '{"access_token": "<redacted>", "name": "x"}',
      ],
      ['secret field in quoted JSON', '{"client_secret":"zz"}', '{"client_secret":"<redacted>"}'],
      ['password field in quoted JSON', '{"password": "hunter2"}', '{"password": "<redacted>"}'],
      ['api key field in quoted JSON', '{"apiKey": 12345}', '{"apiKey": "<redacted>"}'],
      ['query parameter', 'GET /lead/?api_key=abc&_limit=5', 'GET /lead/?api_key=<redacted>&_limit=5'],
      [
        'token query parameter',
        'https://x.example/cb?code=1&access_token=zzz',
        'https://x.example/cb?code=1&access_token=<redacted>',
      ],
      ['--flag=value', '--password=hunter2 --name=x', '--password=<redacted> --name=x'],
      ['nested --query=name=value', '--query=secret_key=abc', '--query=secret_key=<redacted>'],
    ]
    for (const [name, input, expected] of cases) {
      it(name, () => {
        expect(redact(input)).to.equal(expected)
      })
    }

    it('leaves ordinary text alone (token expired, keys of records, the error key)', () => {
      for (const text of [
        'Access token expired and could not be refreshed',
        'Token expired.',
        'Basic authentication failed',
        '{"key": "not_found", "message": "Lead matching query does not exist."}',
        'GET /lead/?query=name:acme&_limit=5',
      ]) {
        expect(redact(text), text).to.equal(text)
      }
    })
  })

  describe('values', () => {
    it('members with a secret name are replaced whole, at any depth; the input is not changed', () => {
      const value = {
        body: {access_token: 'a', errors: [{refresh_token: 'b'}], message: `with ${JWT}`},
        headers: {accept: 'json', Authorization: 'Bearer x', cookie: 'c=1', 'X-Auth-Token': 'y'},
        key: 'not_found',
        status: 400,
      }
      expect(redact(value)).to.deep.equal({
        body: {access_token: '<redacted>', errors: [{refresh_token: '<redacted>'}], message: 'with <redacted>'},
        headers: {accept: 'json', Authorization: '<redacted>', cookie: '<redacted>', 'X-Auth-Token': '<redacted>'},
        key: 'not_found',
        status: 400,
      })
      expect(value.body.access_token).to.equal('a')
    })

    it('isSecretName', () => {
      for (const name of [
        'authorization',
        'Proxy-Authorization',
        'x-auth-token',
        'cookie',
        'api_key',
        'apiKey',
        'password',
        'clientSecret',
        'id_token',
        'session',
      ]) {
        expect(isSecretName(name), name).to.equal(true)
      }

      for (const name of ['key', 'name', 'author', 'status', 'connectionKey', 'integrationKey', 'display_name']) {
        expect(isSecretName(name), name).to.equal(false)
      }
    })
  })

  describe('redactArgs (debug lines, dry runs)', () => {
    it('hides inputs, bodies, act --api specs and the login code; scrubs secret headers and query parameters', () => {
      expect(
        redactArgs([
          'request',
          'conn',
          '/lead/',
          '--query=api_key=abc',
          '--query=_limit=5',
          '--header=Authorization: Bearer abc123def',
          '--header=Accept: application/json',
          '--data={"name":"Acme"}',
        ]),
      ).to.deep.equal([
        'request',
        'conn',
        '/lead/',
        '--query=api_key=<redacted>',
        '--query=_limit=5',
        '--header=Authorization: <redacted>',
        '--header=Accept: application/json',
        '--data=<redacted>',
      ])
      expect(
        redactArgs(['act', '--connectionId=c', '--api={"headers":{"Authorization":"x"}}', '--json']),
      ).to.deep.equal(['act', '--connectionId=c', '--api=<redacted>', '--json'])
      expect(redactArgs(['login', 'complete', 'the-code'])).to.deep.equal(['login', 'complete', '<redacted>'])
      expect(redactArgs(['action', 'run', 'id', '--input', '{"a":1}'])).to.deep.equal([
        'action',
        'run',
        'id',
        '--input',
        '<redacted>',
      ])
    })
  })

  describe('redactArgvForDisplay (raw --dry-run)', () => {
    it('shows bodies and act --api specs, with secret headers and fields scrubbed', () => {
      expect(
        redactArgvForDisplay([
          'act',
          '--connectionId=c',
          '--api={"method":"GET","path":"/me/","headers":{"Authorization":"Bearer abc123def","Accept":"json"}}',
          '--json',
        ]),
      ).to.deep.equal([
        'act',
        '--connectionId=c',
        '--api={"method":"GET","path":"/me/","headers":{"Authorization":"<redacted>","Accept":"json"}}',
        '--json',
      ])
      expect(
        redactArgvForDisplay(['request', 'c', '/lead/', '--header=X-Auth-Token: t', '--data={"name":"Acme"}']),
      ).to.deep.equal(['request', 'c', '/lead/', '--header=X-Auth-Token: <redacted>', '--data={"name":"Acme"}'])
    })
  })
})
