/**
 * The in-process runner itself (test/helpers/run-command.ts): a stub answers Membrane and sees the
 * exact argv; exit codes, stdout and stderr are the user's; each run is isolated.
 */
import {expect} from 'chai'

import {CommandHome, runCommand} from '../helpers/run-command.js'

const CONNECTION = '6eaac8d82f01b7210760474f'

describe('runCommand (in-process command tests)', () => {
  it('a stub answers Membrane; the result has the argv sent, stdout and the exit code', async () => {
    const result = await runCommand(['raw', 'GET', '/me/', '--connection', CONNECTION], {
      membrane: () => ({stdout: '{"id": "user_1", "first_name": "Ann"}\n'}),
    })
    expect(result).to.deep.equal({
      calls: [['request', CONNECTION, '/me/', '--method=GET']],
      exitCode: 0,
      stderr: '',
      stdout: '{"id":"user_1","first_name":"Ann"}\n',
    })
  })

  it('a failing Membrane call becomes the CLI exit code and message', async () => {
    const result = await runCommand(['raw', 'GET', '/me/', '--connection', CONNECTION], {
      membrane: () => ({exitCode: 1, stderr: 'Error: Not authenticated. Run membrane login.\n'}),
    })
    expect(result.exitCode).to.equal(4)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.equal('Error: Not logged in to Membrane.\n  Run `close login`.\n')
  })

  it('usage errors exit 2 and call nothing', async () => {
    const result = await runCommand(['leads', 'get', 'acme', '--bogus'])
    expect(result).to.deep.equal({
      calls: [],
      exitCode: 2,
      stderr: 'Error: Nonexistent flag: --bogus\n  See `--help` for the flags and arguments this command takes.\n',
      stdout: '',
    })
  })

  it('each run has its own HOME: config written in one home is not seen from another', async () => {
    const one = new CommandHome()
    const two = new CommandHome()
    try {
      expect((await one.run(['config', 'set', 'browser', 'never'])).exitCode).to.equal(0)
      expect(one.config()).to.not.deep.equal({})
      expect(two.config()).to.deep.equal({})
      expect(process.exitCode).to.equal(undefined)
    } finally {
      one.remove()
      two.remove()
    }
  })
})
