/**
 * Never a broken promise on the command line (issue 13 item 4): unknown commands exit 2 with a
 * suggestion and the JSON error line under --json, nothing is asked, `-h` is help everywhere, and
 * global flags work before the command. Real spawns of bin/run.js; needs a build.
 */
import {expect} from 'chai'

import {TestHome} from '../helpers/cli.js'

describe('e2e: unknown commands, -h and global flags before the command', function () {
  this.timeout(60_000)
  const home = new TestHome()

  after(() => home.remove())

  it('an unknown command exits 2 with the nearest one, and the JSON error last on stderr under --json', async () => {
    const result = await home.run(['lead', 'list', '--json'])
    expect(result.exitCode).to.equal(2)
    expect(result.stdout).to.equal('')
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines[0]).to.equal('Error: Unknown command `lead list`. Did you mean `leads list`?')
    expect(JSON.parse(lines.at(-1)!).error).to.include({code: 'usage', exitCode: 2, suggestion: 'leads list'})
  })

  it('never asks, also with CLOSE_NO_PROMPT', async () => {
    const result = await home.run(['lead', 'list'], {CLOSE_NO_PROMPT: '1'})
    expect(result.exitCode).to.equal(2)
    expect(result.stderr).to.not.match(/\(Y\/n\)/)
  })

  it('global flags before the command work', async () => {
    const result = await home.run(['--sandbox', '--json', 'leads', 'list', '--limit', '1'])
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.have.length(1)
  })

  it('-h is --help, on a command and on a topic; topic help has no alias rows', async () => {
    const command = await home.run(['leads', 'list', '-h'])
    expect(command.exitCode, command.stderr).to.equal(0)
    expect(command.stdout).to.match(/^List and search leads\.\n\nUSAGE/)
    const topic = await home.run(['tasks', '-h'])
    expect(topic.exitCode, topic.stderr).to.equal(0)
    expect(topic.stdout).to.match(/^ {2}tasks list /m)
    expect(topic.stdout).to.not.match(/^ {2}tasks (ls|show|view|add|edit|rm) /m)
  })
})
