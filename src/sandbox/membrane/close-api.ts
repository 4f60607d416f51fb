/**
 * The seam to the Close API emulator (`src/sandbox/close/`), loaded lazily: only `action run` and
 * `request` need it, so login/status/connection commands stay fast and never touch the store.
 */
export interface CloseRequest {
  body?: unknown
  method: string
  path: string
  query: Array<[string, string]>
}

export interface CloseResponse {
  body: unknown
  headers: Record<string, string>
  status: number
}

export interface CloseApi {
  handleCloseRequest(store: unknown, request: CloseRequest): Promise<CloseResponse>
  openStore(dir: string): Promise<unknown>
}

/** A function that sends one request to the emulator's store in `dir`. */
export type CloseHandler = (request: CloseRequest) => Promise<CloseResponse>

// A variable, not a literal: the emulator is another module's job and may not be built yet.
const EMULATOR = '../close/index.js'

/** Open the emulator's store in `dir`; `module` replaces the emulator (tests: CLOSE_SANDBOX_CLOSE_MODULE). */
export async function openClose(dir: string, module?: string): Promise<CloseHandler> {
  const api = (await import(module || EMULATOR)) as CloseApi
  const store = await api.openStore(dir)
  return (request) => api.handleCloseRequest(store, request)
}
