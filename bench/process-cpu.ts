// CPU time of processes, from /proc (Linux): a process's own, and that of all it started (the
// server's embedded PostgreSQL: its postmaster and the backends of the server's pool).
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks a second in /proc's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100

type Stat = { pid: number; ppid: number; cpuSeconds: number }

const statOf = (pid: number): Stat | undefined => {
  try {
    // The fields after the command, which is in parentheses and may hold spaces.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return {
      pid,
      ppid: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    }
  } catch {
    return undefined // exited since the listing
  }
}

/** A process's CPU seconds so far (user + system). */
export const cpuSecondsOf = (pid: number): number => statOf(pid)?.cpuSeconds ?? 0

/** The CPU seconds so far of the processes descended from `pid` (not `pid` itself), by process. */
export const descendantsCpuSeconds = (pid: number): Map<number, number> => {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => statOf(Number(name)))
    .filter((stat): stat is Stat => stat !== undefined)
  const children = new Map<number, Stat[]>()
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat])
  const found = new Map<number, number>()
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.set(child.pid, child.cpuSeconds)
      visit(child.pid)
    }
  }
  visit(pid)
  return found
}

/** CPU seconds the descendants used between two readings (those started since count from zero). */
export const cpuSecondsBetween = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0)
