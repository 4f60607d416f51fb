/**
 * `close status`: the health of everything close needs (design §2): the Membrane binary, its
 * version, the login, the connection in use and its state, where the config file is. Each
 * problem carries the exit code and the fix; `healthError` turns an unhealthy report into the
 * error the command exits with (4 for login/connection, 3 when Membrane failed to answer).
 */
import {accessSync, constants} from 'node:fs'
import {delimiter, isAbsolute, join, resolve} from 'node:path'

import type {MembraneClient} from '../membrane/client.js'
import type {MembraneConnection} from '../membrane/types.js'
import type {ResolvedConnection} from '../session/connection-store.js'

import {AuthError, CliError, ExitCode, RemoteError} from '../errors.js'
import {sandboxBinPath} from '../sandbox/index.js'
import {isCloseConnection, isReady, nameOf, stateOf} from '../session/connection-info.js'
import {cmd, reconnectHint} from '../session/context.js'

export interface HealthDeps {
  configPath: string
  /** The connection the data commands would use (no set-up, no Membrane call). */
  current?: ResolvedConnection
  env: NodeJS.ProcessEnv
  membrane: MembraneClient
  sandbox: boolean
  /** This CLI's version. */
  version: string
}

export interface HealthProblem {
  code: string
  exitCode: number
  fix: string
  message: string
}

export interface HealthReport {
  cli: {node: string; version: string}
  configPath: string
  connection: null | {
    close?: boolean
    id: string
    name?: string
    ready?: boolean
    source: string
    state?: string
  }
  healthy: boolean
  login: {loggedIn: boolean | null; user?: string}
  membrane: {
    found: boolean
    /** The Membrane CLI generation (issue 10): A (`action run`/`request`), B (`act`), A+B, unknown; null when not asked. */
    generation: null | string
    isMembraneCli: boolean | null
    path: string
    sandbox: boolean
    version: null | string
  }
  problems: HealthProblem[]
  /** The one real read (GET /me/ through the proxy) that proves data calls work; null when not made. */
  read: null | {ok: boolean; user?: string}
}

/** Where an executable named on PATH (or by path) lives; the name itself when it is not found. */
function whichBin(bin: string, env: NodeJS.ProcessEnv = process.env): string {
  if (bin.includes('/') || bin.includes('\\')) return isAbsolute(bin) ? bin : resolve(bin)
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, bin)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }

  return bin
}

/** ✓ healthy, ✗ a problem, ? not checked. */
function ok(good: boolean | null | undefined): string {
  return good ? '✓' : good === false ? '✗' : '?'
}

const SOURCES: Record<string, string> = {
  config: 'chosen with close login / close connections use',
  flag: 'from --connection or CLOSE_CONNECTION_ID',
  sandbox: 'the sandbox default',
}

function suggest(deps: Pick<HealthDeps, 'sandbox'>, command: string): string {
  return cmd(deps, command)
}

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const {sandbox} = deps
  const problems: HealthProblem[] = []
  const report: HealthReport = {
    cli: {node: process.version, version: deps.version},
    configPath: deps.configPath,
    connection: null,
    healthy: false,
    login: {loggedIn: null},
    membrane: {
      found: false,
      generation: null,
      isMembraneCli: null,
      path: sandbox ? sandboxBinPath() : whichBin(deps.env.CLOSE_MEMBRANE_BIN || 'membrane', deps.env),
      sandbox: Boolean(sandbox),
      version: null,
    },
    problems,
    read: null,
  }
  const failed = (error: unknown, what: string): void => {
    if (!(error instanceof CliError)) throw error
    problems.push({
      code: error.code,
      // The exit code a data command would meet (4 login/connection, 3 dialect or Membrane failure, …).
      exitCode: error.exitCode === ExitCode.Failure ? ExitCode.Remote : error.exitCode,
      fix: error.hint ?? `Run again with --debug to see the Membrane call.`,
      message: `${what}: ${error.message}`,
    })
  }

  try {
    const version = await deps.membrane.version()
    report.membrane.found = true
    report.membrane.version = version.version ?? null
    report.membrane.isMembraneCli = version.isMembraneCli
    if (!version.isMembraneCli) {
      problems.push({
        code: 'membrane_unexpected',
        exitCode: ExitCode.Auth,
        fix: 'Install the Membrane CLI with `npm install -g @membranehq/cli` and put it first on PATH, or set CLOSE_MEMBRANE_BIN to it.',
        message: `${report.membrane.path} is not the Membrane CLI (@membranehq/cli)${version.raw ? `: it says "${version.raw.slice(0, 80)}"` : ''}.`,
      })
    }
  } catch (error) {
    if (error instanceof CliError && error.code === 'membrane_missing') {
      problems.push({code: error.code, exitCode: ExitCode.Auth, fix: error.hint ?? '', message: error.message})
    } else failed(error, 'membrane --version failed')
  }

  if (report.membrane.found && report.membrane.isMembraneCli !== false) {
    try {
      report.membrane.generation = (await deps.membrane.capabilities()).generation
    } catch (error) {
      failed(error, 'membrane --help failed')
    }
  }

  if (report.membrane.found && report.membrane.isMembraneCli !== false) {
    try {
      const status = await deps.membrane.status()
      report.login.loggedIn = status.loggedIn
      if (status.user) report.login.user = status.user
      if (!status.loggedIn) {
        problems.push({
          code: 'not_logged_in',
          exitCode: ExitCode.Auth,
          fix: `Run ${suggest(deps, 'login')}.`,
          message: 'Not logged in to Membrane.',
        })
      }
    } catch (error) {
      failed(error, 'membrane status failed')
    }
  }

  const {current} = deps
  if (current) {
    report.connection = {id: current.id, source: current.source, ...(current.name ? {name: current.name} : {})}
    if (report.login.loggedIn !== false && report.membrane.found && report.membrane.isMembraneCli !== false) {
      await checkConnection(deps, report, problems, failed)
    }
  } else {
    problems.push({
      code: 'no_connection',
      exitCode: ExitCode.Auth,
      fix: `Run ${suggest(deps, 'login')} (or ${suggest(deps, 'connections use')}), or pass --connection ID (or set CLOSE_CONNECTION_ID).`,
      message: 'No Close connection is chosen.',
    })
  }

  report.healthy = problems.length === 0
  return report
}

async function checkConnection(
  deps: HealthDeps,
  report: HealthReport,
  problems: HealthProblem[],
  failed: (error: unknown, what: string) => void,
): Promise<void> {
  const entry = report.connection!
  let connection: MembraneConnection
  try {
    connection = await deps.membrane.getConnection(entry.id)
  } catch (error) {
    if (error instanceof CliError && error.code === 'connection_not_found') {
      problems.push({
        code: 'connection_not_found',
        exitCode: ExitCode.Auth,
        fix: `Choose another with ${suggest(deps, 'connections use')}${entry.source === 'flag' ? ', or fix --connection / CLOSE_CONNECTION_ID' : ''}.`,
        message: `The connection ${entry.id} no longer exists in Membrane.`,
      })
    } else failed(error, `membrane connection get ${entry.id} failed`)
    return
  }

  entry.name = nameOf(connection)
  entry.state = stateOf(connection)
  entry.ready = isReady(connection)
  entry.close = isCloseConnection(connection)
  if (!entry.close) {
    problems.push({
      code: 'not_close_connection',
      exitCode: ExitCode.Auth,
      fix: `Choose a Close connection with ${suggest(deps, 'connections use')}.`,
      message: `The connection ${entry.name} (${entry.id}) is not a connection to Close.`,
    })
  } else if (entry.ready) {
    await checkRead(deps, report, failed)
  } else {
    problems.push({
      code: 'connection_not_ready',
      exitCode: ExitCode.Auth,
      fix: reconnectHint(deps, entry.id),
      message: `The connection ${entry.name} (${entry.id}) needs re-authentication (state ${entry.state}).`,
    })
  }
}

/** One real read, GET /me/ through the proxy in the binary's dialect: healthy only when data calls work. */
async function checkRead(
  deps: HealthDeps,
  report: HealthReport,
  failed: (error: unknown, what: string) => void,
): Promise<void> {
  const {id} = report.connection!
  try {
    const me = await deps.membrane.healthRead(id)
    const user = typeof me.email === 'string' ? me.email : undefined
    report.read = user ? {ok: true, user} : {ok: true}
  } catch (error) {
    report.read = {ok: false}
    failed(error, 'Reading Close (GET /me/) failed')
  }
}

/** The error an unhealthy report exits with; undefined when healthy. */
export function healthError(report: HealthReport): AuthError | RemoteError | undefined {
  if (report.healthy) return undefined
  const {problems} = report
  const [first] = problems
  const exitCode = problems.some((p) => p.exitCode === ExitCode.Auth) ? ExitCode.Auth : ExitCode.Remote
  const message =
    problems.length === 1
      ? first.message
      : `${problems.length} problems: ${problems.map((p) => p.message.replace(/\.$/, '')).join('; ')}.`
  const options = {code: first.code, details: {problems: report.problems}, hint: first.fix}
  return exitCode === ExitCode.Auth ? new AuthError(message, options) : new RemoteError(message, options)
}

export function healthText(report: HealthReport): string {
  const {connection, login, membrane} = report
  const membraneLine = membrane.found
    ? `${membrane.version ?? 'unknown version'}${membrane.sandbox ? ' (sandbox)' : membrane.isMembraneCli ? ' (@membranehq/cli)' : ' (NOT @membranehq/cli)'} at ${membrane.path}`
    : `not found (${membrane.path})`
  const loginLine =
    login.loggedIn === null
      ? 'unknown'
      : login.loggedIn
        ? `logged in${login.user ? ` as ${login.user}` : ''}`
        : 'not logged in'
  let connectionLine = 'none chosen'
  let connectionOk: boolean | null = false
  if (connection) {
    const name =
      connection.name && connection.name !== connection.id ? `${connection.name} (${connection.id})` : connection.id
    const state = connection.state ?? (login.loggedIn === false ? 'not checked: log in first' : 'unknown')
    connectionLine = `${name} · ${state} · ${SOURCES[connection.source] ?? connection.source}`
    connectionOk = connection.ready === undefined ? null : connection.ready && connection.close !== false
  }

  const generation = membrane.generation ? ` · generation ${membrane.generation}` : ''
  const readLine = report.read
    ? report.read.ok
      ? `GET /me/ answered${report.read.user ? ` (${report.read.user})` : ''}`
      : 'GET /me/ failed'
    : 'not made'
  const lines = [
    `close ${report.cli.version} · Node ${report.cli.node}`,
    '',
    `  ${ok(membrane.found && membrane.isMembraneCli)} Membrane CLI  ${membraneLine}${generation}`,
    `  ${ok(login.loggedIn)} Login         ${loginLine}`,
    `  ${ok(connectionOk)} Connection    ${connectionLine}`,
    `  ${ok(report.read?.ok)} Close read    ${readLine}`,
    `  · Config file   ${report.configPath}`,
    '',
  ]
  if (report.healthy) lines.push('All good: close is ready to use.')
  else lines.pop()
  return `${lines.join('\n')}\n`
}
