/**
 * The edge of `close raw` that touches the outside: reading `--input`/`@file` (stdin at most once).
 * The Membrane argv `--dry-run` shows is the client's own (MembraneClient.proxyArgs).
 */
import {readFileSync} from 'node:fs'

import {UsageError} from '../errors.js'

/** A reader for `--input FILE`, `-F k=@FILE`; `-` is stdin, which can be read only once per run. */
export function readSource(stdin: () => string = () => readFileSync(0, 'utf8')): (path: string) => string {
  let stdinUsed = false
  return (path: string): string => {
    if (path === '-') {
      if (stdinUsed) {
        throw new UsageError('Standard input can be read only once.', {
          code: 'invalid_input',
          hint: 'Use - in one place only (--input - or one -F key=@-); read other values from files.',
        })
      }

      stdinUsed = true
      if (process.stdin.isTTY) process.stderr.write('Reading from standard input; end with Ctrl-D.\n')
      return stdin()
    }

    try {
      return readFileSync(path, 'utf8')
    } catch (error) {
      const {code, message} = error as NodeJS.ErrnoException
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : message
      throw new UsageError(`Cannot read ${path}: ${why}.`, {
        code: 'invalid_input',
        hint: 'Give the path of a readable file, or - for standard input.',
      })
    }
  }
}
