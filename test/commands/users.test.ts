/**
 * `close users me / list / get` end to end against the sandbox.
 */
import {expect} from 'chai'

import {CommandHome} from '../helpers/run-command.js'

type User = Record<string, unknown> & {email: string; first_name: string; id: string; last_name: string}

describe('users me/list/get (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])

  after(() => home.remove())

  it('me prints the user behind the connection with their organizations', async () => {
    const result = await close('users', 'me', '--json')
    expect(result.exitCode, result.stderr).to.equal(0)
    const me = JSON.parse(result.stdout) as User & {organizations: Array<{id: string; name: string}>}
    expect(me.id).to.match(/^user_/)
    expect(me.email).to.contain('@')
    expect(me.organizations[0].id).to.match(/^orga_/)
  })

  it('list prints every user of the organization; get shows one of them', async () => {
    const list = await close('users', 'list', '--json')
    expect(list.exitCode, list.stderr).to.equal(0)
    const users = JSON.parse(list.stdout) as User[]
    expect(users.length).to.be.greaterThan(1)
    const me = JSON.parse((await close('users', 'me', '--json')).stdout) as User
    expect(users.map((u) => u.id)).to.include(me.id)

    const tsv = await close('users', 'ls')
    expect(tsv.exitCode).to.equal(0)
    expect(tsv.stdout.trim().split('\n')).to.have.length(users.length)
    expect(tsv.stdout.split('\n')[0]).to.equal(
      [users[0].id, users[0].first_name, users[0].last_name, users[0].email].join('\t'),
    )

    const other = users.find((u) => u.id !== me.id)!
    const get = await close('users', 'get', other.id, '--json')
    expect(get.exitCode, get.stderr).to.equal(0)
    expect(JSON.parse(get.stdout)).to.include({email: other.email, id: other.id})
    const show = await close('users', 'show', other.id, '--fields', 'email', '-o', 'tsv')
    expect(show.stdout).to.equal(`${other.email}\n`)
  })

  it('an unknown user exits 5; an ID of another kind exits 2 before anything is spawned', async () => {
    const missing = await close('users', 'get', 'user_0000000000000000000000')
    expect(missing.exitCode).to.equal(5)
    expect(missing.stdout).to.equal('')
    expect(missing.stderr).to.equal(
      'Error: No user with ID user_0000000000000000000000.\n  Check the ID; `close users list` shows existing users.\n',
    )

    const wrong = await close('users', 'view', 'lead_0000000000000000000000', '--debug')
    expect(wrong.exitCode).to.equal(2)
    expect(wrong.stdout).to.equal('')
    expect(wrong.stderr).to.equal(
      'Error: lead_0000000000000000000000 in the user argument is a lead ID, but a user is needed.\n' +
        '  Give a user ID (user_…) in the user argument.\n',
    )
  })
})
