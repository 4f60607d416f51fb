/**
 * The on-disk store. Layout under the sandbox directory:
 *
 *   meta.json                      organization, users, statuses, pipelines, custom fields, and the
 *                                  name of the current generation directory
 *   <generation>/chunks/00000.json leads of one chunk with their contacts, opportunities and tasks
 *   <generation>/chunks/00000.acts.json   the activities of those leads
 *   <generation>/index/lead.txt    `lead_id chunk` per line, in list order (newest first)
 *   <generation>/index/{cont,oppo,task,acti}.txt   `id chunk` per line
 *
 * A list page or a get reads the small index and only the chunks it needs.
 *
 * Commits are all-or-nothing: a write (under the lock directory `.lock`, so writers are serialised
 * with each other and with a reseed) builds a new generation directory — the files it changed,
 * written and fsynced, plus hard links to every unchanged file of the current generation — and
 * then renames a new meta.json over the old one. That rename is the commit point: readers (who
 * take no lock) see either the old generation or the new one, never a mix. The old generation is
 * then deleted; a reader still in it finds its files gone and retries the request on the new one
 * (`StaleGeneration`). A writer killed half-way leaves only an unreferenced generation directory or
 * a temp file; the next process that takes over its stale lock sweeps them away.
 */
import {randomBytes} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {link, mkdir, open, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

import type {
  ActsData,
  ChunkData,
  CustomField,
  CustomFieldKind,
  LeadStatus,
  Meta,
  OpportunityStatus,
  Pipeline,
  StoredActivity,
  StoredContact,
  StoredLead,
  StoredOpportunity,
  StoredTask,
  StoredUser,
} from './types.js'

import {dateOnly} from './format.js'
import {idPrefix} from './ids.js'

export const STORE_VERSION = 2

export type IndexKind = 'acti' | 'cont' | 'lead' | 'oppo' | 'task'

export const LEAD_COUNTS = 'leadcounts.json'

export function serializeCounts(counts: Map<number, number>): string {
  return JSON.stringify(Object.fromEntries([...counts].sort(([a], [b]) => a - b)))
}

const INDEX_BY_PREFIX: Record<string, IndexKind> = {
  acti_: 'acti',
  cont_: 'cont',
  lead_: 'lead',
  oppo_: 'oppo',
  task_: 'task',
}

export function metaPath(dir: string): string {
  return path.join(dir, 'meta.json')
}

export function chunkFileName(n: number, acts = false): string {
  return `${String(n).padStart(5, '0')}${acts ? '.acts' : ''}.json`
}

/** Write a file and flush it to disk before resolving. */
export async function writeDurable(file: string, content: string): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Write a file so readers see either the old or the new content, never a torn one; durable. */
export async function atomicWrite(file: string, content: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeDurable(tmp, content)
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, {force: true})
    throw error
  }

  await syncDir(path.dirname(file))
}

/** Flush a directory entry change (a rename) to disk; best effort where directories cannot be opened. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => {})
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle.close()
  }
}

/** A fresh, unique generation directory name. */
export function newGeneration(): string {
  return `data-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}

/** Thrown by a read of a generation that a commit has replaced and deleted: retry on the new one. */
export class StaleGeneration extends Error {
  constructor(generation: string) {
    super(`The sandbox data generation ${generation} was replaced while it was read.`)
    this.name = 'StaleGeneration'
  }
}

/**
 * Remove what is not the current generation: older generation directories and temp files left by
 * a killed process. Only under the lock, so no writer's work in progress is touched.
 */
export async function sweep(dir: string, keep: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  await Promise.all(
    names
      .filter((name) => (name.startsWith('data-') && name !== keep) || name.endsWith('.tmp'))
      .map((name) => rm(path.join(dir, name), {force: true, recursive: true})),
  )
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT'
}

/**
 * A file's text, or undefined if it does not exist. Synchronous on purpose: a request reads a few
 * small files, and readFileSync is several times cheaper than the promise API for them.
 */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

/** A file's bytes, or undefined if it does not exist (for the ASCII indexes: no decoding). */
function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

function parseJson<T>(file: string, text: string): T {
  try {
    return JSON.parse(text) as T
  } catch {
    throw new Error(`The sandbox data file ${file} is corrupt; re-create it with \`close sandbox reset\`.`)
  }
}

/**
 * Parsed data files kept between requests, for a process that answers many of them (an in-process
 * host: `keepParsedFiles`). A file is found by its inode (dev:ino: every home hard-linked from one
 * seed shares the template's) and used only when its bytes are those that were parsed, so a reused
 * inode or a file changed since can never return other data. The bytes are still read each time
 * (~0.1 ms for a chunk); their decoding (~0.5 ms) and parse (~2 ms) are saved. Only read-only
 * units of work use what is kept, and it is frozen, so a read that tried to change it would throw
 * instead of changing the next request's answer.
 */
interface Kept {
  bytes: number
  files: Map<string, {bytes: Buffer; data: unknown}>
  limit: number
}

let kept: Kept | undefined

/**
 * Keep parsed chunk files in this process, up to about `limitBytes` of their bytes (the least
 * recently used go first). For hosts that run the sandbox in-process and answer many requests; the
 * `membrane-sandbox` executable answers one request per process and keeps nothing.
 */
export function keepParsedFiles(limitBytes = 64 * 1024 * 1024): void {
  kept ??= {bytes: 0, files: new Map(), limit: limitBytes}
  kept.limit = limitBytes
  trimKept(kept)
}

/** Drop the least recently used parsed files until the bytes kept are within the limit. */
function trimKept(cache: Kept): void {
  for (const [id, file] of cache.files) {
    if (cache.bytes <= cache.limit) break
    cache.files.delete(id)
    cache.bytes -= file.bytes.length
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const inner of Object.values(value)) deepFreeze(inner)
}

/** `file` parsed, from what is kept when the same bytes were parsed before; undefined if it does not exist. */
function readKept<T>(cache: Kept, file: string): T | undefined {
  const stats = statSync(file, {throwIfNoEntry: false})
  const bytes = stats && readBytes(file)
  if (!bytes) return undefined
  const id = `${stats.dev}:${stats.ino}`
  const known = cache.files.get(id)
  if (known) {
    cache.files.delete(id)
    if (known.bytes.equals(bytes)) {
      cache.files.set(id, known)
      return known.data as T
    }

    cache.bytes -= known.bytes.length
  }

  const data = parseJson<T>(file, bytes.toString('utf8'))
  deepFreeze(data)
  cache.files.set(id, {bytes, data})
  cache.bytes += bytes.length
  trimKept(cache)
  return data
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms)
  })

function lockOwner(lock: string): string | undefined {
  try {
    return readText(path.join(lock, 'owner'))
  } catch {
    return undefined
  }
}

/** True if the process that wrote this lock is gone (or the lock is very old). */
function lockIsStale(owner: string | undefined, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > 300_000) return true
  const pid = Number(owner)
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** True if `<dir>/.lock` is held by a process that no longer runs (it was killed mid-write). */
export function hasStaleLock(dir: string): boolean {
  const lock = path.join(dir, '.lock')
  if (!existsSync(lock)) return false
  return lockIsStale(lockOwner(lock), Date.now())
}

/**
 * Take over a stale lock: move it aside (only one process can), check it is still the one judged
 * stale, and remove it; a live lock taken in between is put back.
 */
async function breakStaleLock(lock: string, owner: string | undefined): Promise<void> {
  const aside = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.stale.tmp`
  try {
    await rename(lock, aside)
  } catch {
    return // someone else moved or released it
  }

  await (lockOwner(aside) === owner
    ? rm(aside, {force: true, recursive: true})
    : rename(aside, lock).catch(() => rm(aside, {force: true, recursive: true})))
}

/** Run `fn` holding the store's write lock (a directory, so it works across processes). */
export async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.lock')
  await mkdir(dir, {recursive: true})
  const started = Date.now()
  let tookOver = false
  for (;;) {
    try {
      await mkdir(lock)
      await writeFile(path.join(lock, 'owner'), String(process.pid))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const info = await stat(lock).catch(() => null)
      const owner = lockOwner(lock)
      // A lock left behind by a killed process is taken over, and what it left half-done swept.
      if (info && lockIsStale(owner, info.mtimeMs)) {
        await breakStaleLock(lock, owner)
        tookOver = true
        continue
      }

      if (Date.now() - started > 120_000) {
        throw new Error(`The sandbox store ${dir} is locked by another process (${lock}).`)
      }

      await sleep(10)
    }
  }

  try {
    if (tookOver) {
      const meta = await readMeta(dir).catch(() => {})
      if (meta) await sweep(dir, meta.generation)
    }

    return await fn()
  } finally {
    await rm(lock, {force: true, recursive: true})
  }
}

/**
 * `id chunk` lines (ASCII). A lookup searches the raw bytes without decoding or parsing the file,
 * which keeps a get cheap with hundreds of thousands of IDs; the text is built only for changes
 * and paging.
 */
export class IdIndex {
  dirty = false
  private bytes?: Buffer
  private lines?: string

  constructor(content: Buffer | string) {
    if (typeof content === 'string') this.lines = `\n${content}`
    else this.bytes = content
  }

  /** `\n`-prefixed text of every line, decoded on first need. */
  private get text(): string {
    this.lines ??= `\n${this.bytes!.toString('latin1')}`
    this.bytes = undefined
    return this.lines
  }

  private set text(value: string) {
    this.lines = value
    this.bytes = undefined
  }

  add(id: string, chunk: number): void {
    this.text += `${id} ${chunk}\n`
    this.dirty = true
  }

  get(id: string): number | undefined {
    const {bytes} = this
    if (!bytes) {
      const key = `\n${id} `
      const at = this.text.indexOf(key)
      if (at === -1) return undefined
      return Number(this.text.slice(at + key.length, this.text.indexOf('\n', at + key.length)))
    }

    const key = `${id} `
    for (let at = bytes.indexOf(key); at !== -1; at = bytes.indexOf(key, at + 1)) {
      if (at > 0 && bytes[at - 1] !== 10) continue
      const start = at + key.length
      return Number(bytes.toString('latin1', start, bytes.indexOf(10, start)))
    }

    return undefined
  }

  /** Entries [skip, skip + limit) in file order, and the total, without parsing the rest. */
  page(skip: number, limit: number): {entries: Array<[string, number]>; total: number} {
    const {text} = this
    const entries: Array<[string, number]> = []
    let line = 0
    let at = 1
    while (at < text.length) {
      const end = text.indexOf('\n', at)
      if (end === -1) break
      if (line >= skip && entries.length < limit) {
        const space = text.indexOf(' ', at)
        entries.push([text.slice(at, space), Number(text.slice(space + 1, end))])
      }

      line++
      at = end + 1
    }

    return {entries, total: line}
  }

  prepend(id: string, chunk: number): void {
    this.text = `\n${id} ${chunk}\n${this.text.slice(1)}`
    this.dirty = true
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      const {text} = this
      const at = text.indexOf(`\n${id} `)
      if (at === -1) continue
      const end = text.indexOf('\n', at + 1)
      this.text = text.slice(0, at) + text.slice(end)
      this.dirty = true
    }
  }

  serialize(): string {
    return this.text.slice(1)
  }
}

function groupBy<T extends {lead_id: string}>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const list = map.get(item.lead_id)
    if (list) list.push(item)
    else map.set(item.lead_id, [item])
  }

  return map
}

function byId<T extends {id: string}>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]))
}

/** One chunk file in memory. Each lookup map is built the first time it is needed. */
export class Chunk {
  dirty = false
  /** Per-request memo for renderers (lead summaries); cleared when the chunk changes. */
  readonly memo = new Map<string, unknown>()
  private maps: Partial<{
    contacts: Map<string, StoredContact>
    contactsByLead: Map<string, StoredContact[]>
    leads: Map<string, StoredLead>
    opportunities: Map<string, StoredOpportunity>
    opportunitiesByLead: Map<string, StoredOpportunity[]>
    tasks: Map<string, StoredTask>
    tasksByLead: Map<string, StoredTask[]>
  }> = {}

  constructor(
    readonly n: number,
    readonly data: ChunkData,
  ) {}

  contact(id: string): StoredContact | undefined {
    this.maps.contacts ??= byId(this.data.contacts)
    return this.maps.contacts.get(id)
  }

  contactsOf(leadId: string): StoredContact[] {
    this.maps.contactsByLead ??= groupBy(this.data.contacts)
    return this.maps.contactsByLead.get(leadId) ?? []
  }

  lead(id: string): StoredLead | undefined {
    this.maps.leads ??= byId(this.data.leads)
    return this.maps.leads.get(id)
  }

  opportunitiesOf(leadId: string): StoredOpportunity[] {
    this.maps.opportunitiesByLead ??= groupBy(this.data.opportunities)
    return this.maps.opportunitiesByLead.get(leadId) ?? []
  }

  opportunity(id: string): StoredOpportunity | undefined {
    this.maps.opportunities ??= byId(this.data.opportunities)
    return this.maps.opportunities.get(id)
  }

  task(id: string): StoredTask | undefined {
    this.maps.tasks ??= byId(this.data.tasks)
    return this.maps.tasks.get(id)
  }

  tasksOf(leadId: string): StoredTask[] {
    this.maps.tasksByLead ??= groupBy(this.data.tasks)
    return this.maps.tasksByLead.get(leadId) ?? []
  }

  /** Mark changed: it will be written on commit, and its maps are rebuilt on next use. */
  touch(): void {
    this.dirty = true
    this.maps = {}
    this.memo.clear()
  }
}

export class Acts {
  dirty = false
  private map?: Map<string, StoredActivity>

  constructor(
    readonly n: number,
    readonly data: ActsData,
  ) {}

  activity(id: string): StoredActivity | undefined {
    this.map ??= byId(this.data.activities)
    return this.map.get(id)
  }

  touch(): void {
    this.dirty = true
    this.map = undefined
  }
}

/** A unit of work: files read once per request, changed files written on commit. */
export class Txn {
  private readonly acts = new Map<number, Acts>()
  private readonly chunks = new Map<number, Chunk>()
  private readonly indexes = new Map<IndexKind, IdIndex>()
  private leadCountsCache?: Map<number, number>

  /** `writable`: a unit of work that may change what it reads, so it never shares parsed files. */
  constructor(
    readonly store: CloseStore,
    private readonly writable = false,
  ) {}

  async activities(n: number): Promise<Acts> {
    let acts = this.acts.get(n)
    if (!acts) {
      const file = path.join(this.store.chunksDir, chunkFileName(n, true))
      acts = new Acts(n, this.readData<ActsData>(file) ?? {activities: []})
      this.acts.set(n, acts)
    }

    return acts
  }

  async allActs(): Promise<Acts[]> {
    const numbers = await this.chunkNumbers()
    return Promise.all(numbers.map((n) => this.activities(n)))
  }

  /** Every chunk, in order, loaded. For filtered lists, which scan. */
  async allChunks(): Promise<Chunk[]> {
    const numbers = await this.chunkNumbers()
    return Promise.all(numbers.map((n) => this.chunk(n)))
  }

  async chunk(n: number): Promise<Chunk> {
    let chunk = this.chunks.get(n)
    if (!chunk) {
      const file = path.join(this.store.chunksDir, chunkFileName(n))
      chunk = new Chunk(n, this.readData<ChunkData>(file) ?? {contacts: [], leads: [], opportunities: [], tasks: []})
      this.chunks.set(n, chunk)
    }

    return chunk
  }

  /** The chunk a new lead goes into: the last one, or a fresh one once that is full. */
  async chunkForNewLead(): Promise<Chunk> {
    const numbers = await this.chunkNumbers()
    if (numbers.length === 0) return this.chunk(0)
    const last = await this.chunk(numbers.at(-1)!)
    if (last.data.leads.length < this.store.meta.chunkSize) return last
    return this.chunk(last.n + 1)
  }

  async chunkNumbers(): Promise<number[]> {
    let names: string[]
    try {
      names = await readdir(this.store.chunksDir)
    } catch (error) {
      if (isMissing(error)) {
        this.store.assertCurrent()
        return []
      }

      throw error
    }

    const numbers = names.filter((name) => /^\d+\.json$/.test(name)).map((name) => Number.parseInt(name, 10))
    return numbers.sort((a, b) => a - b)
  }

  /** The changed files, as one new generation (see the top of this file); nothing when nothing changed. */
  async commit(): Promise<void> {
    const files = new Map<string, string>()
    for (const chunk of this.chunks.values()) {
      if (chunk.dirty) files.set(`chunks/${chunkFileName(chunk.n)}`, JSON.stringify(chunk.data))
    }

    for (const acts of this.acts.values()) {
      if (acts.dirty) files.set(`chunks/${chunkFileName(acts.n, true)}`, JSON.stringify(acts.data))
    }

    const changed = [...this.chunks.values()].filter((c) => c.dirty)
    if (changed.length > 0) {
      const counts = await this.leadCounts()
      let moved = false
      for (const chunk of changed) {
        if (counts.get(chunk.n) !== chunk.data.leads.length) {
          counts.set(chunk.n, chunk.data.leads.length)
          moved = true
        }
      }

      if (moved) files.set(`index/${LEAD_COUNTS}`, serializeCounts(counts))
    }

    for (const [kind, index] of this.indexes) {
      if (index.dirty) files.set(`index/${kind}.txt`, index.serialize())
    }

    if (files.size > 0) await this.store.publish(files)
  }

  async index(kind: IndexKind): Promise<IdIndex> {
    let index = this.indexes.get(kind)
    if (!index) {
      const file = path.join(this.store.indexDir, `${kind}.txt`)
      const bytes = readBytes(file)
      if (bytes === undefined) this.store.assertCurrent()
      index = new IdIndex(bytes ?? '')
      this.indexes.set(kind, index)
    }

    return index
  }

  /**
   * Leads per chunk (`index/leadcounts.json`). List order is chunks from the highest number down
   * and, within a chunk, its leads from last to first, so these counts locate any page without
   * reading the lead index. Rebuilt from the chunks if the file is missing.
   */
  async leadCounts(): Promise<Map<number, number>> {
    if (!this.leadCountsCache) {
      const file = path.join(this.store.indexDir, LEAD_COUNTS)
      const text = this.read(file)
      if (text === undefined) {
        const chunks = await this.allChunks()
        this.leadCountsCache = new Map(chunks.map((c) => [c.n, c.data.leads.length]))
      } else {
        const parsed = parseJson<Record<string, number>>(file, text)
        this.leadCountsCache = new Map(Object.entries(parsed).map(([n, count]) => [Number(n), count]))
      }
    }

    return this.leadCountsCache
  }

  /** The chunk holding the object with this ID, by its prefix's index; undefined if unknown. */
  async locate(id: string): Promise<number | undefined> {
    const prefix = idPrefix(id)
    const kind = prefix ? INDEX_BY_PREFIX[prefix] : undefined
    if (!kind) return undefined
    return (await this.index(kind)).get(id)
  }

  /** A file of this generation; undefined if absent, StaleGeneration if the generation is gone. */
  private read(file: string): string | undefined {
    const text = readText(file)
    if (text === undefined) this.store.assertCurrent()
    return text
  }

  /** A data file of this generation, parsed (shared when kept and the work is read-only); like `read`. */
  private readData<T>(file: string): T | undefined {
    if (!this.writable && kept) {
      const data = readKept<T>(kept, file)
      if (data === undefined) this.store.assertCurrent()
      return data
    }

    const text = this.read(file)
    return text === undefined ? undefined : parseJson<T>(file, text)
  }
}

export interface StoreOptions {
  /** The clock for `today` (task views, date_won defaults) and timestamps; default the real one. */
  now?: () => Date
}

export class CloseStore {
  private lookups?: {
    leadStatuses: Map<string, LeadStatus>
    names: Map<string, string>
    opportunityStatuses: Map<string, {pipeline: Pipeline; status: OpportunityStatus}>
    users: Map<string, StoredUser>
  }

  constructor(
    readonly dir: string,
    public meta: Meta,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get chunksDir(): string {
    return path.join(this.dir, this.meta.generation, 'chunks')
  }

  get indexDir(): string {
    return path.join(this.dir, this.meta.generation, 'index')
  }

  /** Throws StaleGeneration when this store's generation has been replaced and deleted. */
  assertCurrent(): void {
    if (!existsSync(path.join(this.dir, this.meta.generation))) throw new StaleGeneration(this.meta.generation)
  }

  /** A custom field of `kind` objects by ID (`cf_…`) or, case-insensitively, by name. */
  customField(idOrName: string, kind: CustomFieldKind = 'lead'): CustomField | undefined {
    const fields = this.fields(kind)
    return fields.find((f) => f.id === idOrName) ?? fields.find((f) => f.name.toLowerCase() === idOrName.toLowerCase())
  }

  /** The custom fields of `kind` objects. */
  fields(kind: CustomFieldKind): CustomField[] {
    if (kind === 'contact') return this.meta.contactFields
    if (kind === 'opportunity') return this.meta.opportunityFields
    return this.meta.customFields
  }

  leadStatus(id: string): LeadStatus | undefined {
    return this.maps().leadStatuses.get(id)
  }

  now(): Date {
    return this.clock()
  }

  opportunityStatus(id: string): undefined | {pipeline: Pipeline; status: OpportunityStatus} {
    return this.maps().opportunityStatuses.get(id)
  }

  /**
   * Commit `files` (paths relative to the generation directory → content): a new generation with
   * them and links to everything else, then the meta.json swap, then the old generation removed.
   * Caller holds the lock.
   */
  async publish(files: Map<string, string>): Promise<void> {
    const old = path.join(this.dir, this.meta.generation)
    const generation = newGeneration()
    const root = path.join(this.dir, generation)
    await mkdir(path.join(root, 'chunks'), {recursive: true})
    await mkdir(path.join(root, 'index'), {recursive: true})
    const links: Array<[string, string]> = []
    for (const sub of ['chunks', 'index']) {
      const names = await readdir(path.join(old, sub)).catch(() => [] as string[])
      for (const name of names) {
        const rel = `${sub}/${name}`
        if (!files.has(rel) && !name.endsWith('.tmp')) links.push([path.join(old, rel), path.join(root, rel)])
      }
    }

    for (let i = 0; i < links.length; i += 256) {
      await Promise.all(links.slice(i, i + 256).map(([from, to]) => link(from, to)))
    }

    await Promise.all([...files].map(([rel, content]) => writeDurable(path.join(root, rel), content)))
    await Promise.all([syncDir(path.join(root, 'chunks')), syncDir(path.join(root, 'index'))])
    const meta: Meta = {...this.meta, generation}
    await atomicWrite(metaPath(this.dir), JSON.stringify(meta, null, 2))
    this.meta = meta
    await rm(old, {force: true, recursive: true})
  }

  /** Run a read-only unit of work. */
  async read<T>(fn: (txn: Txn) => Promise<T>): Promise<T> {
    return fn(new Txn(this))
  }

  /** Re-read meta.json (after a StaleGeneration, or under the lock before a write). */
  async reload(): Promise<void> {
    const meta = await readMeta(this.dir)
    if (!meta) throw new Error(`The sandbox data in ${this.dir} is gone; re-create it with \`close sandbox reset\`.`)
    this.meta = meta
    this.lookups = undefined
  }

  /** Today's date (UTC), `YYYY-MM-DD`. */
  today(): string {
    return dateOnly(this.clock())
  }

  user(id: null | string | undefined): StoredUser | undefined {
    return id ? this.maps().users.get(id) : undefined
  }

  userName(id: null | string | undefined): null | string {
    return id ? (this.maps().names.get(id) ?? null) : null
  }

  /** Run a unit of work that writes: under the lock, on fresh reads, committed at the end. */
  async write<T>(fn: (txn: Txn) => Promise<T>): Promise<T> {
    return withLock(this.dir, async () => {
      await this.reload()
      const txn = new Txn(this, true)
      const result = await fn(txn)
      await txn.commit()
      return result
    })
  }

  private maps(): NonNullable<CloseStore['lookups']> {
    if (!this.lookups) {
      const opportunityStatuses = new Map<string, {pipeline: Pipeline; status: OpportunityStatus}>()
      for (const pipeline of this.meta.pipelines) {
        for (const status of pipeline.statuses) opportunityStatuses.set(status.id, {pipeline, status})
      }

      this.lookups = {
        leadStatuses: new Map(this.meta.leadStatuses.map((s) => [s.id, s])),
        names: new Map(this.meta.users.map((u) => [u.id, `${u.first_name} ${u.last_name}`.trim()])),
        opportunityStatuses,
        users: new Map(this.meta.users.map((u) => [u.id, u])),
      }
    }

    return this.lookups
  }
}

/** The directory holds data of another store format (an older build's sandbox). */
export class OutdatedStore extends Error {}

export async function readMeta(dir: string): Promise<Meta | undefined> {
  const file = metaPath(dir)
  const text = readText(file)
  if (text === undefined) return undefined
  const meta = parseJson<Meta>(file, text)
  if (meta.version !== STORE_VERSION) {
    throw new OutdatedStore(
      `The sandbox data in ${dir} has format version ${meta.version}, this build reads ${STORE_VERSION}; re-create it with \`close sandbox reset\`.`,
    )
  }

  return meta
}
