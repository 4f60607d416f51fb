/**
 * Missing input and confirmations, the same way everywhere (the one rule): on a terminal ask,
 * each answer checked as it is entered and asked again with the reason (prompts/ask.ts); off a
 * terminal (or with --json / CLOSE_NO_PROMPT) never wait — exit 2 naming every missing flag at once.
 */
import {UsageError} from '../errors.js'
import {askParsed} from '../prompts/ask.js'
import {prompts} from '../prompts/index.js'

export interface Need {
  /**
   * Checks an answer as it is entered, with the parser the flag uses (`(v) => parseMoney(v, '--value')`):
   * a throw shows its message under the question, keeps what was typed, and asks again.
   */
  check?: (value: string) => unknown
  /** The flag (or argument) that supplies the value, e.g. `--lead`. */
  flag: string
  /** Asked on a terminal. */
  question: string
}

/**
 * The rule for missing input: nothing missing, or a terminal (the caller asks) → returns; off a
 * terminal → exit 2 naming every missing flag at once.
 */
export function refuseMissing(missing: string[], interactive: boolean): void {
  if (missing.length === 0 || interactive) return
  throw new UsageError(`Missing ${missing.join(', ')}.`, {
    code: 'missing_input',
    hint: `Not running on a terminal, so nothing is asked: pass ${missing.join(' and ')}.`,
  })
}

/** The value if given; else asked for on a terminal; else exit 2 naming every missing flag at once. */
export async function requireValues<K extends string>(
  given: Partial<Record<K, string | undefined>>,
  needs: Record<K, Need>,
  interactive: boolean,
): Promise<Record<K, string>> {
  const missing = (Object.keys(needs) as K[]).filter((key) => !given[key])
  refuseMissing(
    missing.map((key) => needs[key].flag),
    interactive,
  )

  // Values given as flags are checked before anything is asked, so no answer is typed in vain.
  for (const key of Object.keys(needs) as K[]) {
    const value = given[key]
    if (value) await needs[key].check?.(value)
  }

  const result = {...given} as Record<K, string>
  for (const key of missing) {
    const {check, question} = needs[key]
    result[key] = (await askParsed(prompts, question, async (text) => {
      await check?.(text)
      return text
    }))!
  }

  return result
}

/**
 * Deletes and other destructive steps: `--yes` skips the question; on a terminal ask (default no);
 * off a terminal without `--yes` exit 2.
 */
export async function confirmDestructive(question: string, yes: boolean, interactive: boolean): Promise<boolean> {
  if (yes) return true
  if (!interactive) {
    throw new UsageError('Refusing to delete without confirmation.', {
      code: 'confirmation_required',
      hint: 'Not running on a terminal, so nothing is asked: pass --yes to confirm.',
    })
  }

  return prompts.confirm(question, false)
}
