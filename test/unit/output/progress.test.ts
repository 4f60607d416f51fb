import {expect} from 'chai'

import {createProgress, fetchedLabel, FRAMES, progressEnabled} from '../../../src/output/progress.js'

const ERASE = '\r\u001B[2K'

/** A fake clock and interval: `advance(ms)` runs the interval callbacks that fall due. */
function fakeTime() {
  let time = 1_000_000
  let timer: undefined | {callback: () => void; ms: number; next: number}
  let cleared = 0
  return {
    get active() {
      return timer !== undefined
    },
    advance(ms: number) {
      const end = time + ms
      for (let due = timer; due && due.next <= end; due = timer) {
        time = due.next
        due.next += due.ms
        due.callback()
      }

      time = end
    },
    get cleared() {
      return cleared
    },
    clearInterval(handle: unknown) {
      if (handle === timer) timer = undefined
      cleared++
    },
    now: () => time,
    setInterval(callback: () => void, ms: number) {
      timer = {callback, ms, next: time + ms}
      return timer
    },
  }
}

function harness(columns = 80) {
  const time = fakeTime()
  const chunks: string[] = []
  const stream = {columns, write: (text: string) => chunks.push(text)}
  const progress = createProgress({
    clearInterval: time.clearInterval,
    enabled: true,
    now: time.now,
    setInterval: time.setInterval,
    stream,
  })
  return {
    chunks,
    progress,
    get text() {
      return chunks.join('')
    },
    time,
  }
}

describe('output/progress', () => {
  it('draws nothing for a wait shorter than 300 ms', () => {
    const t = harness()
    t.progress.start('Loading leads')
    t.time.advance(290)
    t.progress.stop()
    expect(t.text).to.equal('')
    expect(t.time.active).to.equal(false)
  })

  it('shows a spinner naming the wait once it passes 300 ms, then erases it on stop', () => {
    const t = harness()
    t.progress.start('Waiting for Membrane (list-leads)')
    t.time.advance(320)
    expect(t.chunks).to.deep.equal([`${ERASE}${FRAMES[4]} Waiting for Membrane (list-leads)`])
    t.time.advance(80)
    expect(t.chunks.at(-1)).to.equal(`${ERASE}${FRAMES[5]} Waiting for Membrane (list-leads)`)
    t.progress.stop()
    expect(t.chunks.at(-1)).to.equal(ERASE)
    expect(t.time.active).to.equal(false)
  })

  it('keeps a running count while paging', () => {
    const t = harness()
    t.progress.start(fetchedLabel(0, 'leads', 20_000))
    t.time.advance(400)
    t.progress.update(fetchedLabel(4200, 'leads', 20_000))
    expect(t.chunks.at(-1)).to.match(/ Fetched 4,200 of 20,000 leads$/)
    t.progress.update(fetchedLabel(200, 'leads'))
    expect(t.chunks.at(-1)).to.match(/ Fetched 200 leads$/)
  })

  it('counts down a rate-limit wait, at once and each second', () => {
    const t = harness()
    t.progress.countdown(42_000, 'Rate limited by Close; retrying')
    expect(t.chunks).to.deep.equal([`${ERASE}${FRAMES[0]} Rate limited by Close; retrying in 42 s`])
    t.time.advance(1040)
    expect(t.chunks.at(-1)).to.match(/retrying in 41 s$/)
    t.time.advance(41_000)
    expect(t.chunks.at(-1)).to.match(/retrying in 0 s$/)
    t.progress.start('Loading leads')
    expect(t.chunks.at(-1)).to.match(/ Loading leads$/)
  })

  it('clears its line before other stderr output and redraws on the next tick', () => {
    const t = harness()
    t.progress.start('Loading leads')
    t.time.advance(400)
    t.chunks.length = 0
    t.progress.write('Warning: something\n')
    expect(t.chunks).to.deep.equal([ERASE, 'Warning: something\n'])
    t.time.advance(80)
    expect(t.chunks.at(-1)).to.equal(`${ERASE}${FRAMES[6]} Loading leads`)
    t.progress.stop()
    t.progress.write('after\n')
    expect(t.chunks.slice(-2)).to.deep.equal([ERASE, 'after\n'])
  })

  it('clear() before anything was drawn writes nothing', () => {
    const t = harness()
    t.progress.start('x')
    t.progress.clear()
    t.progress.stop()
    expect(t.text).to.equal('')
  })

  it('never draws wider than the terminal and makes the label terminal-safe', () => {
    const t = harness(40)
    t.progress.start(`Loading \u001B]0;evil\u0007${'very long label '.repeat(10)}`)
    t.time.advance(400)
    const line = t.chunks.at(-1)!.slice(ERASE.length)
    expect(line).to.not.include('\u001B')
    expect(line).to.have.length.at.most(39)
    expect(line.endsWith('…')).to.equal(true)
  })

  it('does nothing when disabled, except passing other output through', () => {
    const chunks: string[] = []
    let intervals = 0
    const progress = createProgress({
      enabled: false,
      setInterval() {
        intervals++
        return 1
      },
      stream: {write: (text: string) => chunks.push(text)},
    })
    progress.start('x')
    progress.countdown(5000, 'y')
    progress.update('z')
    progress.stop()
    progress.write('message\n')
    expect(chunks).to.deep.equal(['message\n'])
    expect(intervals).to.equal(0)
    expect(progress.running).to.equal(false)
  })

  describe('progressEnabled', () => {
    const cases: Array<[string, Parameters<typeof progressEnabled>[0], boolean]> = [
      ['a terminal', {env: {}, isTTY: true}, true],
      ['not a terminal', {env: {}, isTTY: false}, false],
      ['--json', {env: {}, isTTY: true, json: true}, false],
      ['TERM=dumb', {env: {TERM: 'dumb'}, isTTY: true}, false],
      ['CI=true', {env: {CI: 'true'}, isTTY: true}, false],
      ['CI=false', {env: {CI: 'false'}, isTTY: true}, true],
      ['CLOSE_NO_PROGRESS=1', {env: {CLOSE_NO_PROGRESS: '1'}, isTTY: true}, false],
    ]
    for (const [name, input, expected] of cases) {
      it(`${name} → ${expected}`, () => {
        expect(progressEnabled(input)).to.equal(expected)
      })
    }
  })

  it('fetchedLabel formats thousands', () => {
    expect(fetchedLabel(4200, 'leads', 20_000)).to.equal('Fetched 4,200 of 20,000 leads')
    expect(fetchedLabel(12, 'leads')).to.equal('Fetched 12 leads')
  })
})
