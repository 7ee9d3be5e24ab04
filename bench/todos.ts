// 待办 and the reminder scan at scale.
//   - todo.list (50 items, as the 工作台 asks) and todo.count (the tab's badge) for an admin (the
//     province), a secretary (the branch pairing the most villages) and a cadre (the largest
//     village), through createCaller as production calls them: p95 against 30 ms.
//   - the reminder scan (services/notices/queue-reminders.ts) with every cadre and secretary
//     having turned reminders on (an openid and one grant each): its time against 5 s and the
//     memory it takes (peak RSS over the RSS before it) against 200 MB. It runs in a transaction
//     that is rolled back, so the database measured is left as it was.
//
// Same database as bench/dashboard.ts: BENCH_DATABASE_URL (a province filled by `npm run gen`),
// else county scale generated into a fresh embedded PostgreSQL. One JSON line per measure.
import { randomUUID } from 'node:crypto'
import { queueReminders } from '../server/services/notices/queue-reminders'
import { parseFieldMapping, REMINDER_VALUES } from '../server/services/notices/templates'
import { openBenchWorld, QUICK, reportTimed } from './dashboard'

const GOAL_P95_MS = 30
const SCAN_GOAL_MS = 5000
const SCAN_GOAL_MB = 200
const TEMPLATE = 'tmpl-bench-reminder'

class RolledBack extends Error {}

const main = async () => {
  const world = await openBenchWorld()
  try {
    for (const role of ['admin', 'secretary', 'cadre'] as const) {
      const caller = world[role]
      await reportTimed(`todos.list.${role}`, world.scale, GOAL_P95_MS, () => caller.todo.list({ limit: 50 }))
      await reportTimed(`todos.count.${role}`, world.scale, GOAL_P95_MS, () => caller.todo.count())
    }

    const templates = {
      needStatus: null,
      reminder: {
        templateId: TEMPLATE,
        fields: parseFieldMapping('subject=thing1,due=date2,tip=thing3', REMINDER_VALUES),
      },
    }
    const scans = QUICK ? 1 : 3
    const runs: { ms: number; mb: number; people: number; queued: number }[] = []
    for (let run = 0; run < scans; run++) {
      await world.prisma
        .$transaction(
          async (tx) => {
            // Everyone who is a cadre or secretary today turns reminders on.
            const people = await tx.$queryRaw<{ id: string }[]>`
              SELECT DISTINCT u.id FROM "User" u JOIN "Membership" m ON m."userId" = u.id
              WHERE m.role IN ('CADRE', 'SECRETARY') AND m."endedOn" IS NULL AND u."isActive"`
            for (const { id } of people)
              await tx.$executeRaw`UPDATE "User" SET openid = COALESCE(openid, ${`o-bench-${randomUUID()}`}) WHERE id = ${id}::uuid`
            await tx.noticeGrant.createMany({ data: people.map(({ id }) => ({ userId: id, templateId: TEMPLATE })) })
            // As autovacuum would have by the time thousands of grants were given one by one: the
            // planner told of them (statistics are transactional, rolled back with the rest).
            await tx.$executeRaw`ANALYZE "User", "NoticeGrant"`
            global.gc?.()
            const before = process.memoryUsage().rss
            let peak = before
            const sampler = setInterval(() => {
              peak = Math.max(peak, process.memoryUsage().rss)
            }, 20)
            const started = performance.now()
            const result = await queueReminders({ db: tx, crypto: world.deps.crypto, log: world.deps.log, templates })
            const ms = performance.now() - started
            clearInterval(sampler)
            peak = Math.max(peak, process.memoryUsage().rss)
            runs.push({ ms, mb: (peak - before) / 1024 / 1024, ...result })
            throw new RolledBack()
          },
          { timeout: 600_000, maxWait: 60_000 },
        )
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error
        })
    }
    const worst = runs.reduce((a, b) => (b.ms > a.ms ? b : a))
    const round = (n: number) => Math.round(n * 10) / 10
    console.log(
      JSON.stringify({
        measure: 'todos.reminderScan',
        scale: world.scale,
        runs: runs.length,
        people: worst.people,
        queued: worst.queued,
        medianMs: round([...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]?.ms ?? 0),
        worstMs: round(worst.ms),
        goalMs: SCAN_GOAL_MS,
        peakExtraRssMb: round(Math.max(...runs.map((r) => r.mb))),
        goalMb: SCAN_GOAL_MB,
        withinGoal: worst.ms <= SCAN_GOAL_MS && Math.max(...runs.map((r) => r.mb)) <= SCAN_GOAL_MB,
      }),
    )
  } finally {
    await world.close()
  }
}

await main()
