/**
 * Notes (Note activities on a lead): flags → Close's `/activity/note/` filters and bodies, and
 * where the text comes from (an argument, `--file PATH`, `-` for stdin, or `$EDITOR` on a
 * terminal). Reading is injected so the rules are unit-tested without files or terminals.
 */
import {readFile} from 'node:fs/promises'

import type {ListSource, Params} from '../close/api.js'
import type {CloseObject} from '../close/normalize.js'
import type {ServiceDeps} from './deps.js'

import {assertId} from '../close/ids.js'
import {leads, notes} from '../close/resources.js'
import {UsageError} from '../errors.js'
import {refuseMissing} from '../input/ask.js'
import {withFieldErrors} from './records.js'
import {askLead, type FieldFlags, leadIdOf, listOf, userIdOf} from './support.js'

export interface NoteFilters {
  lead?: string
  user?: string
}

/** Close field → flag, for field errors. */
export const NOTE_FIELD_FLAGS: FieldFlags = {
  lead: '--lead',
  lead_id: '--lead',
  note: 'TEXT (or --file)',
  note_html: 'TEXT (or --file)',
}

export async function noteListParams(deps: ServiceDeps, filters: NoteFilters): Promise<Params> {
  const params: Params = {}
  if (filters.lead !== undefined) params.lead_id = await leadIdOf(deps, filters.lead)
  if (filters.user !== undefined) params.user_id = await userIdOf(deps, filters.user, '--user')
  return params
}

/** `notes list`: the list and the view (one lead's notes leave out the lead column of a table). */
export async function listNotes(
  deps: ServiceDeps,
  filters: NoteFilters,
  limit?: number,
): Promise<{source: ListSource; view: typeof notes}> {
  const source = await listOf(deps, notes, await noteListParams(deps, filters), limit)
  const table = deps.io.format === 'table'
  const view = filters.lead && table ? {...notes, columns: notes.columns.filter((c) => c.key !== 'lead_id')} : notes
  return {source, view}
}

/** What `notes create` and `notes update` take. */
export interface NoteInput {
  file?: string
  lead?: string
  text?: string
}

function readers(deps: ServiceDeps, question: string): NoteTextReaders {
  return systemNoteReaders((initial) => deps.prompts.editor(question, initial))
}

/**
 * `notes create`: --lead (a reference; on a terminal the search picker) and the text (argument,
 * --file, stdin, or $EDITOR on a terminal); off a terminal missing ones exit 2 naming all of them.
 */
export async function createNote(deps: ServiceDeps, input: NoteInput): Promise<CloseObject> {
  const hasText = input.text !== undefined || input.file !== undefined
  if (input.lead === undefined) {
    refuseMissing(['--lead', ...(hasText ? [] : ['TEXT (or --file PATH, or - for stdin)'])], deps.interactive)
  }

  const lead = input.lead === undefined ? await askLead(deps) : await leadIdOf(deps, input.lead)
  const text = await readNoteText(
    {arg: input.text, file: input.file, interactive: deps.interactive},
    readers(deps, 'Write the note (save and close the editor to log it):'),
    'create',
  )
  const {api} = await deps.connect()
  return withFieldErrors(() => api.create(notes, noteBody({lead, text})), NOTE_FIELD_FLAGS, 'note')
}

/**
 * `notes update ID`: the new text; on a terminal without one $EDITOR opens on the current text,
 * and an unchanged text sends nothing (`unchanged: true`).
 */
export async function updateNote(
  deps: ServiceDeps,
  input: NoteInput & {id: string},
): Promise<{note: CloseObject; unchanged: boolean}> {
  const id = assertId(notes, input.id)
  const editing = input.text === undefined && input.file === undefined && deps.interactive
  const before = editing ? await (await deps.connect()).api.get(notes, id) : undefined
  const current = before ? noteText(before) : ''
  const text = await readNoteText(
    {arg: input.text, file: input.file, interactive: deps.interactive},
    readers(deps, 'Edit the note (save and close the editor to update it):'),
    'update',
    current,
  )
  if (before && text === current.replace(/\s+$/, '')) return {note: before, unchanged: true}
  const {api} = await deps.connect()
  const note = await withFieldErrors(() => api.update(notes, id, noteBody({text})), NOTE_FIELD_FLAGS, 'note')
  return {note, unchanged: false}
}

/** Where a note's text may come from. */
export interface NoteTextSources {
  /** The TEXT argument; `-` means stdin. */
  arg?: string
  /** `--file PATH`; `-` means stdin too. */
  file?: string
  /** May we open $EDITOR (a terminal, no --json)? */
  interactive: boolean
}

export interface NoteTextReaders {
  /** Open $EDITOR with `initial` and return what was saved. */
  editor(initial: string): Promise<string>
  readFile(path: string): Promise<string>
  readStdin(): Promise<string>
}

/** The real readers: files, stdin, and $EDITOR through `editor`. A file that cannot be read exits 2. */
export function systemNoteReaders(editor: (initial: string) => Promise<string>): NoteTextReaders {
  return {
    editor,
    async readFile(path) {
      try {
        return await readFile(path, 'utf8')
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
        throw new UsageError(`Cannot read --file ${path}: ${reason}.`, {
          code: 'invalid_file',
          hint: 'Give the path of a text file, or - to read the note from stdin.',
        })
      }
    },
    async readStdin() {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
      return Buffer.concat(chunks).toString('utf8')
    },
  }
}

/**
 * The note text: the argument, the file, stdin (`-`), or — on a terminal with neither — `$EDITOR`
 * (pre-filled with `initial` when updating). Off a terminal with no text: exit 2. Empty: exit 2.
 */
export async function readNoteText(
  sources: NoteTextSources,
  readers: NoteTextReaders,
  command: 'create' | 'update',
  initial = '',
): Promise<string> {
  if (sources.arg !== undefined && sources.file !== undefined) {
    throw new UsageError('Give the note as TEXT or --file, not both.', {
      code: 'invalid_input',
      hint: 'Use `close notes create --lead ID "text"`, `--file notes.md`, or `-` to read stdin.',
    })
  }

  let text: string
  const from = sources.arg ?? sources.file
  if (from === '-') text = await readers.readStdin()
  else if (sources.file !== undefined) text = await readers.readFile(sources.file)
  else if (sources.arg !== undefined) text = sources.arg
  else if (sources.interactive) text = await readers.editor(initial)
  else {
    throw new UsageError('Missing the note text.', {
      code: 'missing_input',
      hint: `No editor opens off a terminal or with --json: pass the text as an argument, --file PATH, or - to read stdin (e.g. \`echo "Called" | close notes ${command} ${command === 'create' ? '--lead lead_… ' : 'acti_… '}-\`).`,
    })
  }

  const trimmed = text.replace(/\s+$/, '').replace(/^\s*\n/, '')
  if (trimmed.trim() === '') {
    throw new UsageError('The note is empty; nothing was saved.', {
      code: 'invalid_input',
      hint: 'Write some text, or pass it as an argument, --file PATH or - for stdin.',
    })
  }

  return trimmed
}

/** The body for `notes create` / `notes update`: plain text goes to `note` (Close fills `note_html`). */
export function noteBody(input: {lead?: string; text?: string}): CloseObject {
  const body: CloseObject = {}
  if (input.lead !== undefined) body.lead_id = assertId(leads, input.lead.trim(), '--lead')
  if (input.text !== undefined) body.note = input.text
  return body
}

/** A note's plain text, from `note` or, failing that, `note_html` with the tags taken out. */
export function noteText(note: CloseObject): string {
  if (typeof note.note === 'string' && note.note !== '') return note.note
  if (typeof note.note_html === 'string') return htmlToText(note.note_html)
  return ''
}

/** Close's limited XHTML → readable text: line breaks for <br>, </p>, </li>; entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replaceAll(/<br\s*\/?>/gi, '\n')
    .replaceAll(/<\/(p|li|h[1-6])>/gi, '\n')
    .replaceAll(/<li[^>]*>/gi, '- ')
    .replaceAll(/<[^>]+>/g, '')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\n+$/, '')
}
