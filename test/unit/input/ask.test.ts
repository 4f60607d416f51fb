import {expect} from 'chai'
import {restore, stub} from 'sinon'

import {UsageError} from '../../../src/errors.js'
import {requireValues} from '../../../src/input/ask.js'
import {parseMoney} from '../../../src/input/values.js'
import {type InputOptions, prompts} from '../../../src/prompts/index.js'

const needs = {
  name: {flag: '--name', question: 'Name:'},
  value: {check: (v: string) => parseMoney(v, '--value'), flag: '--value', question: 'Value:'},
}

describe('input/ask requireValues', () => {
  afterEach(() => restore())

  it('off a terminal names every missing flag at once and asks nothing', async () => {
    const input = stub(prompts, 'input').rejects(new Error('prompted'))
    let error: unknown
    try {
      await requireValues({}, needs, false)
    } catch (error_) {
      error = error_
    }

    expect(error).to.be.instanceOf(UsageError)
    expect((error as UsageError).message).to.equal('Missing --name, --value.')
    expect(input.called).to.equal(false)
  })

  it('on a terminal checks each answer as it is entered with the flag’s parser', async () => {
    const reasons: Array<string | true> = []
    stub(prompts, 'input').callsFake(async (message: string, options: InputOptions = {}) => {
      if (message !== 'Value:') return 'Acme'
      reasons.push(await options.validate!('1,2,3'), await options.validate!('12k'))
      return '12k'
    })
    expect(await requireValues({}, needs, true)).to.deep.equal({name: 'Acme', value: '12k'})
    expect(reasons[0]).to.match(/^--value "1,2,3" is not an amount: commas must group the digits in threes/)
    expect(reasons[1]).to.equal(true)
  })

  it('checks values given as flags before asking anything', async () => {
    const input = stub(prompts, 'input').resolves('Acme')
    let error: unknown
    try {
      await requireValues({value: '1.234'}, needs, true)
    } catch (error_) {
      error = error_
    }

    expect((error as UsageError).message).to.equal('--value "1.234" is not an amount: more than 2 decimals.')
    expect(input.called).to.equal(false)
  })
})
