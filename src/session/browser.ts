/**
 * Opening a URL in the user's browser, only where one can exist: `BROWSER` set, macOS, Windows, or
 * a graphical session on Linux (DISPLAY / WAYLAND_DISPLAY). Over SSH or in a container there is
 * none, so nothing is offered and nothing can block: the URL is printed for another device.
 */

/** Whether a browser can be opened from here (never true when the user turned it off). */
export function canOpenBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (env.BROWSER?.trim()) return true
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY?.trim() || env.WAYLAND_DISPLAY?.trim())
}

/**
 * Open `url` without waiting for the browser (detached, output ignored). `BROWSER` names the
 * program to use, as with git and gh. Resolves false when it could not be started; never throws.
 */
export async function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  try {
    const {default: open} = await import('open')
    const browser = env.BROWSER?.trim()
    const child = await open(url, {wait: false, ...(browser ? {app: {name: browser}} : {})})
    let failed = false
    child.once('error', () => {
      failed = true
    })
    // A program that is missing fails on the next tick; give it that long.
    await new Promise((resolve) => {
      setTimeout(resolve, 50)
    })
    return !failed
  } catch {
    return false
  }
}
