import {expect} from 'chai'

import {parseArgs} from '../../../src/sandbox/membrane/args.js'
import {MembraneError} from '../../../src/sandbox/membrane/errors.js'
import {CONNECTION_ID, makeSandbox, type Sandbox} from './helpers.js'

describe('sandbox membrane: argv parser', () => {
  it('booleans never swallow the next positional', () => {
    const args = parseArgs(['action', 'run', '--json', 'list-leads', '--input', '{"a":-1}'])
    expect(args.positionals).to.deep.equal(['action', 'run', 'list-leads'])
    expect(args.flags.get('json')).to.deep.equal(['true'])
    expect(args.flags.get('input')).to.deep.equal(['{"a":-1}'])
  })

  it('short forms -X, -H, -d, repeatable flags and --', () => {
    const args = parseArgs([
      'request',
      'c',
      '-XPUT',
      '-H',
      'A: 1',
      '--header=B: 2',
      '-d',
      '{}',
      '--query=a=b',
      '--',
      '--x',
    ])
    expect(args.flags.get('method')).to.deep.equal(['PUT'])
    expect(args.flags.get('header')).to.deep.equal(['A: 1', 'B: 2'])
    expect(args.flags.get('data')).to.deep.equal(['{}'])
    expect(args.flags.get('query')).to.deep.equal(['a=b'])
    expect(args.positionals).to.deep.equal(['request', 'c', '--x'])
  })

  it('rejects unknown options and values on booleans', () => {
    expect(() => parseArgs(['--nope'])).to.throw(MembraneError, "unknown option '--nope'")
    expect(() => parseArgs(['-Z'])).to.throw(MembraneError, "unknown option '-Z'")
    expect(() => parseArgs(['--json=yes'])).to.throw(MembraneError, "option '--json' takes no value")
  })

  describe('through main()', () => {
    let sandbox: Sandbox

    beforeEach(async () => {
      sandbox = await makeSandbox()
    })

    afterEach(async () => {
      await sandbox.cleanup()
    })

    it('refuses an unknown option', async () => {
      const run = await sandbox.run(['connection', 'list', '--jsn'])
      expect(run).to.include({exitCode: 1, stderr: "Error: unknown option '--jsn'\n", stdout: ''})
    })

    it('takes flags and positionals in any order, --flag=value and --flag value', async () => {
      const a = await sandbox.run(['--json', 'connection', 'get', CONNECTION_ID])
      const b = await sandbox.run(['connection', '--json', 'get', CONNECTION_ID])
      const c = await sandbox.run(['action', 'list', '--limit', '2', '--json', '--connectionId', CONNECTION_ID])
      const d = await sandbox.run(['action', 'list', `--connectionId=${CONNECTION_ID}`, '--limit=2', '--json'])
      expect(a.exitCode).to.equal(0)
      expect(b.stdout).to.equal(a.stdout)
      expect((a.json() as {id: string}).id).to.equal(CONNECTION_ID)
      expect(c.exitCode).to.equal(0)
      expect(c.stdout).to.equal(d.stdout)
      expect((c.json() as {items: unknown[]}).items).to.have.length(2)
    })

    it('a non-boolean flag without a value is an error', async () => {
      const run = await sandbox.run(['action', 'list', '--json', '--connectionId'])
      expect(run.exitCode).to.equal(1)
      expect(run.json()).to.deep.equal({message: "option '--connectionId' argument missing", type: 'bad_request'})
    })
  })
})
