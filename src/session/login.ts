/**
 * Logging in to Membrane (design §5.1): `membrane login --tenant` runs headless and we show the
 * authorization URL it prints; on a terminal we offer to open a browser (only where one can
 * exist) and ask for the code, then run `membrane login complete CODE` and confirm with
 * `membrane status`. Off a terminal the caller prints the URL and the next command and stops.
 *
 * A login that fails or times out is an AuthError (exit 4) that says why and names the fix.
 */
import {AuthError, CliError, InterruptedError, UsageError} from '../errors.js'
import {prompts} from '../prompts/index.js'
import {SANDBOX_LOGIN_CODE} from '../sandbox/index.js'
import {canOpenBrowser, openBrowser} from './browser.js'
import {cmd, say, type SessionContext} from './context.js'
import {getPref} from './prefs.js'

/** The command that finishes a headless login, as shown to the user. */
export function nextLoginCommand(ctx: Pick<SessionContext, 'sandbox'>): string {
  return `close login complete <code>${ctx.sandbox ? ' --sandbox' : ''}`
}

/** Turn a failure of `membrane login …` into "Login failed: why" (exit 4); bugs and Ctrl-C pass through. */
function loginFailure(ctx: SessionContext, error: unknown, stage: 'complete' | 'start'): unknown {
  if (!(error instanceof CliError) || error instanceof InterruptedError) return error
  if (error.code === 'membrane_missing') return error
  const why =
    stage === 'complete' && error.code === 'not_logged_in'
      ? 'Membrane did not accept the code'
      : error.message
          .replace(/^Membrane failed:\s*/i, '')
          .replace(/^Error:\s*/i, '')
          .replace(/\.$/, '')
  return new AuthError(`Login failed: ${why}.`, {
    code: 'login_failed',
    details: {cause: error.code},
    hint:
      stage === 'start'
        ? `Try ${cmd(ctx, 'login')} again; ${cmd(ctx, 'status')} shows which Membrane CLI is used.`
        : `The code may be mistyped or expired: start again with ${cmd(ctx, 'login')}.`,
  })
}

/** Run `membrane login --tenant` headless and return the authorization URL it printed. */
export async function startLogin(ctx: SessionContext): Promise<string> {
  try {
    const {url} = await ctx.membrane.loginStart()
    return url
  } catch (error) {
    throw loginFailure(ctx, error, 'start')
  }
}

/** Show the authorization URL prominently on stderr. */
export function showLoginUrl(ctx: SessionContext, url: string): void {
  say(ctx, `\nTo log in to Membrane, open this URL in a browser (on this or any other device):\n\n    ${url}\n\n`)
}

/** What a headless login prints after the URL: the exact command that finishes it. */
export function showLoginNext(ctx: SessionContext): void {
  say(ctx, `After you approve, the page shows a code. Finish with:\n\n    ${nextLoginCommand(ctx)}\n\n`)
  if (ctx.sandbox) say(ctx, sandboxCodeNote())
}

/** The sandbox's URL leads nowhere: say which code it accepts. */
function sandboxCodeNote(): string {
  return `(Sandbox: there is no real page; the code is ${SANDBOX_LOGIN_CODE}.)\n\n`
}

/** `membrane login complete CODE`, then `membrane status` to confirm. */
export async function completeLogin(ctx: SessionContext, code: string): Promise<void> {
  const trimmed = code.trim()
  if (!trimmed) {
    throw new UsageError('The login code is empty.', {
      code: 'missing_code',
      hint: `Pass the code the browser showed: ${nextLoginCommand(ctx)}.`,
    })
  }

  try {
    await ctx.membrane.loginComplete(trimmed)
  } catch (error) {
    throw loginFailure(ctx, error, 'complete')
  }

  if ((await isLoggedIn(ctx)) === false) {
    throw new AuthError('Login failed: Membrane still reports that you are not logged in.', {
      code: 'login_failed',
      hint: `The code may be mistyped or expired: start again with ${cmd(ctx, 'login')}.`,
    })
  }

  say(ctx, 'Logged in to Membrane.\n')
}

/**
 * Whether Membrane says we are logged in; undefined when `membrane status` failed for another
 * reason (a missing or broken binary is still thrown: nothing else can work then).
 */
export async function isLoggedIn(ctx: SessionContext): Promise<boolean | undefined> {
  try {
    return (await ctx.membrane.status()).loggedIn
  } catch (error) {
    if (error instanceof CliError && error.code === 'not_logged_in') return false
    if (error instanceof CliError && error.code !== 'membrane_missing' && !(error instanceof InterruptedError)) {
      return undefined
    }

    throw error
  }
}

/** On a terminal where a browser can exist (and config `browser` is not `never`): offer to open `url`. */
export async function offerBrowser(ctx: SessionContext, url: string): Promise<void> {
  if (!ctx.interactive || getPref(ctx.settings, 'browser') === 'never' || !canOpenBrowser()) return
  if (!(await prompts.confirm('Open it in your browser now?', true))) return
  const opened = await (ctx.openBrowser ?? openBrowser)(url)
  if (!opened) say(ctx, 'Could not start a browser; open the URL above yourself.\n')
}

/** The whole login on a terminal: URL, optional browser, the code prompt, completion. */
export async function interactiveLogin(ctx: SessionContext): Promise<void> {
  const url = await startLogin(ctx)
  showLoginUrl(ctx, url)
  if (
    getPref(ctx.settings, 'browser') !== 'never' &&
    canOpenBrowser() &&
    (await prompts.confirm('Open it in your browser now?', true))
  ) {
    const opened = await (ctx.openBrowser ?? openBrowser)(url)
    if (!opened) say(ctx, 'Could not start a browser; open the URL above yourself.\n')
  }

  if (ctx.sandbox) say(ctx, sandboxCodeNote())
  const code = await prompts.input('Paste the code shown after you approve:', {required: true})
  await completeLogin(ctx, code)
}

/** Before a data command's first run: log in (on a terminal) unless Membrane says we already are. */
export async function ensureLoggedIn(ctx: SessionContext): Promise<void> {
  if ((await isLoggedIn(ctx)) !== false) return
  if (!ctx.interactive) {
    throw new AuthError('Not logged in to Membrane.', {
      code: 'not_logged_in',
      hint: `Run ${cmd(ctx, 'login')}.`,
    })
  }

  say(ctx, 'You are not logged in to Membrane yet.\n')
  await interactiveLogin(ctx)
}
