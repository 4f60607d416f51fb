import {expect} from 'chai'
import {mkdtemp, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {CloseObject} from '../../../src/close/normalize.js'

import {UsageError} from '../../../src/errors.js'
import {createPrompts, promptAllowed, type Prompts} from '../../../src/prompts/index.js'
import {candidatePicker, leadSearchSource, pickLead, pickMany} from '../../../src/prompts/pickers.js'
import {KEY, loadInquirer, promptsOn, terminal} from './terminal.js'

const LEAD = 'lead_ibiNeZe7yE0ZoJZQUKm0Eymg0nxDH2xb5fHg8IzBsAm'
const LEAD2 = 'lead_2sYKRjcrA79yKxi3S4Crd7'
const leads: CloseObject[] = [
  {display_name: 'Acme Anvil Co', id: LEAD, url: 'https://acme.com'},
  {display_name: 'Acme Rockets', id: LEAD2},
]
const noPause = async () => {}

describe('prompts', () => {
  before(loadInquirer)

  describe('the gate', () => {
    it('allows prompts only on a terminal (stdin and stderr), without --json or CLOSE_NO_PROMPT', () => {
      const tty = {stderrIsTTY: true, stdinIsTTY: true}
      expect(promptAllowed({...tty, env: {}})).to.equal(true)
      expect(promptAllowed({...tty, env: {CLOSE_NO_PROMPT: '0'}})).to.equal(true)
      expect(promptAllowed({...tty, env: {CLOSE_NO_PROMPT: '1'}})).to.equal(false)
      expect(promptAllowed({...tty, env: {}, json: true})).to.equal(false)
      expect(promptAllowed({env: {}, stderrIsTTY: true, stdinIsTTY: false})).to.equal(false)
      expect(promptAllowed({env: {}, stderrIsTTY: false, stdinIsTTY: true})).to.equal(false)
    })

    it('off a terminal every prompt is exit 2 and inquirer is never loaded', async () => {
      let loads = 0
      const closed = createPrompts({
        allowed: () => false,
        async load() {
          loads++
          return import('@inquirer/prompts')
        },
      })
      for (const ask of [
        () => closed.input('Name:'),
        () => closed.confirm('Sure?'),
        () => closed.select('Pick:', [{name: 'a', value: 1}]),
        () => closed.checkbox('Tick:', [{name: 'a', value: 1}]),
        () => closed.search('Find:', async () => []),
        () => closed.editor('Write:'),
      ]) {
        let error: unknown
        try {
          await ask()
        } catch (error_) {
          error = error_
        }

        expect(error).to.be.instanceOf(UsageError)
        expect((error as UsageError).exitCode).to.equal(2)
      }

      expect(loads).to.equal(0)
    })
  })

  describe('the editor', () => {
    it('edits in a private directory (0700) with a 0600 file, removed afterwards', async () => {
      const root = await mkdtemp(join(tmpdir(), 'close-test-'))
      let seen: {dirMode?: number; file?: {dir: string; mode?: number; postfix?: string}} = {}
      const fake = {
        async editor(config: {file: {dir: string; mode?: number; postfix?: string}}) {
          seen = {dirMode: (await stat(config.file.dir)).mode % 0o1000, file: config.file}
          return 'the note'
        },
      }
      try {
        const p = createPrompts({
          allowed: () => true,
          load: async () => fake as unknown as typeof import('@inquirer/prompts'),
          tempRoot: () => root,
        })
        expect(await p.editor('Write:', '', {postfix: '.md'})).to.equal('the note')
        expect(seen.dirMode).to.equal(0o700)
        expect(seen.file).to.deep.include({mode: 0o600, postfix: '.md'})
        expect(seen.file!.dir.startsWith(join(root, 'close-'))).to.equal(true)
        let gone = false
        await stat(seen.file!.dir).catch(() => {
          gone = true
        })
        expect(gone).to.equal(true)
      } finally {
        await rm(root, {force: true, recursive: true})
      }
    })
  })

  describe('the lead search picker', () => {
    it('searches as you type with the query a flag would send, and returns the chosen lead', async () => {
      const queries: string[] = []
      const term = terminal()
      const chosen = pickLead(promptsOn(term), 'Lead:', {
        async searchLeads(query, limit) {
          queries.push(`${query} ${limit}`)
          return leads
        },
        sleep: noPause,
      })
      await term.until('Lead:')
      await term.type(...'acme')
      await term.until('Acme Rockets')
      await term.type(KEY.down, KEY.enter)
      expect(await chosen).to.deep.equal({id: LEAD2, name: 'Acme Rockets'})
      expect(queries.at(-1)).to.equal('"acme" 10')
      expect(term.screen()).to.contain('https://acme.com')
    })

    it('shows the given candidates before anything is typed', async () => {
      const term = terminal()
      const pick = candidatePicker(promptsOn(term), {searchLeads: async () => [], sleep: noPause})
      const chosen = pick(
        [
          {id: LEAD, name: 'Acme Anvil Co'},
          {id: LEAD2, name: 'Acme Rockets'},
        ],
        {text: 'acme', what: 'lead'},
      )
      await term.until('Several leads match "acme"; pick one (type to search):')
      await term.until('Acme Rockets')
      await term.type(KEY.down, KEY.enter)
      expect(await chosen).to.deep.equal({id: LEAD2, name: 'Acme Rockets'})
    })

    it('source: an ID or lead URL needs no search; a repeated term is searched once', async () => {
      let searches = 0
      const source = leadSearchSource({
        async searchLeads() {
          searches++
          return leads
        },
        sleep: noPause,
      })
      const {signal} = new AbortController()
      expect(await source(`https://app.close.com/lead/${LEAD}/`, {signal})).to.deep.equal([
        {description: LEAD, name: LEAD, value: {id: LEAD, name: LEAD}},
      ])
      expect(searches).to.equal(0)
      await source('jane@acme.com', {signal})
      await source('jane@acme.com', {signal})
      expect(searches).to.equal(1)
      expect(await source(undefined, {signal})).to.deep.equal([])
    })

    it('source: a search overtaken by more typing is not sent', async () => {
      let searches = 0
      const controller = new AbortController()
      const source = leadSearchSource({
        async searchLeads() {
          searches++
          return leads
        },
        async sleep() {
          controller.abort()
        },
      })
      expect(await source('acm', {signal: controller.signal})).to.deep.equal([])
      expect(searches).to.equal(0)
    })

    it('other candidates get a plain list', async () => {
      const calls: unknown[] = []
      const fake = {
        async select(message: string, choices: unknown[]) {
          calls.push(message, choices)
          return {id: 'cont_x', name: 'Jane'}
        },
      } as unknown as Prompts
      const chosen = await candidatePicker(fake)([{detail: 'jane@acme.com', id: 'cont_x', name: 'Jane'}], {
        text: 'ja',
        what: 'contact',
      })
      expect(chosen).to.deep.equal({id: 'cont_x', name: 'Jane'})
      expect(calls[0]).to.equal('Several contacts match "ja"; pick one:')
      expect(calls[1]).to.deep.equal([
        {
          description: 'jane@acme.com · cont_x',
          name: 'Jane',
          value: {detail: 'jane@acme.com', id: 'cont_x', name: 'Jane'},
        },
      ])
    })
  })

  describe('the multi-select', () => {
    it('asks again when nothing is ticked, then returns the ticked values', async () => {
      const term = terminal()
      const ticked = pickMany(
        promptsOn(term),
        'Done:',
        [
          {name: 'Call Jane', value: 'task_a'},
          {name: 'Send quote', value: 'task_b'},
        ],
        {required: true},
      )
      await term.until('Send quote')
      await term.type(KEY.enter)
      await term.until('Tick at least one')
      await term.type(KEY.down, KEY.space, KEY.enter)
      expect(await ticked).to.deep.equal(['task_b'])
    })
  })

  describe('select and confirm over the fake terminal', () => {
    it('select returns the value; confirm reads y', async () => {
      const term = terminal()
      const p = promptsOn(term)
      const picked = p.select('Period:', [
        {name: 'one time', value: 'one_time'},
        {name: 'monthly', value: 'monthly'},
      ])
      await term.until('monthly')
      await term.type(KEY.down, KEY.enter)
      expect(await picked).to.equal('monthly')
      const sure = p.confirm('Sure?')
      await term.until('Sure?')
      await term.type('y', KEY.enter)
      expect(await sure).to.equal(true)
    })
  })
})
