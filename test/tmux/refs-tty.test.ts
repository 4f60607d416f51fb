/**
 * References and prompts on a real terminal (tmux, sandbox): the lead search picker (type to
 * filter), a reference that matches several leads, and `contacts create` asking again for a wrong
 * answer without losing the earlier ones. Needs a build (`npm run build`) and tmux.
 */
import {expect} from 'chai'

import {TestHome} from '../helpers/cli.js'
import {requireTmux, Terminal} from '../helpers/tmux.js'

describe('tmux: lead search picker and prompts that keep what you type (sandbox)', function () {
  this.timeout(120_000)

  before(function () {
    requireTmux(this)
  })

  let home: TestHome
  let term: Terminal

  beforeEach(async () => {
    home = await new TestHome().useSeededSandbox()
    term = new Terminal(home)
  })

  afterEach(() => {
    term.kill()
    home.remove()
  })

  it('contacts create: the lead from the search picker, a wrong email asked again, earlier answers kept', async () => {
    term.start(['contacts', 'create', '--sandbox', '--no-color'], {height: 40, width: 120})
    await term.waitFor('Lead to add the contact to (type to search):')
    term.type('Aurio')
    await term.waitFor('Aurio Components')
    term.send('Enter')
    await term.waitFor('Contact name:')
    term.type('Mia Park')
    term.send('Enter')
    await term.waitFor('Email (optional):')
    term.type('mia-at-aurio')
    term.send('Enter')
    let screen = await term.waitFor('--email "mia-at-aurio" is not an email address.')
    expect(screen).to.include('Contact name: Mia Park')
    term.send('C-u')
    term.type('mia@auriocomponents.com')
    term.send('Enter')
    await term.waitFor('Phone (optional):')
    term.send('Enter')
    expect(await term.waitForExit()).to.equal(0)
    screen = term.screen()
    expect(screen).to.match(/Name +Mia Park/)
    expect(screen).to.include('mia@auriocomponents.com')

    const listed = await home.runHere(['contacts', 'list', '--lead', 'Aurio Components', '--sandbox', '--json'])
    const names = (JSON.parse(listed.stdout) as Array<{emails: Array<{email: string}>; name: string}>).map((c) => [
      c.name,
      c.emails[0]?.email,
    ])
    expect(names).to.deep.include(['Mia Park', 'mia@auriocomponents.com'])
  })

  it('leads get with several matches: the picker filters as you type, the choice is shown', async () => {
    term.start(['leads', 'get', 'Inc', '--sandbox', '--no-color'], {height: 40, width: 120})
    // The search prompt draws its question before its first choices: wait for both.
    await term.waitFor('Several leads match "Inc"; pick one (type to search):')
    let screen = await term.waitFor('Foxharbor Outfitters, Inc.')
    expect(screen).to.include('Several leads match "Inc"; pick one (type to search):')
    expect(screen).to.include('Foxharbor Outfitters, Inc.')
    term.type('Ward Supply')
    screen = await term.waitFor(/❯ Ward Supply, Inc\./)
    term.send('Enter')
    expect(await term.waitForExit()).to.equal(0)
    screen = term.screen()
    expect(screen).to.match(/^Ward Supply, Inc\. +\S/m)
    const last = await home.runHere(['leads', 'get', '@last', '--sandbox', '--json', '--fields', 'display_name'])
    expect(JSON.parse(last.stdout)).to.deep.equal({display_name: 'Ward Supply, Inc.'})
  })
})
