// An open-loop load: requests sent at fixed arrival times (a constant rate), each at its time
// whether or not earlier ones have answered, and each one's latency counted from the time it was
// due, not from when it went out. A server (or a load generator) that falls behind therefore shows
// its queueing delay in the latencies instead of quietly slowing the arrivals down (coordinated
// omission).
import { percentile, roundMs } from './stats'

/** When each of a run's requests is due, in milliseconds from its start: evenly spaced at `rate` per second. */
export const arrivalOffsetsMs = (rate: number, seconds: number): number[] => {
  const count = Math.floor(rate * seconds)
  return Array.from({ length: count }, (_, i) => (i * 1000) / rate)
}

/** One request's outcome: what it was, when it was due, when it settled, and whether it failed. */
export type Outcome = { name?: string; dueMs: number; settledMs: number; error?: string }

export type RateReport = {
  rate: number
  sent: number
  answered: number
  errors: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  achievedRate: number
  errorsByKind: Record<string, number>
  /** p50 and p99 of each kind of request (Outcome.name), answered ones. */
  byNameMs: Record<string, { p50: number; p99: number }>
}

const percentilesByName = (answered: readonly Outcome[]) => {
  const byName = new Map<string, number[]>()
  for (const o of answered) {
    if (!o.name) continue
    const values = byName.get(o.name) ?? []
    values.push(o.settledMs - o.dueMs)
    byName.set(o.name, values)
  }
  return Object.fromEntries(
    [...byName].map(([name, values]) => {
      const sorted = values.sort((a, b) => a - b)
      return [name, { p50: roundMs(percentile(sorted, 50)), p99: roundMs(percentile(sorted, 99)) }]
    }),
  )
}

/**
 * A rate's figures. Latency runs from the due time to the answer; requests still unanswered at the
 * end count as errors. The achieved rate is the answers over the time from the first due time to
 * the last answer.
 */
export const summarise = (rate: number, sent: number, outcomes: readonly Outcome[]): RateReport => {
  const answered = outcomes.filter((o) => !o.error)
  const latencies = answered.map((o) => o.settledMs - o.dueMs).sort((a, b) => a - b)
  const errorsByKind: Record<string, number> = {}
  for (const o of outcomes) if (o.error) errorsByKind[o.error] = (errorsByKind[o.error] ?? 0) + 1
  const unanswered = sent - outcomes.length
  if (unanswered) errorsByKind.unanswered = unanswered
  const first = Math.min(...outcomes.map((o) => o.dueMs))
  const last = Math.max(...answered.map((o) => o.settledMs))
  const spanSeconds = answered.length ? (last - first) / 1000 : 0
  return {
    rate,
    sent,
    answered: answered.length,
    errors: sent - answered.length,
    p50Ms: roundMs(percentile(latencies, 50)),
    p99Ms: roundMs(percentile(latencies, 99)),
    maxMs: roundMs(latencies.at(-1) ?? 0),
    achievedRate: spanSeconds > 0 ? Math.round((answered.length / spanSeconds) * 10) / 10 : 0,
    errorsByKind,
    byNameMs: percentilesByName(answered),
  }
}

/**
 * Sends `send(i)` at each arrival time of `rate` per second for `seconds`, then waits up to
 * `drainMs` for the last answers. A timer wakes the loop; whatever has come due since is sent at
 * once (a late wake-up sends several), and each latency still counts from its due time.
 */
export const runOpenLoop = async ({
  rate,
  seconds,
  drainMs,
  send,
  nameOf,
  errorKind,
}: {
  rate: number
  seconds: number
  drainMs: number
  send: (index: number) => Promise<unknown>
  /** What request `index` is, for the per-kind percentiles. */
  nameOf?: (index: number) => string
  errorKind: (index: number, error: unknown) => string
}): Promise<RateReport> => {
  const offsets = arrivalOffsetsMs(rate, seconds)
  const outcomes: Outcome[] = []
  const pending = new Set<Promise<void>>()
  const start = performance.now()
  let next = 0
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      while (next < offsets.length && start + (offsets[next] as number) <= now) {
        const index = next
        const dueMs = start + (offsets[index] as number)
        next += 1
        const settle = (error?: string) => {
          const name = nameOf?.(index)
          outcomes.push({ dueMs, settledMs: performance.now(), ...(name ? { name } : {}), ...(error ? { error } : {}) })
        }
        const call = send(index).then(
          () => settle(),
          (error: unknown) => settle(errorKind(index, error)),
        )
        pending.add(call)
        void call.finally(() => pending.delete(call))
      }
      if (next >= offsets.length) return resolve()
      setTimeout(tick, Math.max(0, start + (offsets[next] as number) - performance.now()))
    }
    tick()
  })
  const sent = offsets.length
  const drained = Promise.all([...pending])
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, drainMs).unref())])
  return summarise(rate, sent, [...outcomes])
}
