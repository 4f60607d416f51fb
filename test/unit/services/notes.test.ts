import {expect} from 'chai'
import {stub} from 'sinon'

import {UsageError} from '../../../src/errors.js'
import {
  htmlToText,
  noteBody,
  noteListParams,
  noteText,
  type NoteTextReaders,
  readNoteText,
} from '../../../src/services/notes.js'
import {ACME, JANE, ME, stubDeps} from './stub-resolver.js'

const LEAD = ACME

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }

  throw new Error('expected a rejection')
}

function readers() {
  return {
    editor: stub<[string], Promise<string>>().resolves('From the editor\n\n'),
    readFile: stub<[string], Promise<string>>().resolves('From the file\nsecond line\n'),
    readStdin: stub<[], Promise<string>>().resolves('From stdin\n'),
  } satisfies NoteTextReaders
}

describe('services/notes', () => {
  describe('noteListParams', () => {
    it('filters by lead and by author', async () => {
      expect(await noteListParams(stubDeps(), {lead: 'acme', user: 'me'})).to.deep.equal({
        lead_id: LEAD,
        user_id: ME,
      })
      expect(await noteListParams(stubDeps(), {user: JANE})).to.deep.equal({user_id: JANE})
      expect(await noteListParams(stubDeps(), {})).to.deep.equal({})
    })
  })

  describe('readNoteText', () => {
    it('takes the argument as it is, trailing blank lines aside', async () => {
      const r = readers()
      expect(await readNoteText({arg: 'Called Dana\n', interactive: false}, r, 'create')).to.equal('Called Dana')
      expect(r.editor.called || r.readFile.called || r.readStdin.called).to.equal(false)
    })

    it('reads a file, keeping its line breaks', async () => {
      const r = readers()
      expect(await readNoteText({file: 'notes.md', interactive: false}, r, 'create')).to.equal(
        'From the file\nsecond line',
      )
      expect(r.readFile.calledOnceWith('notes.md')).to.equal(true)
    })

    it('reads stdin for - as the argument or as --file', async () => {
      expect(await readNoteText({arg: '-', interactive: false}, readers(), 'create')).to.equal('From stdin')
      expect(await readNoteText({file: '-', interactive: false}, readers(), 'create')).to.equal('From stdin')
    })

    it('opens the editor on a terminal without text, pre-filled when updating', async () => {
      const r = readers()
      expect(await readNoteText({interactive: true}, r, 'update', 'old text')).to.equal('From the editor')
      expect(r.editor.calledOnceWith('old text')).to.equal(true)
    })

    it('off a terminal without text exits 2 naming the ways to give it', async () => {
      const error = await rejection(readNoteText({interactive: false}, readers(), 'create'))
      expect(error).to.be.instanceOf(UsageError)
      expect((error as UsageError).exitCode).to.equal(2)
      expect(error.message).to.equal('Missing the note text.')
      expect((error as UsageError).hint).to.contain('--file PATH, or - to read stdin')
    })

    it('refuses both TEXT and --file, and an empty note', async () => {
      expect(
        (await rejection(readNoteText({arg: 'a', file: 'b', interactive: false}, readers(), 'create'))).message,
      ).to.equal('Give the note as TEXT or --file, not both.')
      const r = readers()
      r.readStdin.resolves('  \n\n')
      expect((await rejection(readNoteText({arg: '-', interactive: false}, r, 'create'))).message).to.equal(
        'The note is empty; nothing was saved.',
      )
    })
  })

  describe('bodies and text', () => {
    it('sends plain text as note (Close fills note_html)', () => {
      expect(noteBody({lead: LEAD, text: 'a\nb'})).to.deep.equal({lead_id: LEAD, note: 'a\nb'})
      expect(noteBody({text: 'new'})).to.deep.equal({note: 'new'})
    })

    it('rejects a lead ID of the wrong kind', () => {
      expect(() => noteBody({lead: 'acti_AbCdEfGhIjKlMnOpQrStUv', text: 'x'})).to.throw(
        UsageError,
        /^acti_AbCdEfGhIjKlMnOpQrStUv in --lead is an? activity ID, but a lead ID \(lead_…\) is needed\.$/,
      )
    })

    it('reads a note’s text from note, else from note_html', () => {
      expect(noteText({note: 'plain', note_html: '<p>rich</p>'})).to.equal('plain')
      expect(noteText({note_html: '<p>Hello <b>Dana</b></p><ul><li>one</li><li>two &amp; three</li></ul>'})).to.equal(
        'Hello Dana\n- one\n- two & three',
      )
      expect(htmlToText('a<br />b')).to.equal('a\nb')
    })
  })
})
