/**
 * A rep's screens in a real terminal (issue 12 §8, issue 13): `today`, the lead page and `pipeline`
 * at 50, 80 and 120 columns, captured from tmux; no line may be wider than the pane. The three run
 * in one terminal and one process, Membrane answered in-process, at 50 columns and again with the
 * pane resized to 80 and to 120 (showSeries).
 */
import {expect} from 'chai'

import {stringWidth} from '../../src/output/width.js'
import {TestHome} from '../helpers/cli.js'
import {requireTmux, type SeriesView, showSeries} from '../helpers/tmux.js'

const WIDTHS = [50, 80, 120]

describe('rep day screens (tmux)', function () {
  this.timeout(120_000)
  let home: TestHome
  let leadId: string
  let byWidth: SeriesView[][]

  const screens: Array<{args: () => string[]; expect: RegExp; name: string}> = [
    {args: () => ['today', '--sandbox'], expect: /Closing this month/, name: 'today'},
    {args: () => ['leads', 'get', leadId, '--sandbox'], expect: /Recent activity/, name: 'the lead page'},
    {args: () => ['pipeline', '--sandbox'], expect: /Lost +\d+/, name: 'pipeline'},
  ]

  before(async function () {
    requireTmux(this)
    home = new TestHome()
    const day = await home.runHere(['today', '--json', '--sandbox'])
    expect(day.exitCode, day.stderr).to.equal(0)
    leadId = String(
      (JSON.parse(day.stdout) as {opportunities: {closing: Array<{lead_id: string}>}}).opportunities.closing[0].lead_id,
    )
    byWidth = await showSeries(
      home,
      screens.map((screen) => screen.args()),
      WIDTHS,
      {env: {NO_COLOR: '1'}, height: 60},
    )
  })

  after(() => home?.remove())

  for (const [w, width] of WIDTHS.entries()) {
    it(`today, the lead page and pipeline at ${width} columns: no line wider than the pane`, () => {
      for (const [i, view] of byWidth[w].entries()) {
        const {expect: shows, name} = screens[i]
        const text = view.lines.join('\n')
        expect(view.exitCode, `${name}:\n${text}`).to.equal(0)
        expect(text, name).to.match(shows)
        for (const line of view.lines) expect(stringWidth(line), `${name}: ${line}`).to.be.at.most(width)
      }

      // Drawn for this width, not the one before the resize.
      const widest = Math.max(...byWidth[w].flatMap((view) => view.lines.map((line) => stringWidth(line))))
      expect(widest, `the widest line at ${width} columns`).to.be.greaterThan(WIDTHS[w - 1] ?? 0)
    })
  }
})
