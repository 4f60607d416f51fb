/**
 * A rep's screens in a real terminal (issue 12 §8, issue 13): `today`, the lead page and `pipeline`
 * at 50, 80 and 120 columns, captured from tmux; no line may be wider than the pane. The three of one
 * width run in one terminal, one process, Membrane answered in-process (showSeries); the `before`
 * runs the built CLI. Needs a build (`npm run build`).
 */
import {expect} from 'chai'

import {stringWidth} from '../../src/output/width.js'
import {TestHome} from '../helpers/cli.js'
import {requireTmux, showSeries} from '../helpers/tmux.js'

describe('rep day screens (tmux)', function () {
  this.timeout(120_000)
  let home: TestHome
  let leadId: string

  before(async function () {
    requireTmux(this)
    home = new TestHome()
    const day = await home.runHere(['today', '--json', '--sandbox'])
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

  for (const width of [50, 80, 120]) {
    it(`today, the lead page and pipeline at ${width} columns: no line wider than the pane`, async () => {
      const views = await showSeries(
        home,
        screens.map((screen) => screen.args()),
        {env: {NO_COLOR: '1'}, height: 60, width},
      )
      for (const [i, view] of views.entries()) {
        const {expect: shows, name} = screens[i]
        const text = view.lines.join('\n')
        expect(view.exitCode, `${name}:\n${text}`).to.equal(0)
        expect(text, name).to.match(shows)
        for (const line of view.lines) expect(stringWidth(line), `${name}: ${line}`).to.be.at.most(width)
      }
    })
  }
})
