/**
 * A fake terminal for driving the real inquirer prompts in unit tests: keys go into a
 * PassThrough that readline reads, and everything drawn is collected (ANSI codes stripped).
 * No timers: `until` yields to the event loop with setImmediate until the screen shows a text.
 * Call `loadInquirer` in a `before` hook so the first prompt does not wait for module loading.
 */
import {PassThrough} from 'node:stream'
import {stripVTControlCharacters} from 'node:util'

import {createPrompts, type Prompts, type PromptsOptions, type PromptStreams} from '../../../src/prompts/index.js'

export const KEY = {backspace: '\u007F', clearLine: '\u0015', down: '\u001B[B', enter: '\r', space: ' ', up: '\u001B[A'}

export interface Terminal {
  /** Forget what was drawn so far (to wait for something drawn again). */
  clear(): void
  /** What was drawn since the start (or since `clear`), without ANSI codes. */
  screen(): string
  /** Streams for one prompt: inquirer ends its output when a prompt is done, so each gets its own. */
  streams(): PromptStreams
  /** Type keys, one write per key, yielding between them. */
  type(...keys: string[]): Promise<void>
  /** Yield until the screen contains `text` (fails after 5 s of turns of the event loop). */
  until(text: string): Promise<void>
}

const tick = async () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve)
  })

export function terminal(): Terminal {
  const input = new PassThrough()
  let drawn = ''
  return {
    clear() {
      drawn = ''
    },
    screen: () => stripVTControlCharacters(drawn),
    streams() {
      const output = new PassThrough()
      output.on('data', (chunk: Buffer) => {
        drawn += chunk.toString('utf8')
      })
      return {input, output}
    },
    async type(...keys: string[]) {
      for (const key of keys) {
        input.write(key)
        await tick()
        await tick()
      }
    },
    async until(text: string) {
      const deadline = Date.now() + 5000
      while (Date.now() < deadline) {
        if (stripVTControlCharacters(drawn).includes(text)) return
        await tick()
      }

      throw new Error(`The screen never showed ${JSON.stringify(text)}; it shows:\n${stripVTControlCharacters(drawn)}`)
    },
  }
}

/** The real prompts object drawing on `term`. */
export function promptsOn(term: Terminal, options: PromptsOptions = {}): Prompts {
  return createPrompts({allowed: () => true, streams: () => term.streams(), ...options})
}

/** Import inquirer once up front (module loading is the slow part of a first prompt). */
export async function loadInquirer(): Promise<void> {
  await import('@inquirer/prompts')
}
