/**
 * Pickers over the prompts object: the lead search picker (type to filter; each pause in typing
 * is one Close lead search), a picker of given candidates, and a multi-select. They implement
 * the `pick` port of services/references.ts.
 */
import type {CloseObject} from '../close/normalize.js'
import type {Choice, Prompts, SearchSource} from './index.js'

import {type Candidate, classifyRef, leadCandidate, leadSearchQuery} from '../close/refs.js'

export interface LeadSearchOptions {
  /** Shown before anything is typed (e.g. the matches of what was given on the command line). */
  initial?: Candidate[]
  /** Results per search. Default 10. */
  limit?: number
  /** Typing pause before a search is sent, in ms. Default 250. */
  pauseMs?: number
  searchLeads(query: string, limit: number): Promise<CloseObject[]>
  /** Injected in tests; default a real timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

export function candidateChoice(candidate: Candidate): Choice<Candidate> {
  return {
    description: candidate.detail ? `${candidate.detail} · ${candidate.id}` : candidate.id,
    name: candidate.name,
    value: candidate,
  }
}

/**
 * The search prompt's source for leads: nothing typed → `initial`; a lead ID or Close lead URL →
 * that lead; anything else → one lead search (the same query a flag would send) after a pause in
 * typing, cached per term.
 */
export function leadSearchSource(options: LeadSearchOptions): SearchSource<Candidate> {
  const limit = options.limit ?? 10
  const pause = options.pauseMs ?? 250
  const sleep = options.sleep ?? defaultSleep
  const cache = new Map<string, Candidate[]>()
  return async (term, {signal}) => {
    const text = term?.trim() ?? ''
    if (text === '') return (options.initial ?? []).map((candidate) => candidateChoice(candidate))
    const ref = classifyRef(text)
    if ((ref.kind === 'id' || ref.kind === 'url') && ref.object === 'lead') {
      return [candidateChoice({id: ref.id, name: ref.id})]
    }

    const query = leadSearchQuery(ref)
    if (!query) return []
    let found = cache.get(query)
    if (!found) {
      await sleep(pause, signal)
      if (signal.aborted) return []
      found = (await options.searchLeads(query, limit)).map((lead) => leadCandidate(lead))
      cache.set(query, found)
    }

    return found.map((candidate) => candidateChoice(candidate))
  }
}

/** The lead search picker: returns the chosen lead. */
export async function pickLead(prompts: Prompts, message: string, options: LeadSearchOptions): Promise<Candidate> {
  return prompts.search(message, leadSearchSource(options))
}

/**
 * The `pick` port of services/references.ts: leads get the search picker seeded with the
 * matches (so typing searches again); anything else a plain list.
 */
export function candidatePicker(
  prompts: Prompts,
  options: Omit<LeadSearchOptions, 'initial'> | {searchLeads?: undefined} = {},
): (candidates: Candidate[], context: {text: string; what: string}) => Promise<Candidate> {
  return async (candidates, context) => {
    const message = context.text
      ? `Several ${context.what}s match "${context.text}"; pick one (type to search):`
      : `Pick ${/^[aeio]/.test(context.what) ? 'an' : 'a'} ${context.what}:`
    if (context.what === 'lead' && options.searchLeads) {
      return pickLead(prompts, message, {...(options as LeadSearchOptions), initial: candidates})
    }

    return prompts.select(
      message.replace(' (type to search)', ''),
      candidates.map((candidate) => candidateChoice(candidate)),
    )
  }
}

/** A multi-select; `required` → at least one must be ticked (the reason is shown, nothing is lost). */
export async function pickMany<T>(
  prompts: Prompts,
  message: string,
  choices: Array<Choice<T>>,
  options: {required?: boolean} = {},
): Promise<T[]> {
  return prompts.checkbox(message, choices, {
    // Our own check rather than inquirer's `required`, so the reason says which keys to press.
    validate: (ticked) => !options.required || ticked.length > 0 || 'Tick at least one (space), then press enter.',
  })
}

async function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  const {setTimeout: wait} = await import('node:timers/promises')
  try {
    await wait(ms, undefined, {signal})
  } catch {
    // aborted: the caller checks the signal
  }
}
