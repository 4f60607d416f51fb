/**
 * `close notes list / get / create / update / delete` end to end against the sandbox: a rep logs
 * notes from an argument, a file and stdin, reads them back, edits and deletes one; and the
 * rules for missing text off a terminal.
 *
 */
import {expect} from 'chai'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

type Note = Record<string, unknown> & {id: string}

const NO_SUCH_NOTE = 'acti_0000000000000000000000'
const NO_SUCH_LEAD = 'lead_0000000000000000000000'

describe('notes (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let leadId: string

  before(async () => {
    const leads = await close('leads', 'list', '--limit', '1', '--json')
    expect(leads.exitCode, leads.stderr).to.equal(0)
    leadId = (JSON.parse(leads.stdout) as Array<{id: string}>)[0].id
  })

  after(() => home.remove())

  describe("a rep's notes: from an argument, a file and stdin", () => {
    const logged: Note[] = []

    it('logs a note from the argument', async () => {
      const result = await close('notes', 'create', '--lead', leadId, 'Called Dana: wants a quote by Friday', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      const note = JSON.parse(result.stdout) as Note
      expect(note.id).to.match(/^acti_/)
      expect(note).to.include({_type: 'Note', lead_id: leadId, note: 'Called Dana: wants a quote by Friday'})
      logged.push(note)
    })

    it('logs a multi-line note from --file; Close renders note_html', async () => {
      const file = join(home.dir, 'meeting.md')
      writeFileSync(file, 'Meeting notes\n- budget approved\n- decision on Friday\n')
      const result = await close('notes', 'add', '--lead', leadId, '--file', file, '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      const note = JSON.parse(result.stdout) as Note
      expect(note.note).to.equal('Meeting notes\n- budget approved\n- decision on Friday')
      expect(note.note_html).to.equal('Meeting notes<br />- budget approved<br />- decision on Friday')
      logged.push(note)
    })

    it('logs a note from stdin with -', async () => {
      const result = await home.run(
        ['notes', 'create', '--lead', leadId, '-', '--fields', 'note', '-o', 'tsv', '--sandbox'],
        {},
        'Left a voicemail\n',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal('Left a voicemail\n')
    })

    it('lists the lead’s notes, newest first, and gets one back', async () => {
      const list = await close('notes', 'list', '--lead', leadId, '--user', 'me', '--fields', 'note', '-o', 'tsv')
      expect(list.exitCode, list.stderr).to.equal(0)
      expect(list.stdout.split('\n').slice(0, 3)).to.deep.equal([
        'Left a voicemail',
        'Meeting notes - budget approved - decision on Friday',
        'Called Dana: wants a quote by Friday',
      ])
      const got = await close('notes', 'show', logged[0].id, '--json')
      expect(got.exitCode, got.stderr).to.equal(0)
      expect(JSON.parse(got.stdout)).to.deep.equal(logged[0])
    })

    it('updates the text', async () => {
      const result = await close('notes', 'edit', logged[0].id, 'Called Dana: quote sent', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({id: logged[0].id, note: 'Called Dana: quote sent'})
    })

    it('deletes with --yes, naming the note; then it is gone (exit 5)', async () => {
      const result = await close('notes', 'rm', logged[0].id, '--yes')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal(`Deleted note "Called Dana: quote sent" (${logged[0].id}).\n`)
      const gone = await close('notes', 'get', logged[0].id)
      expect(gone.exitCode).to.equal(5)
      expect(gone.stderr).to.contain(`No note with ID ${logged[0].id}.`)
    })
  })

  describe('errors', () => {
    it("Close's field errors name the flag to fix (exit 3)", async () => {
      const result = await close('notes', 'create', '--lead', NO_SUCH_LEAD, 'x')
      expect(result.exitCode).to.equal(3)
      expect(result.stderr).to.equal(
        'Error: Close rejected the note: lead: Object does not exist (--lead).\n  Fix --lead and try again.\n',
      )
    })

    it('an unknown ID exits 5 on get, update and delete', async () => {
      for (const args of [
        ['get', NO_SUCH_NOTE],
        ['update', NO_SUCH_NOTE, 'x'],
        ['delete', NO_SUCH_NOTE, '--yes'],
      ]) {
        const result = await close('notes', ...args)
        expect(result.exitCode, args.join(' ')).to.equal(5)
        expect(result.stderr).to.contain(`No note with ID ${NO_SUCH_NOTE}.`)
      }
    })
  })

  describe('missing or wrong input off a terminal spawns nothing', () => {
    const log = join(home.dir, 'membrane-argv.log')
    const fake = (...args: string[]) =>
      home.run(args, {
        CLOSE_CONNECTION_ID: '6eaac8d82f01b7210760474f',
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
      })

    it('exits 2 naming what to pass', async () => {
      const noText = await fake('notes', 'create', '--lead', leadId)
      expect(noText.exitCode).to.equal(2)
      expect(noText.stderr).to.equal(
        'Error: Missing the note text.\n' +
          '  No editor opens off a terminal or with --json: pass the text as an argument, --file PATH, or - to read stdin' +
          ' (e.g. `echo "Called" | close notes create --lead lead_… -`).\n',
      )

      const nothing = await fake('notes', 'create')
      expect(nothing.exitCode).to.equal(2)
      expect(nothing.stderr).to.equal(
        'Error: Missing --lead, TEXT (or --file PATH, or - for stdin).\n' +
          '  Not running on a terminal, so nothing is asked: pass --lead and TEXT (or --file PATH, or - for stdin).\n',
      )

      const cases: Array<[string[], string]> = [
        [['notes', 'update', NO_SUCH_NOTE], 'Error: Missing the note text.'],
        [
          ['notes', 'create', '--lead', leadId, 'a', '--file', 'b'],
          'Error: Give the note as TEXT or --file, not both.',
        ],
        [['notes', 'create', '--lead', leadId, '--file', join(home.dir, 'nope.md')], 'no such file'],
        [['notes', 'create', '--lead', leadId, '-'], 'Error: The note is empty; nothing was saved.'],
        [['notes', 'get', leadId], `${leadId} is a lead ID, but a note ID (acti_…) is needed.`],
        [['notes', 'create', '--lead', NO_SUCH_NOTE, 'x'], `${NO_SUCH_NOTE} in --lead is a`],
        [['notes', 'list', '--user', NO_SUCH_LEAD], `${NO_SUCH_LEAD} in --user is a lead ID`],
        [['notes', 'delete', NO_SUCH_NOTE], 'Refusing to delete without confirmation.'],
      ]
      for (const [args, message] of cases) {
        const result = await fake(...args)
        expect(result.exitCode, args.join(' ')).to.equal(2)
        expect(result.stderr, args.join(' ')).to.contain(message)
      }

      expect(existsSync(log), 'membrane was started').to.equal(false)
    })
  })
})
