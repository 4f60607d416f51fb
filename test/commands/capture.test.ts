/** Quick capture: `close note`, `close call`, `close task` on a lead given by name (sandbox). */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'

type Obj = Record<string, unknown> & {id: string}

/** The date of the next Friday after today (today excluded), as `fri` means. */
function nextFriday(): string {
  const d = new Date(Date.now())
  do d.setDate(d.getDate() + 1)
  while (d.getDay() !== 5)
  return d.toISOString().slice(0, 10)
}

describe('quick capture (sandbox)', () => {
  const home = new CommandHome()
  const close = (args: string[], options = {}) => home.runWith([...args, '--sandbox'], options)
  let lead: {id: string; name: string}

  before(async () => {
    const result = await close(['opps', 'list', '--limit', '1', '--json'])
    const [opp] = JSON.parse(result.stdout) as Obj[]
    lead = {id: String(opp.lead_id), name: String(opp.lead_name)}
  })

  after(() => home.remove())

  it('close note REF TEXT on a terminal: one ✓ line on stderr, nothing on stdout', async () => {
    const result = await close(['note', lead.name, 'Wants a quote by Friday'], {
      env: {NO_COLOR: '1'},
      stderrTTY: true,
      stdoutTTY: true,
    })
    expect(result.exitCode, result.stderr).to.equal(0)
    expect(result.stderr).to.equal(`Using ${lead.name} (${lead.id})\n✓ Note added to ${lead.name}\n`)
    expect(result.stdout).to.equal('')
  })

  it('close note --json prints the note; piped without --json prints its ID', async () => {
    const result = await close(['note', lead.id, 'Second note', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const note = JSON.parse(result.stdout) as Obj
    expect(note).to.include({_type: 'Note', lead_id: lead.id, note: 'Second note'})
    const piped = await close(['note', lead.id, '-'], {stdin: 'From stdin'})
    expect(piped.exitCode, piped.stderr).to.equal(0)
    expect(piped.stdout).to.match(/^acti_\w{22}\n$/)
  })

  it('close note without text off a terminal exits 2', async () => {
    const result = await close(['note', lead.id])
    expect(result.exitCode).to.equal(2)
    expect(result.stderr).to.include('Missing the note text')
  })

  it('close call REF --duration 5m --note: ✓ line; --json the call', async () => {
    const tty = await close(['call', lead.name, '--duration', '5m', '--note', 'Left a voicemail'], {
      env: {NO_COLOR: '1'},
      stderrTTY: true,
      stdoutTTY: true,
    })
    expect(tty.exitCode, tty.stderr).to.equal(0)
    expect(tty.stderr).to.equal(`Using ${lead.name} (${lead.id})\n✓ Call logged on ${lead.name}\n`)
    const result = await close(['call', lead.id, '--duration', '90s', '--json'])
    expect(JSON.parse(result.stdout)).to.include({_type: 'Call', duration: 90, lead_id: lead.id})
  })

  it('close task REF TEXT --due fri --assignee me: due next Friday, mine', async () => {
    const me = JSON.parse((await close(['users', 'me', '--json'])).stdout) as Obj
    const result = await close(['task', lead.name, 'Send the contract', '--due', 'fri', '--assignee', 'me', '--json'])
    expect(result.exitCode, result.stderr).to.equal(0)
    const task = JSON.parse(result.stdout) as Obj
    expect(task).to.include({assigned_to: me.id, date: nextFriday(), lead_id: lead.id, text: 'Send the contract'})
    const tty = await close(['task', lead.id, 'Call back', '--due', 'tomorrow'], {
      env: {NO_COLOR: '1'},
      stderrTTY: true,
      stdoutTTY: true,
    })
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    expect(tty.stderr).to.equal(`✓ Task added to ${lead.name} (due ${tomorrow})\n`)
  })

  it('close task refuses a bad --due with exit 2 before calling Membrane', async () => {
    const result = await close(['task', lead.id, 'x', '--due', 'someday'])
    expect(result.exitCode).to.equal(2)
    expect(result.calls).to.deep.equal([])
  })
})
