/**
 * The seam to the Close API emulator (`src/sandbox/close/`), loaded lazily: only `action run`,
 * `act` and `request` need it, so login/status/connection commands stay fast and never touch the
 * store. The backend is a port (`CloseOpener`): `main()` takes another one as an argument, which is
 * how tests put a stub or a fault-injecting wrapper in front of the emulator without any hook in
 * the shipped code.
 */
import type {CloseRequest, CloseResponse} from '../close/index.js'

export type {CloseRequest, CloseResponse} from '../close/index.js'

/** A function that sends one request to the emulator's store. */
export type CloseHandler = (request: CloseRequest) => Promise<CloseResponse>

/** Opens the Close backend for the sandbox directory `dir`. */
export type CloseOpener = (dir: string) => Promise<CloseHandler>

/** The shipped backend: the emulator's store in `dir` (seeded on first use). */
export const openEmulator: CloseOpener = async (dir) => {
  const api = await import('../close/index.js')
  const store = await api.openStore(dir)
  return (request) => api.handleCloseRequest(store, request)
}
