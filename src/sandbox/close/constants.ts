/** The user the sandbox is logged in as (the first of the demo organization's five users). */
export const SANDBOX_ME_ID = 'user_Jr8cQ2mW5xTn0bLzY4kV9s'

/** The demo organization, "Acme Demo". */
export const SANDBOX_ORG_ID = 'orga_Ac3mED3m0Zq8RtVx2LpN4w'

/**
 * Leads per chunk file. A 200-lead page reads two or three chunks: small enough that little is
 * parsed beyond the page, large enough that a full scan opens a few hundred files at 20,000 leads.
 */
export const CHUNK_SIZE = 100

/** Default and largest `_limit` on every list. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 200
