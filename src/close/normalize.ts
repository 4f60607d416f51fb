/**
 * Membrane answers in several envelopes (design §7, reference/membrane-cli.md §5.1,
 * reference/close-api.md §9). They all live in membrane/envelopes.ts; these are the names the
 * Close layer uses.
 */
export {
  type CloseObject,
  isIdOnly,
  type NormalizedPage,
  normalizePage,
  recordOf,
  unwrapRecord,
} from '../membrane/envelopes.js'
