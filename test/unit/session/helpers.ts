/**
 * A scripted stand-in for MembraneClient in session tests: canned connections, a call log, and
 * connections that become READY after a number of polls. Plus a SessionContext around it with a
 * real Settings in a temp dir and stderr captured.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {MembraneClient} from '../../../src/membrane/client.js'
import type {
  ConnectResult,
  MembraneConnection,
  MembraneSearchItem,
  MembraneStatus,
} from '../../../src/membrane/types.js'
import type {SessionContext} from '../../../src/session/context.js'

import {AuthError} from '../../../src/errors.js'
import {Settings} from '../../../src/session/settings.js'

export const CLOSE_A: MembraneConnection = {
  id: 'conn_close_a',
  integration: {key: 'close', name: 'Close'},
  name: 'Close (Acme)',
  state: 'READY',
}
export const CLOSE_B: MembraneConnection = {
  id: 'conn_close_b',
  integration: {key: 'close', name: 'Close'},
  name: 'Close (Beta)',
  state: 'READY',
}
export const CLOSE_EXPIRED: MembraneConnection = {
  clientAction: {type: 'connect', uiUrl: 'https://membrane.example/connect/conn_close_x'},
  disconnected: true,
  id: 'conn_close_x',
  integration: {key: 'close', name: 'Close'},
  name: 'Close (Expired)',
  state: 'CLIENT_ACTION_REQUIRED',
}
export const HUBSPOT: MembraneConnection = {
  id: 'conn_hubspot',
  integration: {key: 'hubspot', name: 'HubSpot'},
  name: 'HubSpot',
  state: 'READY',
}

export const CLOSE_CONNECTOR = {element: {id: 'connector_close', key: 'close', name: 'Close'}, elementType: 'connector'}

export class StubMembrane {
  calls: string[] = []
  connections: MembraneConnection[] = [CLOSE_A]
  connectResult: ConnectResult = {connectionId: 'conn_new', raw: {}, url: 'https://membrane.example/connect/conn_new'}
  loggedIn = true
  loginUrl = 'https://membrane.example/login?state=1'
  /** Polls of `getConnection(id)` before a pending connection turns READY. */
  readyAfter = 2
  searchItems: MembraneSearchItem[] = [
    {element: {id: 'connector_forms', key: 'closeio-forms', name: 'Closeio Forms'}, elementType: 'connector'},
    CLOSE_CONNECTOR,
  ]
  private polls = new Map<string, number>()

  asClient(): MembraneClient {
    return this as unknown as MembraneClient
  }

  async connect(target: {connectionId?: string; connectorId?: string}): Promise<ConnectResult> {
    this.calls.push(
      `connect ${target.connectionId ? `--connectionId=${target.connectionId}` : `--connectorId=${target.connectorId}`}`,
    )
    if (target.connectionId) {
      const existing = this.connections.find((c) => c.id === target.connectionId)
      if (existing) {
        existing.state = 'CLIENT_ACTION_REQUIRED'
        this.polls.set(existing.id, 0)
      }

      return {
        connectionId: target.connectionId,
        raw: {},
        url: `https://membrane.example/connect/${target.connectionId}`,
      }
    }

    const id = this.connectResult.connectionId
    if (id && !this.connections.some((c) => c.id === id)) {
      this.connections.push({
        id,
        integration: {key: 'close', name: 'Close'},
        name: 'Close',
        state: 'CLIENT_ACTION_REQUIRED',
      })
      this.polls.set(id, 0)
    }

    return this.connectResult
  }

  async getConnection(id: string): Promise<MembraneConnection> {
    this.calls.push(`connection get ${id}`)
    const found = this.connections.find((c) => c.id === id)
    if (!found) throw new AuthError(`Membrane has no connection ${id}.`, {code: 'connection_not_found'})
    const polls = this.polls.get(id)
    if (polls !== undefined) {
      this.polls.set(id, polls + 1)
      if (polls + 1 >= this.readyAfter) {
        found.state = 'READY'
        delete found.disconnected
        delete found.clientAction
        this.polls.delete(id)
      }
    }

    return {...found}
  }

  async listConnections(): Promise<MembraneConnection[]> {
    this.calls.push('connection list')
    return this.connections.map((c) => ({...c}))
  }

  async loginComplete(code: string): Promise<void> {
    this.calls.push(`login complete ${code}`)
    if (code !== 'GOOD') throw new AuthError('Not logged in to Membrane.', {code: 'not_logged_in'})
    this.loggedIn = true
  }

  async loginStart(): Promise<{output: string; url: string}> {
    this.calls.push('login --tenant')
    return {output: this.loginUrl, url: this.loginUrl}
  }

  async search(query: string, elementType: string): Promise<MembraneSearchItem[]> {
    this.calls.push(`search ${query} --elementType=${elementType}`)
    return this.searchItems
  }

  async status(): Promise<MembraneStatus> {
    this.calls.push('status')
    return {loggedIn: this.loggedIn, raw: {}}
  }
}

export interface TestSession {
  ctx: SessionContext
  dir: string
  membrane: StubMembrane
  remove(): void
  settings: Settings
  stderr: string[]
}

export function testSession(overrides: Partial<SessionContext> = {}): TestSession {
  const dir = mkdtempSync(join(tmpdir(), 'close-session-'))
  const settings = new Settings(dir)
  const membrane = new StubMembrane()
  const stderr: string[] = []
  const ctx: SessionContext = {
    interactive: false,
    membrane: membrane.asClient(),
    openBrowser: async () => true,
    pollMs: 1,
    sandbox: false,
    settings,
    async sleep() {},
    stderr: (text) => stderr.push(text),
    ...overrides,
  }
  return {ctx, dir, membrane, remove: () => rmSync(dir, {force: true, recursive: true}), settings, stderr}
}
