import {expect} from 'chai'

import {formatBody, formatDryRun, formatStatus, RecordStream, shellQuote} from '../../../src/raw/output.js'

async function streamed(mode: 'compact' | 'ndjson' | 'pretty', pages: unknown[][]): Promise<string> {
  let text = ''
  const stream = new RecordStream((chunk) => {
    text += chunk
  }, mode)
  for (const page of pages) await stream.page(page)
  await stream.end()
  return text
}

describe('raw output', () => {
  it('prints JSON pretty or compact, and text as is, ending in a newline', () => {
    expect(formatBody({a: [1]}, true)).to.equal('{\n  "a": [\n    1\n  ]\n}\n')
    expect(formatBody({a: [1]}, false)).to.equal('{"a":[1]}\n')
    expect(formatBody('plain', true)).to.equal('plain\n')
    expect(formatBody('', true)).to.equal('')
    expect(formatBody(undefined, true)).to.equal('')
    expect(formatBody(null, false)).to.equal('null\n')
  })

  it('shows the status line and headers like gh api -i', () => {
    expect(formatStatus(200, {'content-type': 'application/json'})).to.equal(
      'HTTP 200 OK\ncontent-type: application/json\n\n',
    )
    expect(formatStatus(404, {})).to.equal('HTTP 404 Not Found\n\n')
  })

  it('streams pages into one JSON array identical to JSON.stringify of all records', async () => {
    const pages = [[{id: 1, tags: ['a']}, {id: 2}], [], [{id: 3, nested: {x: null}}]]
    const all = pages.flat()
    expect(await streamed('pretty', pages)).to.equal(`${JSON.stringify(all, null, 2)}\n`)
    expect(await streamed('compact', pages)).to.equal(`${JSON.stringify(all)}\n`)
    expect(await streamed('ndjson', pages)).to.equal(all.map((r) => `${JSON.stringify(r)}\n`).join(''))
    expect(await streamed('pretty', [])).to.equal('[]\n')
    expect(await streamed('compact', [[]])).to.equal('[]\n')
    expect(await streamed('ndjson', [])).to.equal('')
  })

  it('quotes argv for display only where a shell needs it', () => {
    expect(shellQuote('--method=GET')).to.equal('--method=GET')
    expect(shellQuote('--header=Accept: x')).to.equal("'--header=Accept: x'")
    expect(shellQuote(`--data={"a":"it's"}`)).to.equal(`'--data={"a":"it'\\''s"}'`)
  })

  it('describes a dry run: request, retry rule, then the command', () => {
    const text = formatDryRun(
      {
        body: {name: 'Acme'},
        headers: {'Content-Type': 'application/json'},
        method: 'POST',
        path: '/lead/',
        query: [['a', '1']],
      },
      ['membrane', 'request', 'conn1', '/lead/', '--method=POST', '--data={"name":"Acme"}'],
      {retry: false},
    )
    expect(text).to.equal(
      [
        'POST /lead/',
        '  query   a=1',
        '  header  Content-Type: application/json',
        '  body',
        '    {',
        '      "name": "Acme"',
        '    }',
        '  retry   never (not idempotent)',
        '',
        'Would run:',
        `  membrane request conn1 /lead/ --method=POST '--data={"name":"Acme"}'`,
        '',
      ].join('\n'),
    )
  })
})
