/**
 * Prompts behind one object so tests can stub them (the plugin-not-found / Salesforce pattern);
 * The inquirer prompts package is imported only when a prompt is really shown. Prompts write to stderr, never
 * stdout, and run only when `canPrompt` says so.
 */
export interface Choice<T> {
  description?: string
  name: string
  value: T
}

/** Prompting is allowed only with a terminal on stdin and stderr, without --json or CLOSE_NO_PROMPT. */
export function canPrompt(options: {json?: boolean} = {}): boolean {
  if (options.json) return false
  if (process.env.CLOSE_NO_PROMPT && process.env.CLOSE_NO_PROMPT !== '0') return false
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

async function inquirer() {
  return import('@inquirer/prompts')
}

export const prompts = {
  async confirm(message: string, defaultValue = false): Promise<boolean> {
    const {confirm} = await inquirer()
    return confirm({default: defaultValue, message}, {output: process.stderr})
  },

  async editor(message: string, defaultValue = ''): Promise<string> {
    const {editor} = await inquirer()
    return editor({default: defaultValue, message, waitForUserInput: false}, {output: process.stderr})
  },

  async input(message: string, options: {default?: string; required?: boolean} = {}): Promise<string> {
    const {input} = await inquirer()
    return input({default: options.default, message, required: options.required}, {output: process.stderr})
  },

  async select<T>(message: string, choices: Array<Choice<T>>): Promise<T> {
    const {select} = await inquirer()
    return select<T>({choices, message, pageSize: 12}, {output: process.stderr})
  },
}
