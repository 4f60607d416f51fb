/**
 * Issue 13 items 1 and 8: in real terminals of 50, 80 and 120 columns no line of any list or record
 * view is wider than the pane (tmux joins wrapped lines back with -J, so a wrapped line shows up as
 * too long). Runs the built CLI against the sandbox. Needs a build: `npm run build`.
 */
import {expect} from 'chai'

import {stringWidth} from '../../src/output/width.js'
import {TestHome} from '../helpers/cli.js'
import {requireTmux, Terminal} from '../helpers/tmux.js'

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

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[\d;?]*[A-Za-z]/g

describe('tables and record views fit the terminal (tmux)', function () {
  this.timeout(120_000)
  const home = new TestHome()

  before(function () {
    requireTmux(this)
  })

  after(() => home.remove())

  for (const width of [50, 80, 120]) {
    for (const argv of VIEWS) {
      it(`close ${argv.join(' ')} at ${width} columns: no line wider than the pane`, async () => {
        const t = new Terminal(home)
        try {
          t.start([...argv, '--sandbox'], {height: 60, width})
          for (let i = 0; i < 300 && t.exitCode() === undefined; i++)
            await new Promise<void>((r) => {
              setTimeout(r, 100)
            })
          expect(t.exitCode(), t.screen()).to.equal(0)
          const lines = t
            .screen({joined: true})
            .split('\n')
            .map((l) => l.replaceAll(ANSI, '').trimEnd())
          expect(lines.filter(Boolean).length, 'something was shown').to.be.greaterThan(1)
          const wide = lines.filter((l) => stringWidth(l) > width)
          expect(wide, `lines wider than ${width}:\n${wide.join('\n')}`).to.deep.equal([])
        } finally {
          t.kill()
        }
      })
    }
  }
})
