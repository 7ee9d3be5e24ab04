// The server's scheduled and queued work, on pg-boss: a job queue kept in the server's own
// database (schema `pgboss`, which pg-boss creates and upgrades itself), so that every instance
// on one database shares it. Each job is a queue with a handler and, if it runs by itself, a cron
// schedule in Beijing time. pg-boss fires a schedule once per minute slot across all instances
// (it claims the slot in its own table before sending), and a queue's policy bounds how many of
// its jobs run at once anywhere: 'stately' lets one wait and one run.
//
// Started by server/start.ts once the HTTP server listens, stopped first on shutdown; never by
// tests' createWorld or the operations commands.
import pg from 'pg'
import PgBoss from 'pg-boss'
import type { z } from 'zod'
import type { Logger } from '../lib/logger'
import { JOB_SCHEMA } from './job-schema'
import { JOB_TIME_ZONE, nextRunOf } from './schedule'

/** A job as the runner registers it (defineJob makes one from a typed definition). */
export type Job = {
  queue: string
  /** When it runs by itself: a 5-field cron expression in Beijing time; null: only when sent. */
  cron: string | null
  /** 'stately': at most one job waiting and one running, across every instance. */
  policy: 'standard' | 'singleton' | 'stately'
  /** How long a run may take before the queue counts it as lost (its process died). */
  expireInSeconds: number
  /** What the schedule's jobs carry. */
  scheduledData: object
  run: (data: unknown, jobId: string) => Promise<object | undefined>
}

export const defineJob = <T extends object>({
  data,
  handler,
  ...job
}: Omit<Job, 'run' | 'scheduledData'> & {
  /** What a job's data must be: a job sent by an older or newer version is refused, not misread. */
  data: z.ZodType<T>
  scheduledData: NoInfer<T>
  handler: (data: T, jobId: string) => Promise<object | undefined>
}): Job => ({ ...job, run: (raw, jobId) => handler(data.parse(raw), jobId) })

/** What the rest of the server uses: sending a job, and when a queue runs next. */
export type JobQueue = {
  /** The job's id; null when the queue's policy turned it away (one is already waiting). */
  send: (queue: string, data: object) => Promise<string | null>
  /** The next scheduled run, from the schedule in force in the database (null: not scheduled). */
  nextRunAt: (queue: string, after?: Date) => Promise<Date | null>
}

export type JobRunner = JobQueue & { stop: () => Promise<void> }

export type JobRunnerOptions = {
  /** The server's database. */
  url: string
  jobs: Job[]
  log: Logger
  /** How often an idle worker looks for a job (pg-boss's default: 2 s). */
  pollingIntervalSeconds?: number
  /** How long stop() lets a running job finish before the queue marks it failed. */
  stopTimeoutMs?: number
}

/**
 * Instances starting at the same moment would race in pg-boss's own set-up (creating a queue
 * creates its table: two at once deadlock), so they take turns under an advisory lock. Ending
 * the lock's session releases it.
 */
const inTurn = async <T>(url: string, work: () => Promise<T>): Promise<T> => {
  const lock = new pg.Client({ connectionString: url, application_name: 'pdrl jobs start' })
  await lock.connect()
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('pdrl:jobs:start', 0))`)
    return await work()
  } finally {
    await lock.end().catch(() => {})
  }
}

export const startJobRunner = async ({
  url,
  jobs,
  log,
  pollingIntervalSeconds = 2,
  stopTimeoutMs = 20_000,
}: JobRunnerOptions): Promise<JobRunner> => {
  const boss = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, max: 3, application_name: 'pdrl jobs' })
  // Without a listener an 'error' event would end the process; a lost database connection is
  // retried by pg-boss's own loops. Once stopping, the database may close a connection pg-boss is
  // still ending (the embedded PostgreSQL stops right after): that is the shutdown, not a fault.
  let isStopping = false
  boss.on('error', (error) => {
    if (isStopping) log.debug({ err: error }, 'job queue connection closed while stopping')
    else log.error({ err: error }, 'job queue error')
  })
  await inTurn(url, async () => {
    await boss.start()
    try {
      for (const job of jobs) {
        // Creating an existing queue changes nothing.
        await boss.createQueue(job.queue, {
          name: job.queue,
          policy: job.policy,
          retryLimit: 0,
          expireInSeconds: job.expireInSeconds,
        })
        if (job.cron) await boss.schedule(job.queue, job.cron, job.scheduledData, { tz: JOB_TIME_ZONE })
        else await boss.unschedule(job.queue)
        await boss.work(job.queue, { pollingIntervalSeconds }, async ([pgJob]) => {
          if (!pgJob) return undefined
          return job.run(pgJob.data, pgJob.id)
        })
      }
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => {})
      throw error
    }
  })
  log.info(
    { jobs: jobs.map((job) => ({ queue: job.queue, cron: job.cron, timeZone: JOB_TIME_ZONE })) },
    'scheduled jobs started',
  )
  const queues = new Set(jobs.map((job) => job.queue))
  return {
    send: (queue, data) => {
      if (!queues.has(queue)) throw new Error(`no job queue ${queue}`)
      return boss.send(queue, data)
    },
    nextRunAt: async (queue, after = new Date()) => {
      const schedule = (await boss.getSchedules()).find((s) => s.name === queue)
      return schedule ? nextRunOf(schedule.cron, after) : null
    },
    stop: () => {
      isStopping = true
      return boss.stop({ graceful: true, timeout: stopTimeoutMs })
    },
  }
}
