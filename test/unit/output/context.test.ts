import {expect} from 'chai'
import {Writable} from 'node:stream'

import {CliError, UsageError} from '../../../src/errors.js'
import {createOutputContext, createStdoutWriter, resolveColorLevel} from '../../../src/output/context.js'
import {harness, leadView, Sink} from './helpers.js'

describe('output/context', () => {
  describe('format', () => {
    it('is table on a terminal and tsv when piped', () => {
      expect(harness({stdoutTTY: true}).ctx.format).to.equal('table')
      expect(harness({stdoutTTY: false}).ctx.format).to.equal('tsv')
    })

    it('follows -o, and --json with a different -o exits 2', () => {
      expect(harness({output: 'csv', stdoutTTY: true}).ctx.format).to.equal('csv')
      expect(harness({output: 'table'}).ctx.format).to.equal('table')
      expect(harness({json: true, output: 'json'}).ctx.format).to.equal('json')
      expect(() => harness({json: true, output: 'csv'}))
        .to.throw(UsageError, '--json and -o csv ask for different formats.')
        .with.property('exitCode', 2)
    })

    it('refuses an unknown -o with exit 2', () => {
      expect(() => harness({output: 'xml'}))
        .to.throw(UsageError, 'Unknown output format "xml". Use one of: table, json, ndjson, csv, tsv.')
        .with.property('exitCode', 2)
    })
  })

  describe('colour', () => {
    it('is on for a terminal only', () => {
      expect(resolveColorLevel(true, {})).to.equal(1)
      expect(resolveColorLevel(false, {})).to.equal(0)
      expect(resolveColorLevel(true, {TERM: 'dumb'})).to.equal(0)
      expect(resolveColorLevel(true, {TERM: 'xterm-256color'})).to.equal(2)
      expect(resolveColorLevel(true, {COLORTERM: 'truecolor'})).to.equal(3)
    })

    it('is off with a non-empty NO_COLOR or --no-color, even when forced', () => {
      expect(resolveColorLevel(true, {NO_COLOR: '1'})).to.equal(0)
      expect(resolveColorLevel(true, {NO_COLOR: ''})).to.equal(1)
      expect(resolveColorLevel(true, {FORCE_COLOR: '3', NO_COLOR: 'yes'})).to.equal(0)
      expect(resolveColorLevel(true, {FORCE_COLOR: '1'}, true)).to.equal(0)
    })

    it('follows FORCE_COLOR: 0 off on a terminal, 1..3 on when piped', () => {
      expect(resolveColorLevel(true, {FORCE_COLOR: '0'})).to.equal(0)
      expect(resolveColorLevel(true, {FORCE_COLOR: 'false'})).to.equal(0)
      expect(resolveColorLevel(false, {FORCE_COLOR: '1'})).to.equal(1)
      expect(resolveColorLevel(false, {FORCE_COLOR: '2'})).to.equal(2)
      expect(resolveColorLevel(false, {FORCE_COLOR: '3'})).to.equal(3)
      expect(resolveColorLevel(false, {FORCE_COLOR: ''})).to.equal(1)
      expect(resolveColorLevel(false, {FORCE_COLOR: 'true'})).to.equal(1)
    })

    it('is judged per stream, and --no-color (color: false) turns both off', () => {
      const piped = harness({stderrTTY: true, stdoutTTY: false})
      expect([piped.ctx.color, piped.ctx.stderrColor]).to.deep.equal([false, true])
      expect(piped.ctx.chalk.bold('x')).to.equal('x')
      expect(piped.ctx.stderrChalk.dim('x')).to.equal('\u001B[2mx\u001B[22m')
      const off = harness({color: false, stderrTTY: true, stdoutTTY: true})
      expect([off.ctx.color, off.ctx.stderrColor]).to.deep.equal([false, false])
      const forced = harness({env: {FORCE_COLOR: '1'}})
      expect([forced.ctx.color, forced.ctx.stderrColor]).to.deep.equal([true, true])
      expect(forced.ctx.chalk.bold('x')).to.equal('\u001B[1mx\u001B[22m')
    })
  })

  it('takes the width from the terminal, else COLUMNS, else 100', () => {
    expect(harness({columns: 132, env: {COLUMNS: '80'}, stdoutTTY: true}).ctx.width).to.equal(132)
    expect(harness({env: {COLUMNS: '80'}}).ctx.width).to.equal(80)
    expect(harness({env: {COLUMNS: 'wide'}}).ctx.width).to.equal(100)
    expect(harness().ctx.width).to.equal(100)
  })

  it('parses --fields, validating them when the view is known', () => {
    expect(harness({fields: 'id, display_name'}).ctx.fields).to.deep.equal(['id', 'display_name'])
    expect(harness({fields: ''}).ctx.fields).to.deep.equal([])
    expect(harness().ctx.fields).to.equal(undefined)
    expect(() => harness({fields: 'nope', view: leadView})).to.throw(UsageError, /^Unknown field "nope"\./)
  })

  describe('stdout writer', () => {
    it('waits for drain when the stream is full, so a fast producer cannot outrun the reader', async () => {
      const pending: Array<() => void> = []
      const slow = new Writable({
        highWaterMark: 4,
        write(_chunk, _encoding, callback) {
          pending.push(callback)
        },
      })
      const {write} = createStdoutWriter(slow)
      expect(write('abcdef')).to.be.instanceOf(Promise)
      let drained = false
      const done = Promise.resolve(write('more')).then(() => {
        drained = true
      })
      await new Promise((resolve) => {
        setImmediate(resolve)
      })
      expect(drained).to.equal(false)
      while (pending.length > 0) pending.shift()!()
      await done
      expect(drained).to.equal(true)
    })

    it('treats EPIPE as the reader leaving: aborts stdoutClosed, later writes are dropped quietly', async () => {
      const stdout = new Sink()
      const ctx = createOutputContext({env: {}, stderr: new Sink(), stdout})
      await ctx.stdout('first\n')
      stdout.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
      expect(ctx.stdoutClosed?.aborted).to.equal(true)
      expect(ctx.stdout('second\n')).to.equal(undefined)
      expect(stdout.text).to.equal('first\n')
    })

    it('fails the next write on any other stream error (a truncated export must not look like success)', async () => {
      const stdout = new Sink()
      const ctx = createOutputContext({env: {}, stderr: new Sink(), stdout})
      stdout.emit('error', Object.assign(new Error('no space left on device'), {code: 'ENOSPC'}))
      expect(ctx.stdoutClosed?.aborted).to.equal(false)
      let failure: unknown
      try {
        await ctx.stdout('x')
      } catch (error) {
        failure = error
      }

      expect(failure)
        .to.be.instanceOf(CliError)
        .with.property('message', 'Could not write output: no space left on device')
    })
  })
})
