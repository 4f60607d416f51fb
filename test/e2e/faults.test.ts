/**
 * Each fault fixture (test/fixtures/bin) once, as a real `membrane` process: what the user sees
 * when Membrane is rate limited, out of date, logged out, expired, hung, noisy or prints garbage.
 * The CLI runs in-process (test/helpers/run-command.ts); the fixture is a real child, so spawning,
 * timeouts and kills are real. Retry waits pass on the virtual clock.
 */
import {expect} from 'chai'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

const CONNECTION = '6eaac8d82f01b7210760474f'

describe('e2e: Membrane faults (fixtures as real processes)', () => {
  const home = new CommandHome()
  const me = (fixture: string, env: Record<string, string> = {}) =>
    home.run(['users', 'me', '--connection', CONNECTION, '--fields', 'id'], {
      CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, `membrane-${fixture}`),
      ...env,
    })

  after(() => home.remove())

  it('429 on every call: retried 4 times, then exit 6', async () => {
    const result = await me('429')
    expect(result.exitCode).to.equal(6)
    expect(result.stdout).to.equal('')
    expect(result.stderr).to.equal(
      'Error: Rate limited: API call count exceeded for this period (gave up after 4 retries).\n' +
        '  Wait a minute and try again, and avoid running many commands at once.\n',
    )
    expect(result.calls).to.have.length(5)
  })

  it('an agent-plugin Membrane with neither `request` nor `act`: exit 3 naming the install', async () => {
    const result = await me('agent-plugin')
    expect(result.exitCode).to.equal(3)
    expect(result.stderr).to.equal(
      'Error: This Membrane CLI knows neither `request` (generation A) nor `act --api` (generation B).\n' +
        '  Install the current Membrane CLI with `npm install -g @membranehq/cli@latest` (or point CLOSE_MEMBRANE_BIN at it); `close status` shows what is installed.\n',
    )
  })

  it('an expired connection: exit 4 naming the re-authentication', async () => {
    const result = await me('connection-expired')
    expect(result.exitCode).to.equal(4)
    expect(result.stderr).to.equal(
      `Error: The Close connection ${CONNECTION} needs to be re-authenticated: Access token expired and could not be refreshed.\n` +
        `  Re-authenticate with \`membrane connect --connectionId=${CONNECTION}\`, or choose another with \`close connections use\`.\n`,
    )
  })

  it('output that is not JSON: exit 3 quoting it', async () => {
    const result = await me('garbage')
    expect(result.exitCode).to.equal(3)
    expect(result.stderr).to.equal(
      'Error: Membrane printed something that is not JSON: "Welcome to Membrane! <html><body><h1>502 Bad Gateway</h1></body></html>"\n' +
        '  Check that CLOSE_MEMBRANE_BIN is the Membrane CLI (`close status`), or run again with --debug.\n',
    )
  })

  it('a Membrane that hangs is stopped after CLOSE_MEMBRANE_TIMEOUT_MS: exit 3', async () => {
    const result = await me('hang', {CLOSE_MEMBRANE_TIMEOUT_MS: '300'})
    expect(result.exitCode).to.equal(3)
    expect(result.stderr).to.equal(
      'Error: Membrane did not answer within 0.3 s.\n' +
        '  Try again, or allow more time with CLOSE_MEMBRANE_TIMEOUT_MS (now 300).\n',
    )
  })

  it('notices and colour around the JSON are ignored', async () => {
    const result = await me('noisy')
    expect(result).to.deep.include({exitCode: 0, stderr: '', stdout: 'user_FmErxTM1cHho4PAAANvkYf\n'})
  })

  it('logged out: exit 4 naming close login', async () => {
    const result = await me('not-authenticated')
    expect(result.exitCode).to.equal(4)
    expect(result.stderr).to.equal('Error: Not logged in to Membrane.\n  Run `close login`.\n')
  })
})
