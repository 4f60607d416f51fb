/**
 * Issue 13 items 1 and 8: in real terminals of 50, 80 and 120 columns no line of any list or record
 * view is wider than the pane (tmux joins wrapped lines back with -J, so a wrapped line shows up as
 * too long). The views run one after another in one terminal and one process, with Membrane
 * answered in-process, at 50 columns, then again with the pane resized to 80 and to 120
 * (showSeries): the subject is the screen, not spawning, which the other tmux tests do with the
 * built CLI.
 */
import {expect} from 'chai'

import {stringWidth} from '../../src/output/width.js'
import {TestHome} from '../helpers/cli.js'
import {requireTmux, type SeriesView, showSeries} from '../helpers/tmux.js'

const LEAD = 'lead_XZW0eDJ67uXvO0FeALnXUV' // Aurio Components in the seed

const VIEWS: string[][] = [
  ['leads', 'list'],
  ['contacts', 'list'],
  ['opps', 'list'],
  ['tasks', 'list', '--assignee', 'anyone'],
  ['notes', 'list'],
  ['activities', 'list', '--lead', LEAD],
  ['users', 'list'],
  ['leads', 'get', LEAD],
]

const WIDTHS = [50, 80, 120]

describe('tables and record views fit the terminal (tmux)', function () {
  this.timeout(120_000)
  const home = new TestHome()
  let byWidth: SeriesView[][]

  before(async function () {
    requireTmux(this)
    await home.useSeededSandbox()
    byWidth = await showSeries(
      home,
      VIEWS.map((argv) => [...argv, '--sandbox']),
      WIDTHS,
      {height: 60},
    )
  })

  after(() => home.remove())

  for (const [w, width] of WIDTHS.entries()) {
    it(`at ${width} columns, no line of any list or record view is wider than the pane`, () => {
      for (const view of byWidth[w]) {
        const name = `close ${view.argv.join(' ')} at ${width} columns`
        expect(view.exitCode, `${name}:\n${view.lines.join('\n')}`).to.equal(0)
        expect(view.lines.filter(Boolean).length, `${name}: something was shown`).to.be.greaterThan(1)
        const wide = view.lines.filter((l) => stringWidth(l) > width)
        expect(wide, `${name}: lines wider than ${width}:\n${wide.join('\n')}`).to.deep.equal([])
      }

      // Drawn for this width, not the one before the resize.
      const widest = Math.max(...byWidth[w].flatMap((view) => view.lines.map((line) => stringWidth(line))))
      expect(widest, `the widest line at ${width} columns`).to.be.greaterThan(WIDTHS[w - 1] ?? 0)
    })
  }
})
