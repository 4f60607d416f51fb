import {existsSync, readFileSync} from 'node:fs'

/**
 * Whether a process is still running. A zombie is not: a child killed after its parent exited waits
 * to be reaped by init, and an init that reaps lazily (this machine's PID 1 takes seconds, longer
 * when the machine is busy) would otherwise make a dead child look alive.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }

  if (!existsSync('/proc/self/stat')) return true // no /proc (macOS): signal 0 is all there is
  try {
    // `pid (comm) S …`: the state follows the last `)`, as comm may itself hold one.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false // gone between the two looks
  }
}
