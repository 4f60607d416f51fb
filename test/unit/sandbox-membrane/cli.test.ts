import {expect} from 'chai'
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {assertBuilt, BIN, makeSandbox, type Sandbox} from './helpers.js'

describe('sandbox membrane: executable, argv and errors', () => {
  let sandbox: Sandbox

  before(assertBuilt)

  beforeEach(async () => {
    sandbox = await makeSandbox({close: 'real', spawn: true})
  })

  afterEach(async () => {
    await sandbox.cleanup()
  })

  it('is an executable node script', async () => {
    const text = await readFile(BIN, 'utf8')
    expect(text.startsWith('#!/usr/bin/env node\n')).to.equal(true)
    // eslint-disable-next-line no-bitwise
    expect((await stat(BIN)).mode & 0o111).to.not.equal(0)
  })

  it('--version prints 1.18.3', async () => {
    const run = await sandbox.run(['--version'])
    expect(run).to.include({exitCode: 0, stderr: '', stdout: '1.18.3\n'})
  })

  it('--help prints a short usage on stdout', async () => {
    const run = await sandbox.run(['--help'])
    expect(run.exitCode).to.equal(0)
    expect(run.stdout).to.match(/^membrane 1\.18\.3/)
    expect(run.stdout).to.include('action run <action-id-or-key> --connectionId=ID --input=JSON')
    expect(run.stdout).to.include('request <connection-id> <path>')
  })

  it('an unknown command fails with Membrane error JSON on stdout under --json and Error: on stderr', async () => {
    const run = await sandbox.run(['frobnicate', '--json'])
    expect(run.exitCode).to.equal(1)
    expect(run.json()).to.deep.equal({
      message: "Unknown command 'frobnicate'. Run: membrane --help",
      type: 'bad_request',
    })
    expect(run.stderr).to.equal("Error: Unknown command 'frobnicate'. Run: membrane --help\n")
  })

  it('without --json an error leaves stdout empty', async () => {
    const run = await sandbox.run(['connection', 'get', 'nope'])
    expect(run).to.include({exitCode: 1, stderr: 'Error: Connection nope not found\n', stdout: ''})
  })

  it('creates membrane-state.json on first use, mode 0600', async () => {
    await sandbox.run(['status', '--json'])
    const file = join(sandbox.dir, 'membrane-state.json')
    // eslint-disable-next-line no-bitwise
    expect((await stat(file)).mode & 0o777).to.equal(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).to.include({loggedIn: true, version: 1})
  })

  it('a corrupt state file is an error naming the file', async () => {
    await sandbox.run(['status'])
    const file = join(sandbox.dir, 'membrane-state.json')
    const {writeFile} = await import('node:fs/promises')
    await writeFile(file, '{oops')
    const run = await sandbox.run(['status', '--json'])
    expect(run.exitCode).to.equal(1)
    expect(run.json()).to.deep.include({type: 'internal'})
    expect(run.stderr).to.include(file)
  })
})
