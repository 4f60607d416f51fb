import type {Config} from '@oclif/core'

import {ux} from '@oclif/core'
import {expect} from 'chai'
import {restore, stub} from 'sinon'

import hook, {notFoundReport, typedWords, wantsJsonError} from '../../../src/hooks/command-not-found.js'

const IDS = ['leads', 'leads:list', 'leads:get', 'tasks', 'tasks:list', 'status', 'login']

describe('hooks/command-not-found', () => {
  afterEach(() => restore())

  it('exits 2 with the nearest command, and never asks', async () => {
    const stderr = stub(ux, 'stderr')
    const config = {bin: 'close', commandIDs: IDS, topics: [{name: 'leads'}, {name: 'tasks'}]} as unknown as Config
    const exit = stub().throws(Object.assign(new Error('EEXIT: 2'), {oclif: {exit: 2}}))
    const context = {config, debug() {}, error() {}, exit, log() {}, warn() {}}
    let thrown: unknown
    try {
      await hook.call(context as never, {argv: ['list', '--json'], config, context: context as never, id: 'lead'})
    } catch (error) {
      thrown = error
    }

    expect(exit.calledOnceWithExactly(2)).to.equal(true)
    expect((thrown as {oclif?: {exit?: number}}).oclif?.exit).to.equal(2)
    const lines = String(stderr.firstCall.args[0]).split('\n')
    expect(lines[0]).to.equal('Error: Unknown command `lead list`. Did you mean `leads list`?')
    expect(JSON.parse(lines.at(-1)!)).to.deep.equal({
      error: {
        code: 'usage',
        exitCode: 2,
        hint: 'Run `close leads list --help`, or `close --help` for every command.',
        message: 'Unknown command `lead list`. Did you mean `leads list`?',
        suggestion: 'leads list',
      },
    })
  })

  describe('notFoundReport', () => {
    it('without --json: the message and a hint, no JSON line', () => {
      expect(notFoundReport(['lead', 'list'], IDS, 'close', false).lines).to.deep.equal([
        'Error: Unknown command `lead list`. Did you mean `leads list`?',
        '  Run `close leads list --help`, or `close --help` for every command.',
      ])
    })

    it('nothing close: no suggestion', () => {
      const {error, lines} = notFoundReport(['xyzzy'], IDS, 'close', true)
      expect(lines[0]).to.equal('Error: Unknown command `xyzzy`.')
      expect(error.exitCode).to.equal(2)
      expect(JSON.parse(lines.at(-1)!).error).to.not.have.property('suggestion')
    })

    it('a flag oclif took for the command: names it as a flag and suggests a global flag', () => {
      expect(notFoundReport(['--jsno'], IDS, 'close', false).lines[0]).to.equal(
        'Error: Unknown flag `--jsno`. Did you mean `--json`?',
      )
    })

    it('a global flag with no command after it says so', () => {
      expect(notFoundReport(['--json'], IDS, 'close', true).lines).to.deep.equal([
        'Error: No command given after `--json`.',
        '  Run `close --help` for every command, e.g. `close leads list --json`.',
        '{"error":{"code":"usage","exitCode":2,"message":"No command given after `--json`.","hint":"Run `close --help` for every command, e.g. `close leads list --json`."}}',
      ])
    })
  })

  describe('typedWords', () => {
    const cases: Array<[string, string[], string[]]> = [
      ['lead', ['list', '--json'], ['lead', 'list']],
      ['lead:list', ['--json'], ['lead', 'list']],
      ['leads gte', ['lead_123'], ['leads', 'gte']],
      ['note', ['Acme', 'hello'], ['note']],
      ['--stauts', ['leads'], ['--stauts']],
    ]
    for (const [id, argv, expected] of cases) {
      it(`${id} + ${argv.join(' ')} → ${expected.join(' ')}`, () => {
        expect(typedWords(id, argv)).to.deep.equal(expected)
      })
    }
  })

  describe('wantsJsonError', () => {
    const cases: Array<[string[], boolean]> = [
      [['--json'], true],
      [['-o', 'json'], true],
      [['--output', 'ndjson'], true],
      [['--output=json'], true],
      [['-ojson'], true],
      [['-o', 'csv'], false],
      [['--', '--json'], false],
      [[], false],
    ]
    for (const [argv, expected] of cases) {
      it(`${argv.join(' ') || '(none)'} → ${expected}`, () => {
        expect(wantsJsonError(argv)).to.equal(expected)
      })
    }
  })
})
