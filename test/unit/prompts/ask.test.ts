import {expect} from 'chai'

import {parseCloseDate} from '../../../src/input/dates.js'
import {parseMoneyCents} from '../../../src/input/money.js'
import {askAll, askParsed} from '../../../src/prompts/ask.js'
import {KEY, loadInquirer, promptsOn, terminal} from './terminal.js'

// Wednesday 2026-11-25
const now = new Date(2026, 10, 25, 9, 30)
const due = (text: string) => parseCloseDate(text, '--due', now)

describe('prompts/ask: answers validated as they are entered', () => {
  before(loadInquirer)

  it('shows the reason under the question, keeps the typed text, and asks again', async () => {
    const term = terminal()
    const answer = askParsed(promptsOn(term), 'Due:', due)
    await term.until('Due:')
    await term.type(...'next fridya', KEY.enter)
    await term.until('--due "next fridya" is not a date. Use a date such as 2026-12-01')
    // The wrong text is still on the line: fix it by removing the last two letters.
    term.clear()
    await term.type(KEY.backspace, KEY.backspace, 'ay')
    await term.until('next friday')
    await term.type(KEY.enter)
    expect(await answer).to.equal('2026-11-27')
  })

  it('asks every question in order and loses no earlier answer when a later one is wrong', async () => {
    const term = terminal()
    const answers = askAll(promptsOn(term), {
      due: {message: 'Due date:', parse: due},
      value: {message: 'Value:', parse: (text: string) => parseMoneyCents(text)},
    })
    await term.until('Due date:')
    await term.type(...'fri', KEY.enter)
    await term.until('Value:')
    await term.type(...'1,2,3', KEY.enter)
    await term.until('--value "1,2,3" is not an amount: commas must group the digits in threes')
    await term.type(KEY.clearLine, ...'$12k', KEY.enter)
    expect(await answers).to.deep.equal({due: '2026-11-27', value: 1_200_000})
    expect(term.screen()).to.contain('Due date: fri')
  })

  it('does not ask what a flag already gave, but parses it the same way', async () => {
    const term = terminal()
    const answers = askAll(
      promptsOn(term),
      {due: {message: 'Due date:', parse: due}, value: {message: 'Value:', parse: (t: string) => parseMoneyCents(t)}},
      {value: '12,000'},
    )
    await term.until('Due date:')
    await term.type(...'tomorrow', KEY.enter)
    expect(await answers).to.deep.equal({due: '2026-11-26', value: 1_200_000})
    expect(term.screen()).not.to.contain('Value:')

    let error: unknown
    try {
      await askAll(
        promptsOn(terminal()),
        {value: {message: 'Value:', parse: (t: string) => parseMoneyCents(t)}},
        {value: '1,2,3'},
      )
    } catch (error_) {
      error = error_
    }

    expect((error as Error).message).to.equal(
      '--value "1,2,3" is not an amount: commas must group the digits in threes, e.g. 1,234,567.',
    )
  })

  it('lets an optional question be skipped with an empty answer', async () => {
    const term = terminal()
    const answer = askParsed(promptsOn(term), 'Value (optional):', (t) => parseMoneyCents(t), {optional: true})
    await term.until('Value (optional):')
    await term.type(KEY.enter)
    expect(await answer).to.equal(undefined)
  })

  it('an empty answer to a required question is asked again', async () => {
    const term = terminal()
    const answer = askParsed(promptsOn(term), 'Due:', due)
    await term.until('Due:')
    await term.type(KEY.enter)
    await term.until('You must provide a value')
    await term.type(...'today', KEY.enter)
    expect(await answer).to.equal('2026-11-25')
  })
})
