/**
 * Issue 13 items 1 and 8: in real terminals of 50, 80 and 120 columns no line of any list or record
 * view is wider than the pane (tmux joins wrapped lines back with -J, so a wrapped line shows up as
 * too long). The views of one width run in one terminal, one after another, in one process with
 * Membrane answered in-process (Terminal.startSeries): the subject is the screen, not spawning,
 * which the other tmux tests do with the built CLI.
 */
import {expect} from 'chai'

import {stringWidth} from '../../src/output/width.js'
import {TestHome} from '../helpers/cli.js'
import {requireTmux, showSeries} from '../helpers/tmux.js'

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

describe('tables and record views fit the terminal (tmux)', function () {
  this.timeout(120_000)
  const home = new TestHome()

  before(async function () {
    requireTmux(this)
    await home.useSeededSandbox()
  })

  after(() => home.remove())

  for (const width of [50, 80, 120]) {
    it(`at ${width} columns, no line of any list or record view is wider than the pane`, async () => {
      const views = await showSeries(
        home,
        VIEWS.map((argv) => [...argv, '--sandbox']),
        {height: 60, width},
      )
      for (const view of views) {
        const name = `close ${view.argv.join(' ')} at ${width} columns`
        expect(view.exitCode, `${name}:\n${view.lines.join('\n')}`).to.equal(0)
        expect(view.lines.filter(Boolean).length, `${name}: something was shown`).to.be.greaterThan(1)
        const wide = view.lines.filter((l) => stringWidth(l) > width)
        expect(wide, `${name}: lines wider than ${width}:\n${wide.join('\n')}`).to.deep.equal([])
      }
    })
  }
})
