/**
 * A rep's screens in a real terminal (issue 12 §8): `today`, the lead page and `pipeline` at 80 and
 * 120 columns, captured from tmux; no line may be wider than the pane. Needs a build (`npm run build`).
 */
import {expect} from 'chai'

import {TestHome} from '../helpers/cli.js'
import {requireTmux, Terminal} from '../helpers/tmux.js'

describe('rep day screens (tmux)', function () {
  this.timeout(120_000)
  let home: TestHome
  let leadId: string

  before(async function () {
    requireTmux(this)
    home = new TestHome()
    const day = await home.run(['today', '--json', '--sandbox'])
    expect(day.exitCode, day.stderr).to.equal(0)
    leadId = String(
      (JSON.parse(day.stdout) as {opportunities: {closing: Array<{lead_id: string}>}}).opportunities.closing[0].lead_id,
    )
  })

  after(() => home?.remove())

  const screens: Array<{args: () => string[]; expect: RegExp; name: string}> = [
    {args: () => ['today', '--sandbox'], expect: /Closing this month/, name: 'today'},
    {args: () => ['leads', 'get', leadId, '--sandbox'], expect: /Recent activity/, name: 'the lead page'},
    {args: () => ['pipeline', '--sandbox'], expect: /Lost +\d+/, name: 'pipeline'},
  ]

  for (const width of [80, 120]) {
    for (const screen of screens) {
      it(`${screen.name} at ${width} columns: no line wider than the pane`, async () => {
        const term = new Terminal(home)
        try {
          term.start(screen.args(), {env: {NO_COLOR: '1'}, height: 60, width})
          await term.waitFor(screen.expect)
          expect(await term.waitForExit()).to.equal(0)
          const text = term.screen({joined: true})
          expect(text).to.match(screen.expect)
          for (const line of text.split('\n')) expect([...line].length, line).to.be.at.most(width)
        } finally {
          term.kill()
        }
      })
    }
  }
})
