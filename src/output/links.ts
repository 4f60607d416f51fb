/**
 * Links to records in Close's web app (reference close-api.md §8) and OSC-8 terminal hyperlinks.
 * Leads carry `html_url`; contacts, opportunities, tasks and activities open their parent lead.
 * OSC-8 is used only on a terminal that supports it, never when stdout is piped.
 */
const APP = 'https://app.close.com'

/** The Close web page of a record: its `html_url`, else its lead's page; undefined when unknown. */
export function recordUrl(record: Record<string, unknown>): string | undefined {
  if (typeof record.html_url === 'string' && record.html_url.startsWith('https://')) return record.html_url
  const id = typeof record.id === 'string' ? record.id : ''
  if (id.startsWith('lead_')) return `${APP}/lead/${id}/`
  const lead = record.lead_id
  return typeof lead === 'string' && lead.startsWith('lead_') ? `${APP}/lead/${lead}/` : undefined
}

/** Does this terminal render OSC-8 hyperlinks? (FORCE_HYPERLINK=1/0 overrides; never off a TTY.) */
export function supportsHyperlinks(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (!isTTY) return false
  if (env.FORCE_HYPERLINK !== undefined) return env.FORCE_HYPERLINK !== '0' && env.FORCE_HYPERLINK !== 'false'
  if (env.TERM === 'dumb' || env.CI) return false
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.WEZTERM_PANE || env.KONSOLE_VERSION) return true
  if (['ghostty', 'iTerm.app', 'vscode', 'WezTerm'].includes(env.TERM_PROGRAM ?? '')) return true
  return Number(env.VTE_VERSION ?? 0) >= 5000
}

/** `text` as an OSC-8 link to `url` (the text's width is unchanged on screen). */
export function hyperlink(text: string, url: string | undefined, enabled: boolean): string {
  if (!enabled || !url || text === '') return text
  // eslint-disable-next-line no-control-regex -- the URL must not end the sequence early
  const safe = url.replaceAll(/[\u0000-\u001F\u007F]/g, '')
  return `\u001B]8;;${safe}\u001B\\${text}\u001B]8;;\u001B\\`
}
