/**
 * Issue 13 item 4: no broken promise on the command line. Wrong command lines exit 2 with the nearest
 * suggestion (and the JSON error line under --json), nothing is asked off a terminal, under --json or
 * with CLOSE_NO_PROMPT, -h works everywhere, global flags may come before the command, --json with a
 * different -o is exit 2, declining a delete exits 2 with "Nothing deleted", and never exit 127.
 */
import {expect} from 'chai'

import {hoistGlobalFlags} from '../../src/hooks/argv.js'
import {CommandHome, runCommand} from '../helpers/run-command.js'

const noMembrane = () => {
  throw new Error('no Membrane call expected')
}

function jsonLine(stderr: string): Record<string, unknown> {
  const line = stderr
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'))
  expect(line, `a JSON error line in: ${stderr}`).to.be.a('string')
  return JSON.parse(line!) as Record<string, unknown>
}

describe('promises of the command line (issue 13 item 4)', () => {
  describe('unknown commands', () => {
    it('exit 2 with the nearest command, not 127, off a terminal', async () => {
      const r = await runCommand(['lead', 'list'], {membrane: noMembrane})
      expect(r.exitCode).to.equal(2)
      expect(r.stderr).to.include('leads list')
      expect(r.calls).to.deep.equal([])
    })

    it('print the JSON error line under --json', async () => {
      const r = await runCommand(['lead', 'list', '--json'], {membrane: noMembrane})
      expect(r.exitCode).to.equal(2)
      expect(r.stdout).to.equal('')
      expect(JSON.stringify(jsonLine(r.stderr))).to.include('leads list')
    })

    for (const [label, options] of [
      ['on a terminal with --json', {argv: ['lead', 'list', '--json'], env: {}}],
      ['on a terminal with CLOSE_NO_PROMPT=1', {argv: ['lead', 'list'], env: {CLOSE_NO_PROMPT: '1'}}],
    ] as const) {
      it(`never ask "Did you mean" ${label}`, async () => {
        const r = await runCommand([...options.argv], {
          env: options.env,
          membrane: noMembrane,
          stdinTTY: true,
          stdoutTTY: true,
        })
        expect(r.exitCode).to.equal(2)
        expect(r.stderr).not.to.match(/\(Y\/n\)/)
        expect(r.stderr).to.include('leads list')
      })
    }
  })

  describe('unknown flags', () => {
    it('exit 2 with the nearest flag', async () => {
      const r = await runCommand(['leads', 'list', '--stauts', 'Potential'], {membrane: noMembrane})
      expect(r.exitCode).to.equal(2)
      expect(r.stderr).to.include('--status')
      expect(r.calls).to.deep.equal([])
    })

    it('print the JSON error line under --json', async () => {
      const r = await runCommand(['leads', 'list', '--stauts', 'Potential', '--json'], {membrane: noMembrane})
      expect(r.exitCode).to.equal(2)
      expect(r.stdout).to.equal('')
      const error = jsonLine(r.stderr)
      expect(JSON.stringify(error)).to.include('--status')
    })
  })

  describe('-h', () => {
    for (const argv of [
      ['leads', 'list', '-h'],
      ['tasks', 'create', '-h'],
      ['opps', 'get', '-h'],
      ['status', '-h'],
    ]) {
      it(`prints help for ${argv.slice(0, -1).join(' ')} -h (exit 0)`, async () => {
        const r = await runCommand(argv, {membrane: noMembrane})
        expect(r.exitCode).to.equal(0)
        expect(r.stdout).to.include('USAGE')
        expect(r.stderr).not.to.include('Nonexistent flag')
      })
    }
  })

  describe('global flags before the command', () => {
    it('are moved behind it (bin/run.js): --sandbox --json leads list works', async () => {
      const home = new CommandHome()
      after(() => home.remove())
      const argv = hoistGlobalFlags(['--sandbox', '--json', 'leads', 'list', '--limit', '1'])
      expect(argv.slice(0, 2)).to.deep.equal(['leads', 'list'])
      const r = await home.run(argv)
      expect(r.exitCode).to.equal(0)
      expect(JSON.parse(r.stdout)).to.have.length(1)
    })

    it('--connection X before the command exits 2 or 3, never 127', async () => {
      const argv = hoistGlobalFlags(['--connection', 'nope', 'leads', 'list'])
      const r = await runCommand(argv, {membrane: () => ({stdout: '{"items": []}'})})
      expect(r.exitCode).not.to.equal(127)
      expect(r.stderr).not.to.include('command --connection not found')
    })
  })

  describe('--json with a different -o', () => {
    it('is exit 2 before anything runs', async () => {
      const r = await runCommand(['leads', 'list', '--json', '-o', 'csv', '--sandbox'], {membrane: noMembrane})
      expect(r.exitCode).to.equal(2)
      expect(r.stdout).to.equal('')
      expect(r.stderr).to.include('--json and -o csv')
      expect(jsonLine(r.stderr)).to.nested.include({'error.code': 'conflicting_output', 'error.exitCode': 2})
    })
  })

  describe('declining a delete', () => {
    it('exits 2 with "Nothing deleted"', async () => {
      const home = new CommandHome()
      after(() => home.remove())
      const list = await home.run(['contacts', 'list', '--limit', '1', '--json', '--sandbox'])
      const [contact] = JSON.parse(list.stdout) as Array<{id: string}>
      const r = await home.runWith(['contacts', 'delete', contact!.id, '--sandbox'], {
        stdin: 'n\n',
        stdinTTY: true,
        stdoutTTY: true,
      })
      expect(r.stderr).to.include('Nothing deleted: kept contact')
      expect(r.exitCode).to.equal(2)
      const still = await home.run(['contacts', 'get', contact!.id, '--json', '--sandbox'])
      expect(still.exitCode).to.equal(0)
    })
  })
})
