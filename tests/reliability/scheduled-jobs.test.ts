// Scheduled jobs on several instances (server/jobs/): two real server processes on one database,
// with BACKUP_SCHEDULE firing every minute. Each minute's backup is taken once, by one instance
// (never by both); no two backups ever run at once; and two administrators asking both instances
// for a backup at the same moment both get an answer, from backups that do not overlap.
//
// Runs on the external PostgreSQL (127.0.0.1:5432, or TEST_DATABASE_URL) when one answers, else
// on an embedded PostgreSQL this file starts, which both servers share through DATABASE_URL.
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { reportFigures } from './figures'
import { loginAs, migrateAndSeedAccounts, newFieldKey, type ServerProcess, sleep, withClient } from './server-process'
import { cleanupAfterAll, databaseForInstances } from './suite-resources'

/** Scheduled backups to see before judging, and how long to wait for them. */
const SCHEDULED_RUNS = 3
const WAIT_MS = 300_000

const cleanups = cleanupAfterAll()

type RunRow = {
  id: string
  trigger: 'SCHEDULE' | 'COMMAND' | 'MANUAL'
  status: string
  startedAt: Date
  finishedAt: Date | null
  jobId: string | null
  fileName: string | null
}

const runsIn = (url: string) =>
  withClient(
    url,
    async (c) =>
      (
        await c.query<RunRow>(
          `SELECT id, trigger, status, "startedAt", "finishedAt", "jobId", "fileName" FROM "BackupRun" ORDER BY "startedAt"`,
        )
      ).rows,
  )

/** The instances whose log says they wrote the backup of this job. */
const writersOf = (servers: ServerProcess[], jobId: string) =>
  servers.filter((server) =>
    server
      .output()
      .split('\n')
      .some((line) => line.includes('"msg":"backup written"') && line.includes(`"jobId":"${jobId}"`)),
  )

describe('scheduled backups on two instances', () => {
  it('takes each minute’s backup once, never two at a time, and answers backup.run on both', async () => {
    const database = await databaseForInstances(cleanups, 'scheduled-jobs')
    const env = { FIELD_ENCRYPTION_KEY: newFieldKey(), BACKUP_SCHEDULE: '* * * * *' }
    const started = await Promise.allSettled(['a', 'b'].map((name) => database.startInstance(name, env)))
    const servers = started.map((s) => {
      if (s.status === 'rejected') throw s.reason
      return s.value
    })
    await migrateAndSeedAccounts(database.url)

    // Two administrators, one on each instance, at the same moment.
    const [onA, onB] = await Promise.all(servers.map((server) => loginAs(server.url, DEMO_ACCOUNTS.admin.phone)))
    const asked = await Promise.all([onA?.backup.run.mutate(), onB?.backup.run.mutate()])
    for (const answer of asked) expect(answer).toMatchObject({ state: 'FINISHED', run: { status: 'SUCCEEDED' } })

    const deadline = Date.now() + WAIT_MS
    let runs = await runsIn(database.url)
    while (runs.filter((r) => r.trigger === 'SCHEDULE' && r.finishedAt).length < SCHEDULED_RUNS) {
      if (Date.now() > deadline) throw new Error(`fewer than ${SCHEDULED_RUNS} scheduled backups in ${WAIT_MS} ms`)
      await sleep(2_000)
      runs = await runsIn(database.url)
    }
    for (const server of servers) expect(await server.stop()).toEqual({ code: 0, signal: null })
    runs = await runsIn(database.url)

    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true)
    // Never two at once, whichever instance ran them and whatever started them.
    for (let i = 1; i < runs.length; i += 1) {
      const [before, after] = [runs[i - 1] as RunRow, runs[i] as RunRow]
      expect(
        after.startedAt.getTime(),
        `${after.trigger} run began before the one before it ended`,
      ).toBeGreaterThanOrEqual((before.finishedAt as Date).getTime())
    }
    // Each scheduled backup ran once, on one instance. A minute's schedule fired on both would
    // give two backups one right after the other; consecutive minutes' are tens of seconds apart.
    const scheduled = runs.filter((r) => r.trigger === 'SCHEDULE')
    for (const run of scheduled) expect(writersOf(servers, run.jobId as string)).toHaveLength(1)
    const gaps = scheduled
      .slice(1)
      .map((run, i) => run.startedAt.getTime() - (scheduled[i] as RunRow).startedAt.getTime())
    for (const gap of gaps) expect(gap).toBeGreaterThan(15_000)
    const minutes = Math.ceil(
      ((scheduled.at(-1)?.startedAt.getTime() ?? 0) - (scheduled[0]?.startedAt.getTime() ?? 0)) / 60_000,
    )
    expect(scheduled.length).toBeLessThanOrEqual(minutes + 1)
    // The two requests: one backup each, or one they shared (the second joined the first while it waited).
    const manual = runs.filter((r) => r.trigger === 'MANUAL')
    expect(manual.length).toBeGreaterThanOrEqual(1)
    expect(manual.length).toBeLessThanOrEqual(2)
    reportFigures('scheduled-jobs', {
      scheduledBackups: scheduled.length,
      manualBackups: manual.length,
      overlaps: 0,
      minGapMs: Math.min(...gaps),
      byInstance: servers
        .map((server) => scheduled.filter((r) => writersOf([server], r.jobId as string).length).length)
        .join('+'),
    })
  }, 600_000)
})
