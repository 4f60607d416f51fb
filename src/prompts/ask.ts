/**
 * Questions that keep what you type: every answer is checked as it is entered (inquirer's
 * `validate`), a wrong one shows the reason under the question with the typed text still on the
 * line to fix, and earlier answers are never lost because nothing is checked "after the last
 * question". The parse function is the same one the flag uses (dates, money, references …), so
 * a value accepted here is accepted by the command.
 */
import type {Prompts} from './index.js'

import {CliError} from '../errors.js'

/** Turns what was typed into a value, or throws (a CliError's message and hint are the reason). */
export type Parse<T> = (text: string) => Promise<T> | T

export interface Question<T> {
  /** Offered as the default (Enter accepts it; Tab puts it on the line to edit). */
  default?: string
  message: string
  /** An empty answer is accepted and gives undefined (the detail is left out). */
  optional?: boolean
  parse: Parse<T>
}

/** The reason shown for a failed parse: the message, then the hint when there is one. */
export function reasonOf(error: unknown): string {
  if (error instanceof CliError) return error.hint ? `${error.message} ${error.hint}` : error.message
  throw error
}

/**
 * Ask until `parse` accepts the answer; returns the parsed value. An empty answer to an optional
 * question gives undefined without calling parse.
 */
export async function askParsed<T>(
  prompts: Prompts,
  message: string,
  parse: Parse<T>,
  options: {default?: string; optional?: boolean} = {},
): Promise<T | undefined> {
  let parsed: undefined | {text: string; value: T}
  const answer = await prompts.input(message, {
    default: options.default,
    required: !options.optional,
    async validate(text) {
      if (options.optional && text.trim() === '') return true
      try {
        parsed = {text, value: await parse(text)}
        return true
      } catch (error) {
        return reasonOf(error)
      }
    },
  })
  if (options.optional && answer.trim() === '') return undefined
  // A prompt stub (tests) may skip validate: parse now, failing the same way the flag would.
  return parsed && parsed.text === answer ? parsed.value : parse(answer)
}

type Answers<Q extends Record<string, Question<unknown>>> = {
  [K in keyof Q]: Q[K] extends Question<infer T> ? (Q[K]['optional'] extends true ? T | undefined : T) : never
}

/**
 * Ask the questions in order, each validated as entered; values already `given` (flags) are
 * parsed the same way and not asked. Returns every answer, parsed.
 */
export async function askAll<Q extends Record<string, Question<unknown>>>(
  prompts: Prompts,
  questions: Q,
  given: Partial<Record<keyof Q, string | undefined>> = {},
): Promise<Answers<Q>> {
  const answers: Record<string, unknown> = {}
  for (const [key, question] of Object.entries(questions)) {
    const value = given[key]
    answers[key] =
      value === undefined
        ? await askParsed(prompts, question.message, question.parse, {
            default: question.default,
            optional: question.optional,
          })
        : await question.parse(value)
  }

  return answers as Answers<Q>
}
