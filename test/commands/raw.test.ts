/**
 * `close raw` end to end against the sandbox (300 demo leads).
 */
import {expect} from 'chai'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome} from '../helpers/run-command.js'

type Lead = Record<string, unknown> & {contacts: Array<Record<string, unknown>>; id: string; name: string}

const debugCalls = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('[debug] membrane request'))

describe('raw (sandbox)', () => {
  const home = new CommandHome()
  const close = (args: string[], input?: string) => home.run([...args, '--sandbox'], {}, input)

  after(() => home.remove())

  it('GET is the default method: the body is printed as compact JSON when piped', async () => {
    const result = await close(['raw', '/me/'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.equal('')
    expect(result.stdout.trim().split('\n')).to.have.length(1)
    expect(JSON.parse(result.stdout)).to.include({first_name: 'Jordan'})
  })

  it('-q adds query parameters, also after a ? in the path; the raw Close page is printed as is', async () => {
    const result = await close(['raw', 'GET', '/lead/?_limit=2', '-q', '_fields=id,display_name'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const page = JSON.parse(result.stdout) as {data: Array<Record<string, unknown>>; has_more: boolean}
    expect(page.has_more).to.equal(true)
    expect(page.data).to.have.length(2)
    expect(Object.keys(page.data[0]).sort()).to.deep.equal(['display_name', 'id'])
  })

  it('-f/-F fields become a JSON body and the method POST; nested and typed fields arrive as typed', async () => {
    const created = await close([
      'raw',
      '/lead/',
      '-f',
      'name=Raw Fields Inc',
      '-F',
      'contacts[][name]=Jo Raw',
      '-F',
      'contacts[][emails][][email]=jo@rawfields.example',
      '-f',
      'addresses[][city]=Lyon',
      '-F',
      'addresses[][country]=FR',
    ])
    expect(created.exitCode, created.stderr).to.equal(0)
    const lead = JSON.parse(created.stdout) as Lead
    expect(lead.id).to.match(/^lead_/)
    expect(lead.name).to.equal('Raw Fields Inc')
    expect(lead.contacts.map((c) => c.name)).to.deep.equal(['Jo Raw'])
    expect((lead.contacts[0].emails as Array<{email: string}>)[0].email).to.equal('jo@rawfields.example')

    const fetched = await close(['raw', 'GET', `/lead/${lead.id}/`, '-q', '_fields=name,addresses'])
    expect(fetched.exitCode, fetched.stderr).to.equal(0)
    const again = JSON.parse(fetched.stdout) as {addresses: Array<{city: string}>; name: string}
    expect(again.name).to.equal('Raw Fields Inc')
    expect(again.addresses[0].city).to.equal('Lyon')
  })

  it('--input - sends stdin as the body; -F key=@file reads a file; PUT updates', async () => {
    const {id} = JSON.parse((await close(['raw', 'POST', '/lead/', '-f', 'name=Stdin Co'])).stdout) as Lead
    const put = await close(['raw', 'PUT', `/lead/${id}/`, '--input', '-'], '{"description": "From stdin"}\n')
    expect(put.exitCode, put.stderr).to.equal(0)
    expect(JSON.parse(put.stdout)).to.include({description: 'From stdin', id})

    const file = join(home.dir, 'note.txt')
    writeFileSync(file, 'Line one\nLine two')
    const fromFile = await close(['raw', '-X', 'PUT', `/lead/${id}/`, '-F', `description=@${file}`])
    expect(fromFile.exitCode, fromFile.stderr).to.equal(0)
    expect(JSON.parse(fromFile.stdout)).to.include({description: 'Line one\nLine two'})
  })

  it('piped stdin is never taken for a missing METHOD or PATH', async () => {
    const result = await close(['raw', '/me/'], '/lead/\n')
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.include({first_name: 'Jordan'})
  })

  it('--input FILE sends the file as the body (POST by default)', async () => {
    const file = join(home.dir, 'lead.json')
    writeFileSync(file, JSON.stringify({contacts: [{name: 'Ann File'}], name: 'File Body Ltd'}))
    const result = await close(['raw', '/lead/', '--input', file])
    expect(result.exitCode, result.stderr).to.equal(0)
    const lead = JSON.parse(result.stdout) as Lead
    expect(lead.name).to.equal('File Body Ltd')
    expect(lead.contacts[0].name).to.equal('Ann File')
  })

  it('-i prints the status line (and any headers) before the body', async () => {
    const result = await close(['raw', '/me/', '-i'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.match(/^HTTP 200 OK\n/)
    const body = result.stdout.slice(result.stdout.indexOf('\n\n') + 2)
    expect(JSON.parse(body)).to.include({first_name: 'Jordan'})
  })

  it('--paginate follows _skip/has_more across pages into one JSON array, one Membrane call per page', async () => {
    const result = await close(['raw', '/lead/', '--paginate', '-q', '_limit=120', '-q', '_fields=id', '--debug'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const leads = JSON.parse(result.stdout) as Array<{id: string}>
    const total = leads.length
    expect(total).to.be.at.least(300)
    expect(new Set(leads.map((lead) => lead.id)).size).to.equal(total)
    const calls = debugCalls(result.stderr)
    expect(calls).to.have.length(Math.ceil(total / 120))
    expect(calls[0]).to.contain('--query=_limit=120 --query=_fields=id →')
    expect(calls[1]).to.contain('--query=_limit=120 --query=_fields=id --query=_skip=120 →')
    expect(result.stdout.endsWith(']\n')).to.equal(true)
  })

  it('--paginate -o ndjson prints one record per line and asks for 200 per page unless _limit is given', async () => {
    const result = await close([
      'raw',
      'GET',
      '/lead/',
      '--paginate',
      '-o',
      'ndjson',
      '-q',
      '_fields=id,name',
      '--debug',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines.length).to.be.at.least(300)
    expect(Object.keys(JSON.parse(lines[0])).sort()).to.deep.equal(['id', 'name'])
    const calls = debugCalls(result.stderr)
    expect(calls).to.have.length(Math.ceil(lines.length / 200))
    expect(calls[0]).to.contain('--query=_limit=200')
  })

  it('--paginate on something that is not a list prints it once', async () => {
    const result = await close(['raw', '/me/', '--paginate'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.include({first_name: 'Jordan'})
  })

  it('a 404 exits 5 with Close’s body on stderr and nothing on stdout', async () => {
    const result = await close(['raw', '/lead/lead_0000000000000000000000/'])
    expect(result.exitCode).to.equal(5)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.equal(
      '{"error":"Empty query: Lead matching query does not exist."}\n' +
        'Error: Empty query: Lead matching query does not exist.\n  Check the ID or the path.\n',
    )
  })

  it('a 404 on a path without the trailing slash says so', async () => {
    const result = await close(['raw', '/lead/lead_0000000000000000000000'])
    expect(result.exitCode).to.equal(5)
    expect(result.stderr).to.contain("Close's paths end with a slash: try /lead/lead_0000000000000000000000/.")
  })

  it('a 400 exits 3 with the field errors on stderr; -i adds the status line there', async () => {
    const result = await close(['raw', 'POST', '/task/', '-f', 'text=No lead given', '-i'])
    expect(result.exitCode).to.equal(3)
    expect(result.stdout).to.equal('')
    const [status, blank, body, ...rest] = result.stderr.split('\n')
    expect([status, blank]).to.deep.equal(['HTTP 400 Bad Request', ''])
    expect(JSON.parse(body)).to.have.property('field-errors').that.has.property('lead')
    expect(rest[0]).to.match(/^Error: Close rejected the request: lead: /)
  })

  it('--json adds the error object with Close’s status and body', async () => {
    const result = await close(['raw', '/lead/lead_0000000000000000000000/', '--json'])
    expect(result.exitCode).to.equal(5)
    const envelope = JSON.parse(result.stderr.trimEnd().split('\n').at(-1)!) as {
      error: {body: unknown; exitCode: number; status: number}
    }
    expect(envelope.error).to.include({exitCode: 5, status: 404})
    expect(envelope.error.body).to.deep.equal({error: 'Empty query: Lead matching query does not exist.'})
  })

  it('GET is retried after a 500; POST never is', async () => {
    const faults = join(home.sandboxDir, 'faults.json')
    writeFileSync(faults, '["500"]\n')
    const get = await close(['raw', '/me/', '--debug'])
    expect(get.exitCode, get.stderr).to.equal(0)
    expect(debugCalls(get.stderr)).to.have.length(2)
    expect(JSON.parse(get.stdout)).to.include({first_name: 'Jordan'})

    writeFileSync(faults, '["500", "500"]\n')
    const post = await close(['raw', 'POST', '/lead/', '-f', 'name=Never Twice', '--debug'])
    expect(post.exitCode).to.equal(3)
    expect(post.stdout).to.equal('')
    expect(debugCalls(post.stderr)).to.have.length(1)
    expect(post.stderr).to.contain('{"error":"Internal Server Error"}\n')
    expect(JSON.parse(readFileSync(faults, 'utf8'))).to.deep.equal(['500'])
    writeFileSync(faults, '[]\n')
  })

  it('refuses bad paths, methods, fields and formats with exit 2 before spawning anything', async () => {
    const cases: Array<[string[], string]> = [
      [['raw', 'lead/'], 'Error: PATH "lead/" must start with /.'],
      [['raw', 'GET', '/lead/../me/'], 'Error: PATH "/lead/../me/" must not contain ...'],
      [['raw', 'GET', '/me/', '-X', 'POST'], 'Error: METHOD GET and -X POST disagree.'],
      [['raw', '/lead/', '-f', 'name'], 'Error: -f "name" is not key=value.'],
      [['raw', '/me/', '-o', 'csv'], 'Error: raw prints JSON, so -o csv does not apply.'],
      [['raw', '/lead/', '--input', 'missing.json'], 'Error: Cannot read missing.json: no such file.'],
    ]
    for (const [args, message] of cases) {
      const result = await close([...args, '--debug'])
      expect(result.exitCode, args.join(' ')).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr.split('\n')[0], args.join(' ')).to.equal(message)
      expect(result.stderr).not.to.contain('[debug]')
    }
  })

  it('bad JSON from stdin exits 2 naming stdin', async () => {
    const result = await close(['raw', 'POST', '/lead/', '--input', '-', '--debug'], '{"name": ')
    expect(result.exitCode).to.equal(2)
    expect(result.stderr).to.match(/^Error: --input \(stdin\) is not valid JSON: /)
    expect(result.stderr).not.to.contain('[debug]')
  })

  it('--dry-run prints the request and the Membrane command, and sends nothing', async () => {
    const result = await close([
      'raw',
      'POST',
      '/lead/',
      '-f',
      'name=Dry Run Co',
      '-H',
      'X-Trace: 1',
      '--dry-run',
      '--debug',
    ])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.equal('')
    const lines = result.stdout.split('\n')
    expect(lines.slice(0, 8)).to.deep.equal([
      'POST /lead/',
      '  header  X-Trace: 1',
      '  header  Content-Type: application/json',
      '  body',
      '    {',
      '      "name": "Dry Run Co"',
      '    }',
      '  retry   never (not idempotent)',
    ])
    expect(lines[9]).to.equal('Would run:')
    expect(lines[10]).to.match(
      /membrane-sandbox\.js request 6650c105e5a4d0b0c1a55e01 \/lead\/ --method=POST '--header=X-Trace: 1' '--header=Content-Type: application\/json' '--data={"name":"Dry Run Co"}'$/,
    )
    const search = await close(['raw', '/lead/', '-q', 'query="Dry Run Co"', '-q', '_fields=id'])
    expect(search.exitCode, search.stderr).to.equal(0)
    expect(JSON.parse(search.stdout)).to.deep.include({data: []})
  })
})
