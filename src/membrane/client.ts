/**
 * Typed Membrane operations on top of the gateway: which argv each command takes, and how each
 * output variant of reference/membrane-cli.md §5 is normalised. Holds no state beyond the gateway.
 *
 * IMPLEMENTATION PENDING (foundation issue).
 */
import type {CallOptions, MembraneGateway} from './gateway.js'
import type {
  LoginStart,
  MembraneAction,
  MembraneConnection,
  MembraneSearchItem,
  MembraneStatus,
  ProxyRequest,
  ProxyResponse,
} from './types.js'

export class MembraneClient {
  constructor(readonly gateway: MembraneGateway) {}

  /** `membrane connect --connectorId=ID --non-interactive --json` (or `--connectionId=ID` to re-authenticate). */
  async connect(_target: {connectionId?: string; connectorId?: string}): Promise<{
    connectionId?: string
    raw: unknown
    requestId?: string
    url?: string
  }> {
    throw new Error('not implemented')
  }

  /** `membrane connection get ID --json` */
  async getConnection(_id: string): Promise<MembraneConnection> {
    throw new Error('not implemented')
  }

  /** `membrane action list --connectionId=ID [--intent=TEXT] [--limit=N] --json` → items (bare array or `{items}`). */
  async listActions(_connectionId: string, _intent?: string, _limit?: number): Promise<MembraneAction[]> {
    throw new Error('not implemented')
  }

  /** `membrane connection list --json` → connections (bare array or `{items}`), following `cursor`. */
  async listConnections(): Promise<MembraneConnection[]> {
    throw new Error('not implemented')
  }

  /** `membrane login complete CODE` */
  async loginComplete(_code: string): Promise<void> {
    throw new Error('not implemented')
  }

  /** `membrane login --tenant` headless; returns the first http(s) URL found on stdout or stderr. */
  async loginStart(): Promise<LoginStart> {
    throw new Error('not implemented')
  }

  /** `membrane logout` */
  async logout(): Promise<void> {
    throw new Error('not implemented')
  }

  /** `membrane request CONNECTION_ID PATH --method=M --query=k=v … --header=… --data=JSON` */
  async request(_connectionId: string, _request: ProxyRequest, _options?: CallOptions): Promise<ProxyResponse> {
    throw new Error('not implemented')
  }

  /** `membrane action run ACTION_ID --connectionId=ID --input=JSON --json` → the `output` field. */
  async runAction(_actionId: string, _connectionId: string, _input: unknown, _options?: CallOptions): Promise<unknown> {
    throw new Error('not implemented')
  }

  /** `membrane search QUERY --elementType=TYPE --json` → items. */
  async search(_query: string, _elementType: string): Promise<MembraneSearchItem[]> {
    throw new Error('not implemented')
  }

  /** `membrane status --json` */
  async status(): Promise<MembraneStatus> {
    throw new Error('not implemented')
  }

  /** `membrane --version` → the version string, and whether it looks like @membranehq/cli. */
  async version(): Promise<{isMembraneCli: boolean; raw: string; version?: string}> {
    throw new Error('not implemented')
  }
}
