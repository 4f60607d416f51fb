/* eslint-disable unicorn/prefer-event-target -- process signals are EventEmitter events */
import {expect} from 'chai'
import {EventEmitter} from 'node:events'

import {InterruptedError} from '../../../src/errors.js'
import {installSignalHandlers, interruptMessage} from '../../../src/membrane/signals.js'
import {rejection} from './helpers.js'
import {scripted, type ScriptedMembrane} from './port.js'

const CONN = '6eaac8d82f01b7210760474f'

/** Let pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++)
    await new Promise<void>((resolve) => {
      setImmediate(resolve)
    })
}

/** Wait until the scripted membrane has started `count` children. */
async function started(membrane: ScriptedMembrane, count = 1): Promise<void> {
  while (membrane.calls.length < count) await settle()
}

describe('membrane/signals (spawner port)', () => {
  let membrane: ScriptedMembrane

  afterEach(() => membrane?.restore())

  const cases: Array<['SIGHUP' | 'SIGINT' | 'SIGTERM', number]> = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]
  for (const [signal, code] of cases) {
    it(`${signal}: the child is stopped and has exited before the CLI exits ${code} with one line`, async () => {
      membrane = scripted(() => ({hang: true}))
      const abort = new AbortController()
      const target = new EventEmitter() as unknown as NodeJS.Process
      const events: string[] = []
      const uninstall = installSignalHandlers({
        abort,
        exit: (exitCode) => events.push(`exit ${exitCode}`),
        say: (line) => events.push(line),
        target,
      })
      const gateway = membrane.gateway({signal: abort.signal})
      const call = rejection(gateway.json(['action', 'run', 'x', `--connectionId=${CONN}`, '--input={}', '--json']))
      await started(membrane)
      target.emit(signal)
      await settle()
      expect(membrane.stopped).to.equal(1)
      expect(await call).to.be.instanceOf(InterruptedError)
      expect(events).to.deep.equal([interruptMessage(signal, false), `exit ${code}`])
      uninstall()
    })
  }

  it('a write in flight is reported as possibly done', async () => {
    membrane = scripted(() => ({hang: true}))
    const abort = new AbortController()
    const target = new EventEmitter() as unknown as NodeJS.Process
    const lines: string[] = []
    installSignalHandlers({abort, exit() {}, say: (line) => lines.push(line), target})
    const gateway = membrane.gateway({signal: abort.signal})
    const write = {check: 'close leads list', effect: 'the lead may have been created'}
    const call = rejection(gateway.json(['request', CONN, '/lead/', '--method=POST', '--data={}'], {write}))
    await started(membrane)
    target.emit('SIGTERM')
    await settle()
    expect(lines).to.deep.equal([
      'Stopped by SIGTERM: the change that was being sent may have been made; check before running it again.',
    ])
    const error = await call
    expect(error.message).to.equal('Interrupted; the lead may have been created.')
  })

  it('messages', () => {
    expect(interruptMessage('SIGINT', false)).to.equal('Interrupted.')
    expect(interruptMessage('SIGHUP', false)).to.equal('Stopped by SIGHUP.')
  })
})
