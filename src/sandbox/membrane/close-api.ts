/**
 * The seam to the Close API emulator (`src/sandbox/close/`), loaded lazily: only `action run` and
 * `request` need it, so login/status/connection commands stay fast and never touch the store.
 */
import type {CloseRequest, CloseResponse, CloseStore} from '../close/index.js'

export type {CloseRequest, CloseResponse} from '../close/index.js'

export interface CloseApi {
  handleCloseRequest(store: CloseStore, request: CloseRequest): Promise<CloseResponse>
  openStore(dir: string): Promise<CloseStore>
}

/** A function that sends one request to the emulator's store in `dir`. */
export type CloseHandler = (request: CloseRequest) => Promise<CloseResponse>

/** Open the emulator's store in `dir`; `module` replaces the emulator (tests: CLOSE_SANDBOX_CLOSE_MODULE). */
export async function openClose(dir: string, module?: string): Promise<CloseHandler> {
  const api: CloseApi = module ? ((await import(module)) as CloseApi) : await import('../close/index.js')
  const store = await api.openStore(dir)
  return (request) => api.handleCloseRequest(store, request)
}
