// The maintenance jobs on the server's job queue (server/jobs/maintenance-jobs.ts) and what
// administrators read of all the jobs (job.status, from pg-boss's tables): retention prunes as
// `npm run retention` does; the rollup check passes on a sound ledger and fails, with its error
// shown, when a rollup drifts; each job shows its schedule, last run, next run and failures, and
// the day's WeChat messages are counted by outcome.
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TJobStatus } from '../../common/contracts/job/job-status'
import { parseEnv } from '../../server/env'
import { type JobRunner, startJobRunner } from '../../server/jobs/job-runner'
import { RETENTION_QUEUE, retentionJob, STATS_CHECK_QUEUE, statsCheckJob } from '../../server/jobs/maintenance-jobs'
import { failureOf } from '../helpers/errors'
import { createWorld, type World } from '../helpers/world'

let world: World
let runner: JobRunner

const statusOf = async (queue: string): Promise<TJobStatus | undefined> =>
  (await (await world.as(world.ref.users.admin.id)).job.status()).jobs.find((j) => j.queue === queue)

/** Sends a run and waits for it to end; returns the job's status then. */
const runAndWait = async (queue: string): Promise<TJobStatus> => {
  const id = await runner.send(queue, {})
  for (let i = 0; i < 100; i += 1) {
    const status = await statusOf(queue)
    if (status?.lastRun?.id === id && ['completed', 'failed'].includes(status.lastRun.state)) return status
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${queue} did not finish`)
}

beforeAll(async () => {
  world = await createWorld()
  const env = parseEnv({ RETENTION_SCHEDULE: '03:30', STATS_CHECK_SCHEDULE: '0 4 * * 0' })
  const log = pino({ level: 'silent' })
  const db = world.deps.prisma
  runner = await startJobRunner({
    url: world.deps.url,
    log,
    pollingIntervalSeconds: 0.5,
    jobs: [retentionJob({ env, db, log }), statsCheckJob({ env, db, log })],
  })
})

afterAll(() => runner?.stop())

describe('job.status and the maintenance jobs', () => {
  it('is for administrators only', async () => {
    expect(await failureOf(world.secretary.job.status())).toMatchObject({ code: 'FORBIDDEN' })
  })

  it('shows each job’s schedule and next run before it has run', async () => {
    const retention = await statusOf(RETENTION_QUEUE)
    expect(retention).toMatchObject({ cron: '30 3 * * *', lastRun: null, lastFailure: null, failedLastWeek: 0 })
    // The next 03:30 in Beijing is 19:30 UTC.
    expect(retention?.nextRunAt?.toISOString()).toMatch(/T19:30:00\.000Z$/)
    expect((await statusOf(STATS_CHECK_QUEUE))?.cron).toBe('0 4 * * 0')
  })

  it('prunes as npm run retention does, and shows the run', async () => {
    const user = world.ref.users.member.id
    await world.deps.prisma.session.create({
      data: {
        tokenHash: 'expired-long-ago',
        userId: user,
        method: 'PASSWORD',
        expiresAt: new Date(Date.now() - 40 * 86_400_000),
      },
    })
    const status = await runAndWait(RETENTION_QUEUE)
    expect(status).toMatchObject({ lastRun: { state: 'completed', error: null }, completedLastWeek: 1, running: 0 })
    expect(await world.deps.prisma.session.count({ where: { tokenHash: 'expired-long-ago' } })).toBe(0)
  })

  it('passes the rollup check on a sound ledger, and fails it with the reason when a rollup drifts', async () => {
    expect((await runAndWait(STATS_CHECK_QUEUE)).lastRun?.state).toBe('completed')
    await world.deps.prisma.$executeRaw`
      INSERT INTO "StatsVillage" ("villageId", "visitCount") VALUES (${world.ref.villages.qianyue.id}::uuid, 999)
      ON CONFLICT ("villageId") DO UPDATE SET "visitCount" = "StatsVillage"."visitCount" + 999`
    const failed = await runAndWait(STATS_CHECK_QUEUE)
    expect(failed).toMatchObject({
      lastRun: { state: 'failed' },
      lastFailure: { state: 'failed', error: expect.stringMatching(/rollups differ from a recount in \d+ rows/) },
      completedLastWeek: 1,
      failedLastWeek: 1,
    })
    await world.deps.prisma.$executeRaw`SELECT stats_rebuild()`
  })

  it('counts the last day’s WeChat messages by outcome', async () => {
    const userId = world.ref.users.resident.id
    const row = (status: 'SENT' | 'REFUSED' | 'PENDING', n: number) => ({
      eventKey: `test:${status}:${n}`,
      userId,
      templateId: 'tmpl-test-0001',
      page: 'pages/home/index',
      data: {},
      status,
    })
    await world.deps.prisma.notice.createMany({
      data: [row('SENT', 1), row('SENT', 2), row('REFUSED', 1), row('PENDING', 1)],
    })
    const { notices } = await (await world.as(world.ref.users.admin.id)).job.status()
    expect(notices).toEqual({ sent: 2, refused: 1, failed: 0, uncertain: 0, pending: 1 })
  })
})
