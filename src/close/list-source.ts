/**
 * A Close list as the CLI consumes it: pages pulled one after another (design §6, streamed
 * `--all`), with the helpers that read or speed up such a stream.
 */
import type {CloseObject} from './normalize.js'

/** A list being fetched page by page; `more()`/`total()` are final once `pages` is exhausted. */
export interface ListSource {
  more(): boolean
  pages: AsyncIterable<CloseObject[]>
  total(): number | undefined
}

/** Every record a list source yields, all its pages, as one array (for the few records a lookup needs). */
export async function allRecords(source: ListSource): Promise<CloseObject[]> {
  const found: CloseObject[] = []
  for await (const page of source.pages) found.push(...page)
  return found
}

/**
 * `source` one item ahead: after handing over an item, the next is already being fetched. A
 * failure of that fetch surfaces when the consumer asks for it; a consumer that stops early leaves
 * at most the one fetch under way and starts no other.
 */
export async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next()
  let finished = false
  try {
    while (true) {
      const result = await next
      if (result.done) {
        finished = true
        return
      }

      next = source.next()
      next.catch(() => {}) // seen by the consumer's next pull; never unhandled if it stops first
      yield result.value
    }
  } finally {
    // Let the fetch under way finish, then close the source so it starts no other.
    if (!finished)
      next
        .then(
          async () => source.return(undefined as T),
          () => {},
        )
        .catch(() => {})
  }
}
