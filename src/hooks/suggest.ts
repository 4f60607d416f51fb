/**
 * Nearest-match suggestions for mistyped commands and flags (issue 13 item 4, design §8):
 * `close lead list` → `leads list`, `--stauts` → `--status`. Pure; the command_not_found hook and
 * the base command's parse-error mapping call it.
 */

/** Edit distance (insert, delete, substitute, swap of neighbours count 1 each). */
export function distance(a: string, b: string): number {
  if (a === b) return 0
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({length: rows}, (_, i) =>
    Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }

  return d[a.length]![b.length]!
}

/** Close enough to suggest: at most a third of the candidate's length wrong (at least 1, at most 3). */
function closeEnough(typed: string, candidate: string): boolean {
  return distance(typed, candidate) <= Math.min(3, Math.max(1, Math.floor(candidate.length / 3)))
}

/**
 * The command (or topic) nearest to what was typed. `typed` are the words the user gave, flags
 * left out (`['lead', 'list']`); `ids` are oclif command ids and topic names with `:` between words.
 * A candidate of n words is compared with the first n typed words and must be close to them; the
 * typed words it leaves over count 2 each, so `leads lst` suggests `leads list` rather than the
 * topic `leads`. The lowest score wins, then the one with more words. Returns the id with spaces
 * (`leads list`), or undefined when nothing is close.
 */
export function suggestCommand(typed: string[], ids: Iterable<string>): string | undefined {
  let best: undefined | {id: string; score: number; words: number}
  for (const id of new Set(ids)) {
    const words = id.split(':')
    if (words.length > typed.length) continue
    const given = typed.slice(0, words.length).join(' ')
    const candidate = words.join(' ')
    if (!closeEnough(given, candidate)) continue
    const score = distance(given, candidate) + 2 * (typed.length - words.length)
    if (!best || score < best.score || (score === best.score && words.length > best.words)) {
      best = {id: candidate, score, words: words.length}
    }
  }

  return best?.id
}

/**
 * The known flag nearest to an unknown one: `suggestFlag('--stauts', ['status', 'limit'])` →
 * `--status`. `known` are flag names without dashes, or single characters for short flags. A
 * short flag (`-x`) is only matched against short flags.
 */
export function suggestFlag(unknown: string, known: Iterable<string>): string | undefined {
  const bare = unknown.replace(/^--?/, '').replace(/=.*$/, '')
  if (/^-[^-]/.test(unknown)) return undefined
  let best: undefined | {distance: number; name: string}
  for (const name of new Set(known)) {
    if (name.length === 1 || !closeEnough(bare, name)) continue
    const d = distance(bare, name)
    if (!best || d < best.distance) best = {distance: d, name}
  }

  return best ? `--${best.name}` : undefined
}

/**
 * For an oclif NonExistentFlagsError (it carries `flags`, the unknown ones, and `parse.input.flags`,
 * the definitions): `Did you mean --status?`, or undefined. Anything else → undefined.
 */
export function unknownFlagHint(error: unknown): string | undefined {
  const e = error as {flags?: unknown; parse?: {input?: {flags?: Record<string, {allowNo?: boolean; char?: string}>}}}
  if (!Array.isArray(e?.flags) || !e.parse?.input?.flags) return undefined
  const definitions = e.parse.input.flags
  const known = Object.keys(definitions).flatMap((name) => (definitions[name]?.allowNo ? [name, `no-${name}`] : [name]))
  const suggestions = e.flags
    .map((flag) => (typeof flag === 'string' ? suggestFlag(flag, known) : undefined))
    .filter((s): s is string => s !== undefined)
  return suggestions.length === 0 ? undefined : `Did you mean ${[...new Set(suggestions)].join(' or ')}?`
}
