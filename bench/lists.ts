// Scoped lists at scale: the first page (limit 20, as the app asks) of the household list of one
// village (a cadre), the needs board (open needs, soonest due first) of a cadre and of a
// secretary, and the activity list of a secretary — through createCaller, as production calls
// them, as the real accounts bench/dashboard.ts picks from the generated world. Same database
// (BENCH_DATABASE_URL, or county scale in a fresh embedded PostgreSQL) and iterations.
// One JSON line per list: median, p95, p99 in ms; the goal is a p95 of 15 ms.
import { openBenchWorld, reportTimed } from './dashboard'

const GOAL_MS = 15
const LIMIT = 20

const main = async () => {
  const world = await openBenchWorld()
  try {
    const lists: [string, () => Promise<unknown>][] = [
      ['household.list.cadre', () => world.cadre.household.list({ villageId: world.picked.villageId, limit: LIMIT })],
      ['need.list.board.cadre', () => world.cadre.need.list({ isOpen: true, sort: 'due', limit: LIMIT })],
      ['need.list.board.secretary', () => world.secretary.need.list({ isOpen: true, sort: 'due', limit: LIMIT })],
      ['activity.list.secretary', () => world.secretary.activity.list({ limit: LIMIT })],
    ]
    for (const [name, call] of lists) await reportTimed(`lists.${name}`, world.scale, GOAL_MS, call)
  } finally {
    await world.close()
  }
}

await main()
