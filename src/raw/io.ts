/**
 * The edges of `close raw` that touch the outside: reading `--input`/`@file` (stdin at most once),
 * and the Membrane argv a request becomes (shown by `--dry-run`; it mirrors MembraneClient.request,
 * which an e2e test holds it to).
 */
import {readFileSync} from 'node:fs'

import type {RawRequest} from './request.js'

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

/** `request CONNECTION_ID PATH --method=M --query=k=v … --header=K: V … --data=BODY`, as the client sends it. */
export function membraneRequestArgs(connectionId: string, request: RawRequest): string[] {
  const args = ['request', connectionId, request.path, `--method=${request.method}`]
  for (const [key, value] of request.query) args.push(`--query=${key}=${value}`)
  const headers = Object.entries(request.headers)
  for (const [key, value] of headers) args.push(`--header=${key}: ${value}`)
  if (request.body !== undefined) {
    if (!headers.some(([key]) => key.toLowerCase() === 'content-type')) {
      args.push('--header=Content-Type: application/json')
    }

    args.push(`--data=${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}`)
  }

  return args
}
