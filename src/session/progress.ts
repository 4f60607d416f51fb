/**
 * "Waiting for …" on stderr: an animated spinner on a terminal (never under --json), one plain
 * line otherwise, so logs of a headless run still say what the CLI is waiting for.
 */
import {say, type SessionContext, stderrIsTTY} from './context.js'

export interface Progress {
  /** Stop; the spinner line is cleared and `line` (if any) printed in its place. */
  stop(line?: string): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

export function startProgress(ctx: Pick<SessionContext, 'io' | 'json' | 'stderr'>, text: string): Progress {
  if (!stderrIsTTY(ctx)) {
    say(ctx, `${text}…\n`)
    return {
      stop(line) {
        if (line) say(ctx, `${line}\n`)
      },
    }
  }

  let frame = 0
  const draw = (): void => {
    say(ctx, `\r\u001B[2K${FRAMES[frame % FRAMES.length]} ${text}`)
    frame++
  }

  draw()
  const timer = setInterval(draw, 100)
  timer.unref()
  return {
    stop(line) {
      clearInterval(timer)
      say(ctx, `\r\u001B[2K${line ? `${line}\n` : ''}`)
    },
  }
}
