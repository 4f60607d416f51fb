/**
 * All of a long Close list (`--all`), read as Close advises for deep paging (reference/close-api.md
 * §4): split into `slice:N/M` partitions (as Close's own export scripts do), each in the stable order
 * `sort:-created`, fetched side by side — one Membrane process per page each, a page ahead — and
 * merged back into that one order, newest-created first. Two Membrane processes then work at once
 * where a single cursor allows one.
 *
 * Nothing is taken on trust: before a record is handed over, the first page of every slice must
 * show that Close split the list (no record in two slices) and honoured the order (every record
 * dated, newest first). Slices that are all the same list mean Close ignored `slice:`: the first
 * one is then read to its end alone. Otherwise — or when Close or Membrane refuses the sliced
 * query — the slices are dropped and the list is read once, unsplit, as the user asked for it. A
 * list whose slices all come back empty is read unsplit too, so a `slice:` Close did not
 * understand can never pass for an empty list.
 */
import type {CloseObject} from './normalize.js'

import {CliError} from '../errors.js'
import {type ListSource} from './list-source.js'

/** How `--all` reads a resource: data in close/resources.ts. */
export interface DeepPaging {
  /** The list filter holding the search query. */
  param: string
  /** How many slices are read at once when pages are fetched ahead. */
  slices: number
  /** The date field the stable order sorts on, newest first. */
  sortField: string
  /** The query term that asks for that order. */
  sortTerm: string
}

/** A query that already picks its own order or slice is sent as it is, and read unsplit. */
const OWN_ORDER = /(?:^|[\s("])-?(?:sort|slice)"?:/i

/**
 * The query each slice adds its `slice:` to — the user's (`value`), in the stable order — or
 * undefined when the list is read unsplit (a query with its own order or slice, or one slice).
 */
export function splitQuery(deep: DeepPaging, value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : ''
  if (deep.slices < 2 || OWN_ORDER.test(text)) return undefined
  return text ? `(${text}) ${deep.sortTerm}` : deep.sortTerm
}

/**
 * The whole list, read as `deep.slices` slices of `query` (splitQuery) at once and merged:
 * `open(q)` reads the list with the query `q`, `open(undefined)` with the user's own (the fallback).
 */
export function slicedList(
  deep: DeepPaging,
  query: string,
  batchSize: number,
  open: (query?: string) => ListSource,
): ListSource {
  let sources: ListSource[] = []
  const pages = async function* (): AsyncGenerator<CloseObject[]> {
    sources = Array.from({length: deep.slices}, (_, i) => open(`${query} slice:${i + 1}/${deep.slices}`))
    const iterators = sources.map((source) => source.pages[Symbol.asyncIterator]())
    let firsts: Array<IteratorResult<CloseObject[]>>
    try {
      firsts = await Promise.all(iterators.map((iterator) => iterator.next()))
    } catch (error) {
      await closeAll(iterators)
      if (!refusedQuery(error)) throw error
      firsts = []
    }

    if (firsts.length > 1 && sameRecords(firsts)) {
      // Every slice is the same list: Close ignored `slice:`, so the first slice is the whole list.
      await closeAll(iterators.slice(1))
      sources = sources.slice(0, 1)
      yield* rest(iterators[0], firsts[0])
      return
    }

    if (firsts.length === 0 || !provesSplit(firsts, deep.sortField)) {
      await closeAll(iterators)
      const whole = open()
      sources = [whole]
      yield* whole.pages
      return
    }

    yield* mergeNewestFirst(iterators, firsts, deep.sortField, batchSize)
  }

  return {
    more: () => false,
    pages: pages(),
    total() {
      const totals = sources.map((source) => source.total())
      return totals.length > 0 && totals.every((t) => t !== undefined) ? totals.reduce((a, b) => a + b, 0) : undefined
    },
  }
}

/**
 * Close or Membrane refused the sliced query (exit 3: a 4xx, a refused input, an answer not of the
 * expected shape) — not a timeout, nor login, not found, rate limit or an interrupt, which the
 * unsplit read would only meet again.
 */
function refusedQuery(error: unknown): boolean {
  return error instanceof CliError && error.exitCode === 3 && error.code !== 'timeout'
}

function timeOf(record: CloseObject | undefined, field: string): number {
  const value = record?.[field]
  return typeof value === 'string' ? Date.parse(value) : Number.NaN
}

/** Whether `a` comes before `b` newest first (ties keep the earlier slice first). */
function newer(a: CloseObject, b: CloseObject, field: string): boolean {
  const x = timeOf(a, field)
  const y = timeOf(b, field)
  if (x !== y) return x > y
  return String(a[field]) > String(b[field]) // same millisecond: ISO text of one offset sorts as time
}

/** Every first page holds the same records in the same order (and is not empty). */
function sameRecords(firsts: Array<IteratorResult<CloseObject[]>>): boolean {
  const ids = firsts.map((first) => (first.done ? '' : first.value.map((record) => String(record.id)).join('\n')))
  return ids[0] !== '' && ids.every((list) => list === ids[0])
}

/** A source's pages from its first, already read. */
async function* rest(
  iterator: AsyncIterator<CloseObject[]>,
  first: IteratorResult<CloseObject[]>,
): AsyncGenerator<CloseObject[]> {
  try {
    for (let page = first; !page.done; page = await iterator.next()) yield page.value
  } finally {
    await iterator.return?.()
  }
}

/** The first pages show a real split: not all empty, no record twice, each page dated and newest first. */
function provesSplit(firsts: Array<IteratorResult<CloseObject[]>>, field: string): boolean {
  const pages = firsts.map((first) => (first.done ? [] : first.value))
  if (pages.every((page) => page.length === 0)) return false
  const seen = new Set<unknown>()
  for (const page of pages) {
    for (const [i, record] of page.entries()) {
      if (record.id === undefined || seen.has(record.id)) return false
      seen.add(record.id)
      if (Number.isNaN(timeOf(record, field))) return false
      if (i > 0 && newer(record, page[i - 1], field)) return false
    }
  }

  return true
}

/**
 * Sources each newest first, merged into one stream newest first, in batches of `size` (the last may
 * be shorter). A source's next page is usually there already: each one fetches a page ahead.
 */
async function* mergeNewestFirst(
  iterators: Array<AsyncIterator<CloseObject[]>>,
  firsts: Array<IteratorResult<CloseObject[]>>,
  field: string,
  size: number,
): AsyncGenerator<CloseObject[]> {
  const heads = iterators.map((iterator, i) => ({
    at: 0,
    done: firsts[i].done === true,
    items: firsts[i].done ? [] : (firsts[i].value as CloseObject[]),
    iterator,
  }))
  let batch: CloseObject[] = []
  try {
    for (;;) {
      for (const head of heads) {
        if (head.done || head.at < head.items.length) continue
        const next = await head.iterator.next()
        head.done = next.done === true
        head.items = next.done ? [] : next.value
        head.at = 0
      }

      let best: (typeof heads)[number] | undefined
      for (const head of heads) {
        if (head.at >= head.items.length) continue
        if (!best || newer(head.items[head.at], best.items[best.at], field)) best = head
      }

      if (!best) break
      batch.push(best.items[best.at++])
      if (batch.length >= size) {
        yield batch
        batch = []
      }
    }

    if (batch.length > 0) yield batch
  } finally {
    await closeAll(iterators)
  }
}

/** Stop every source (each lets a fetch under way finish and starts no other). */
async function closeAll(iterators: Array<AsyncIterator<CloseObject[]>>): Promise<void> {
  await Promise.all(iterators.map(async (iterator) => iterator.return?.()))
}
