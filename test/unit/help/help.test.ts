import {Config} from '@oclif/core'
import {expect} from 'chai'

import CloseHelp, {isAliasEntry, reflowCommand} from '../../../src/help/index.js'
import {ROOT} from '../../helpers/root.js'

/** The help class with its output kept instead of printed. */
class CapturedHelp extends CloseHelp {
  lines: string[] = []

  get text(): string {
    return this.lines.join('\n')
  }

  protected log(...args: string[]): void {
    this.lines.push(args.join(' '))
  }
}

describe('help/CloseHelp', function () {
  this.timeout(20_000)
  let config: Config

  before(async () => {
    config = await Config.load({root: ROOT})
  })

  function help(): CapturedHelp {
    return new CapturedHelp(config, {maxWidth: 80, stripAnsi: true})
  }

  it('a topic lists each command once, without alias rows', async () => {
    const h = help()
    await h.showHelp(['tasks'])
    const rows = h.text.split('\n').filter((l) => /^ {2}tasks \S/.test(l))
    const ids = rows.map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))
    expect(ids).to.include('tasks list')
    for (const alias of ['tasks ls', 'tasks show', 'tasks view', 'tasks add', 'tasks edit', 'tasks rm']) {
      expect(ids, alias).to.not.include(alias)
    }

    const visible = config.commands.filter((c) => /^tasks[: ]/.test(c.id) && !c.hidden && !isAliasEntry(c))
    expect(rows).to.have.length(visible.length)
  })

  it("shows the aliases on the command's own page", async () => {
    const h = help()
    await h.showHelp(['tasks', 'list'])
    expect(h.text).to.match(/ALIASES\n {2}\$ close tasks ls/)
  })

  it('lists login once, as a command, and its own page lists login complete', async () => {
    const h = help()
    await h.showHelp([])
    expect(h.text.match(/^ {2}login\b/gm)).to.have.length(1)
    const commands = h.text.slice(h.text.indexOf('COMMANDS'))
    expect(commands).to.match(/^ {2}login {2,}/m)
    const page = help()
    await page.showHelp(['login'])
    expect(page.text).to.match(/^ {2}login complete\b/m)
  })

  it('reflows descriptions: no line of a paragraph ends early', async () => {
    const h = help()
    await h.showHelp(['sandbox', 'reset'])
    const description = h.text.slice(h.text.indexOf('DESCRIPTION'), h.text.indexOf('EXAMPLES'))
    const paragraphs = description.split('\n\n').slice(1)
    const long = paragraphs.find((p) => p.includes('seeds it again'))!
    const lines = long.split('\n')
    // Wrapped to 80 columns: every line but the last is filled to near the width.
    for (const line of lines.slice(0, -1)) expect(line.length, line).to.be.greaterThan(60)
    for (const line of h.text.split('\n')) expect(line.length, line).to.be.at.most(80)
  })

  it('reflowCommand keeps the first line of a description without a summary', () => {
    const command = {description: 'Summary line\nmore\ntext', flags: {}, id: 'x'} as never
    expect(reflowCommand(command).description).to.equal('Summary line\nmore text')
    const withSummary = {description: 'a\nb', flags: {f: {description: 'c\nd'}}, id: 'x', summary: 's'} as never
    const out = reflowCommand(withSummary) as unknown as {description: string; flags: {f: {description: string}}}
    expect(out.description).to.equal('a b')
    expect(out.flags.f.description).to.equal('c d')
  })
})
