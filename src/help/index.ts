/**
 * The help class (package.json `oclif.helpClass`), design §2 and issue 13 item 5:
 * - aliases (`tasks ls`, `tasks show` …) are shown on the command's own page (ALIASES), never as
 *   extra rows of a topic or root listing;
 * - a name that is both a command and a topic (`login`, with `login complete` under it) is listed
 *   once, as a command; its own help page lists what is under it;
 * - descriptions are paragraphs, reflowed to the terminal width (no hard line breaks).
 * It loads only with help, and imports nothing that oclif has not loaded already.
 */
import type {Command, Interfaces} from '@oclif/core'

import {Help} from '@oclif/core/help'

import {reflow} from './reflow.js'

export default class CloseHelp extends Help {
  /** Every visible command once, aliases left out (they appear on the command's own page). */
  protected get sortedCommands(): Command.Loadable[] {
    return super.sortedCommands.filter((c) => !isAliasEntry(c))
  }

  /** Topics that are not also a command: `login` is listed once, under COMMANDS. */
  protected get sortedTopics(): Interfaces.Topic[] {
    const commands = new Set(super.sortedCommands.map((c) => c.id))
    return super.sortedTopics.filter((t) => !commands.has(t.name))
  }

  public formatCommand(command: Command.Loadable): string {
    return super.formatCommand(reflowCommand(command))
  }

  protected formatTopic(topic: Interfaces.Topic): string {
    return super.formatTopic({
      ...topic,
      ...(topic.description ? {description: reflowKeepingFirst(topic.description)} : {}),
    })
  }
}

/** An entry oclif adds for an alias: a copy of the command under the alias's id. */
export function isAliasEntry(command: Pick<Command.Loadable, 'aliases' | 'id'>): boolean {
  return Boolean(command.aliases?.includes(command.id))
}

/**
 * The command with its description and flag descriptions reflowed. Without a `summary`, oclif
 * takes the description's first line as the summary, so that line stays on its own.
 */
export function reflowCommand(command: Command.Loadable): Command.Loadable {
  const flags = Object.fromEntries(
    Object.entries(command.flags ?? {}).map(([name, flag]) => [
      name,
      flag.description ? {...flag, description: reflow(flag.description)} : flag,
    ]),
  ) as Command.Loadable['flags']
  const description = command.description
    ? command.summary
      ? reflow(command.description)
      : reflowKeepingFirst(command.description)
    : command.description
  return {...command, description, flags}
}

function reflowKeepingFirst(text: string): string {
  const [first, ...rest] = text.split('\n')
  return rest.length === 0 ? text : `${first}\n${reflow(rest.join('\n'))}`
}
