/** Issue 13: streamed tables keep the first page's layout, JSON arrays close on a failed page, record views hide internal fields, prefetching, the gateway's wait hooks. */
import {expect} from 'chai'

import type {CloseObject} from '../../../src/close/normalize.js'

import {prefetched} from '../../../src/close/api.js'
import {contacts, notes} from '../../../src/close/resources.js'
import {createProgress, waitHooks, waitLabel} from '../../../src/output/progress.js'
import {Renderer} from '../../../src/output/renderer.js'
import {bluestem, harbor, harness, leadView} from './helpers.js'

// eslint-disable-next-line require-yield
async function* failing(): AsyncGenerator<never> {
  throw new Error('no')
}

/** One page of Bluestem, then a failure. */
async function* failingAfterOne(): AsyncGenerator<CloseObject[]> {
  yield [bluestem]
  throw new Error('page 2 failed')
}

describe('output: look and feel (issue 13)', () => {
  it('a streamed table keeps the widths of its first page; later long cells are shortened', async () => {
    const {ctx, stdout} = harness({columns: 80, fields: 'display_name,status_label', output: 'table'})
    const long = {...bluestem, display_name: 'A Much Longer Company Name Than Any On Page One'}
    await new Renderer(ctx).list(leadView, [[bluestem], [long]])
    const lines = stdout.text.split('\n')
    expect(lines[0]).to.equal('NAME                STATUS')
    expect(lines[1]).to.equal('Bluestem Logistics  Potential')
    expect(lines[2]).to.equal('A Much Longer Com…  Potential')
  })

  it('a JSON array is closed when a later page fails, and the failure still surfaces', async () => {
    const {ctx, stdout} = harness({output: 'json'})
    const error = await new Renderer(ctx).list(leadView, failingAfterOne()).catch((error_: Error) => error_)
    expect((error as Error).message).to.equal('page 2 failed')
    expect(JSON.parse(stdout.text)).to.have.length(1)
  })

  it('a failed first page leaves stdout empty', async () => {
    const {ctx, stdout} = harness({output: 'json'})
    await new Renderer(ctx).list(leadView, failing()).catch(() => {})
    expect(stdout.text).to.equal('')
  })

  it('record views hide _type, is_dateless, organization_id and a note_html next to its note', async () => {
    const {ctx, stdout} = harness({columns: 80, output: 'table'})
    await new Renderer(ctx).record(notes, {
      _type: 'Note',
      id: 'acti_1',
      is_dateless: false,
      lead_id: 'lead_1',
      note: 'Called',
      note_html: '<p>Called</p>',
      organization_id: 'orga_1',
    })
    expect(stdout.text).to.equal('ID       acti_1\nNote     Called\nLead ID  lead_1\n')
  })

  it('name-of columns show the name from the hook, else the ID; csv keeps the ID', async () => {
    const contact = {display_name: 'Jo', id: 'cont_1', lead_id: 'lead_1'}
    const withHook = harness({columns: 80, fields: 'display_name,lead_name', output: 'table'})
    withHook.ctx.names = (key, ids) => new Map(ids.map((id) => [id, `${key}:${id} name`]))
    await new Renderer(withHook.ctx).list(contacts, [[contact]])
    expect(withHook.stdout.text).to.equal('NAME  LEAD\nJo    lead_id:lead_1 name\n')
    const bare = harness({columns: 80, fields: 'display_name,lead_name', output: 'table'})
    await new Renderer(bare.ctx).list(contacts, [[contact]])
    expect(bare.stdout.text).to.equal('NAME  LEAD\nJo    lead_1\n')
    const csv = harness({output: 'csv'})
    await new Renderer(csv.ctx).list(contacts, [[contact]])
    expect(csv.stdout.text.split('\r\n')[0]).to.equal(
      'id,display_name,title,emails.0.email,phones.0.phone_formatted,lead_id',
    )
  })

  it('EMAIL falls back to the first contact when the lead has no primary email', async () => {
    const {ctx, stdout} = harness({columns: 120, fields: 'display_name,primary_email.email', output: 'table'})
    const noPrimary = {...bluestem, primary_email: null}
    await new Renderer(ctx).list(leadView, [[noPrimary, harbor]])
    expect(stdout.text.split('\n')[1]).to.equal('Bluestem Logistics       priya.raman@bluestem.example')
  })

  it('prefetched asks for the next page while the current one is consumed, and nothing after a stop', async () => {
    const asked: number[] = []
    async function* source() {
      for (let i = 1; i <= 5; i++) {
        asked.push(i)
        yield i
      }
    }

    const it = prefetched(source())
    expect((await it.next()).value).to.equal(1)
    await Promise.resolve()
    expect(asked).to.deep.equal([1, 2])
    await it.return(0)
    await new Promise<void>((r) => {
      setImmediate(r)
    })
    expect(asked).to.deep.equal([1, 2])
  })

  it('names what a Membrane call waits for, never its input', () => {
    expect(waitLabel(['request', 'conn', '/lead/', '--method=GET', '--query=x'])).to.equal(
      'Waiting for Close: GET /lead/',
    )
    expect(waitLabel(['act', '--connectionId=c', '--api={"method":"post","path":"/task/?a=1"}', '--json'])).to.equal(
      'Waiting for Close: POST /task/',
    )
    expect(waitLabel(['action', 'run', 'id', 'conn', '{"secret":1}', '--json'])).to.equal(
      'Waiting for Membrane: running an action',
    )
  })

  it('wait hooks: a spinner per call after 300 ms, a countdown on retry, and none over a running count', () => {
    let t = 0
    const ticks: Array<() => void> = []
    const out: string[] = []
    const progress = createProgress({
      clearInterval() {},
      enabled: true,
      now: () => t,
      setInterval: (cb) => ticks.push(cb),
      stream: {columns: 80, write: (s) => out.push(s)},
    })
    const hooks = waitHooks(progress)
    const done = hooks.onCall(['request', 'c', '/lead/', '--method=GET'])
    t = 100
    ticks[0]!()
    expect(out.join('')).to.equal('')
    t = 400
    ticks[0]!()
    expect(out.join('')).to.include('Waiting for Close: GET /lead/')
    done?.()
    hooks.onWait(42_000, 'Rate limited by Close.')
    expect(out.at(-1)).to.include('Rate limited by Close; retrying in 42 s')
    hooks.onCall(['request', 'c', '/lead/', '--method=GET'])?.()
    expect(progress.running).to.equal(false)
    progress.start('Fetched 200 leads')
    expect(hooks.onCall(['request', 'c', '/lead/'])).to.equal(undefined)
  })
})
