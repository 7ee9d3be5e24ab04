// How fast this machine is, so that figures taken on different machines of one kind can be read
// side by side: the CPU's model and a fixed single-threaded JavaScript workload (building, writing
// and reading back 20,000 records as JSON, then sorting them), timed five times, the median
// reported. Machines of the same kind have been seen to differ by twice on it, which moves every
// time measured on them; it is not a measure of the project's code.
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { percentile } from './stats'

const RECORDS = 20_000
const ROUNDS = 5

const workload = (): number => {
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    id: `r-${i.toString(36)}-${(i * 7919) % 10007}`,
    name: `前跃村 第${i % 300}户`,
    amountFen: (i * 104_729) % 1_000_000,
    tags: [i % 3 === 0 ? '低保' : '一般', i % 5 === 0 ? '残疾' : '无'],
  }))
  const parsed = JSON.parse(JSON.stringify(records)) as typeof records
  parsed.sort((a, b) => a.amountFen - b.amountFen || a.id.localeCompare(b.id))
  return parsed.length
}

export type MachineGauge = { cpu: string; cores: number; gaugeMs: number }

/** The CPU's model, its core count and the workload's median time in ms (one warm-up run first). */
export const machineGauge = (): MachineGauge => {
  workload()
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now()
    workload()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const cores = cpus()
  return { cpu: cores[0]?.model ?? 'unknown', cores: cores.length, gaugeMs: Math.round(percentile(times, 50)) }
}
