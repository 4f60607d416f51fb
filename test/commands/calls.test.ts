/**
 * `close calls list/get/log` and `close meetings list/get` against the sandbox (calls and meetings
 * seeded relative to its clock for the sandbox user).
 */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'

type Obj = Record<string, unknown> & {id: string}

const today = () => new Date(Date.now()).toISOString().slice(0, 10)

describe('calls and meetings (sandbox)', () => {
  const home = new CommandHome()
  const close = (args: string[], options = {}) => home.runWith([...args, '--sandbox'], options)
  const json = async (...args: string[]) => {
    const result = await close([...args, '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    return JSON.parse(result.stdout) as Obj[]
  }

  let lead: {id: string; name: string}

  before(async () => {
    const [opp] = await json('opps', 'list', '--limit', '1')
    lead = {id: String(opp.lead_id), name: String(opp.lead_name)}
  })

  after(() => home.remove())

  it('calls list --user me --since yesterday: my calls, each a Call on or after yesterday', async () => {
    const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const calls = await json('calls', 'list', '--user', 'me', '--since', 'yesterday')
    expect(calls.length).to.be.greaterThan(0)
    for (const call of calls) {
      expect(call._type).to.equal('Call')
      expect(String(call.activity_at).slice(0, 10) >= since).to.equal(true)
    }
  })

  it('calls log by lead name: outbound, duration in seconds, the note; calls get and list --lead find it', async () => {
    const result = await close(['calls', 'log', lead.name, '--duration', '5m', '--note', 'Wants a quote', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const call = JSON.parse(result.stdout) as Obj
    expect(call).to.include({
      _type: 'Call',
      direction: 'outbound',
      duration: 300,
      lead_id: lead.id,
      note: 'Wants a quote',
    })
    const got = await close(['calls', 'get', call.id, '--json'])
    expect((JSON.parse(got.stdout) as Obj).id).to.equal(call.id)
    const listed = await json('calls', 'list', '--lead', lead.id, '--limit', '200')
    expect(listed.map((c) => c.id)).to.include(call.id)
  })

  it('calls log --direction inbound --note - reads stdin', async () => {
    const result = await home.runWith(
      ['calls', 'log', lead.id, '--direction', 'inbound', '--note', '-', '--json', '--sandbox'],
      {stdin: 'From stdin\n'},
    )
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(JSON.parse(result.stdout)).to.include({direction: 'inbound', note: 'From stdin'})
  })

  it('calls log refuses a bad duration with exit 2 before calling Membrane', async () => {
    const result = await close(['calls', 'log', lead.id, '--duration', 'soon'])
    expect(result.exitCode).to.equal(2)
    expect(result.stderr).to.include('--duration "soon" is not a valid duration')
    expect(result.calls).to.deep.equal([])
  })

  it('meetings list --today: my meetings starting today, in order; meetings get shows one', async () => {
    const meetings = await json('meetings', 'list', '--today', '--user', 'me')
    expect(meetings.length).to.be.greaterThan(0)
    const starts = meetings.map((m) => String(m.starts_at))
    for (const start of starts) expect(start.slice(0, 10)).to.equal(today())
    expect([...starts].sort()).to.deep.equal(starts)
    const got = await close(['meetings', 'get', meetings[0].id, '--json'])
    expect(got.exitCode, got.stderr).to.equal(0)
    expect(JSON.parse(got.stdout)).to.include({_type: 'Meeting', id: meetings[0].id})
  })

  it('meetings list --upcoming and --past split at now; the two flags exclude each other', async () => {
    const now = new Date(Date.now()).toISOString()
    for (const m of await json('meetings', 'list', '--upcoming'))
      expect(String(m.starts_at) >= now.slice(0, 16)).to.equal(true)
    const past = await json('meetings', 'list', '--past', '--limit', '5')
    expect(past.length).to.be.greaterThan(0)
    for (const m of past) expect(String(m.starts_at) < now).to.equal(true)
    const both = await close(['meetings', 'list', '--past', '--upcoming'])
    expect(both.exitCode).to.equal(2)
  })

  it('meetings list on a terminal: a table that fits 80 columns', async () => {
    const result = await close(['meetings', 'list', '--today'], {columns: 80, env: {NO_COLOR: '1'}, stdoutTTY: true})
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stdout).to.match(/STARTS +TITLE/)
    for (const l of result.stdout.split('\n')) expect(l.length, l).to.be.at.most(80)
  })
})
