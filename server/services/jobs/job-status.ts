// job.status: the server's scheduled work as pg-boss keeps it, in its own tables (schema
// `pgboss`, server/jobs/job-runner.ts): each queue's schedule, its runs (pgboss.job, and
// pgboss.archive where finished runs move after a while; both kept seven days), and the WeChat
// messages of the last day from the outbox. Read-only; an empty answer where no server has started
// the job queue on this database yet.
import type {
  TJobRun,
  TJobRunState,
  TJobStatus,
  TJobsOverview,
  TNoticeCounts,
} from '../../../common/contracts/job/job-status'
import type { Tx } from '../../db/client'
import { JOB_SCHEMA } from '../../jobs/job-schema'
import { nextRunOf } from '../../jobs/schedule'
import type { ServiceContext } from '../service-context'

const WEEK_MS = 7 * 86_400_000
const DAY_MS = 86_400_000

type RunRow = {
  id: string
  name: string
  state: TJobRunState
  startedAt: Date | null
  completedAt: Date | null
  error: string | null
}

type QueueRow = {
  name: string
  cron: string | null
  waiting: number
  running: number
  completed: number
  failed: number
}

const hasJobTables = async (db: Tx) => {
  const [row] = await db.$queryRawUnsafe<{ exists: boolean }[]>(
    `SELECT to_regclass('${JOB_SCHEMA}.job') IS NOT NULL AND to_regclass('${JOB_SCHEMA}.archive') IS NOT NULL AS exists`,
  )
  return row?.exists ?? false
}

/** A failed run's output is the error pg-boss serialised ({ message, stack }), or a timeout's. */
const RUNS = `
  SELECT id::text, name, state::text AS state, started_on AS "startedAt", completed_on AS "completedAt",
    CASE WHEN state = 'failed' THEN left(COALESCE(output->>'message', output->'value'->>'message', output::text), 500) END AS error
  FROM (SELECT id, name, state, started_on, completed_on, output, created_on FROM ${JOB_SCHEMA}.job
        UNION ALL
        SELECT id, name, state, started_on, completed_on, output, created_on FROM ${JOB_SCHEMA}.archive) runs`

const runView = ({ name: _name, ...run }: RunRow): TJobRun => run

export const jobStatus = async ({ ctx, now = new Date() }: { ctx: Pick<ServiceContext, 'db'>; now?: Date }) => {
  const since = new Date(now.getTime() - WEEK_MS)
  const jobs = (await hasJobTables(ctx.db)) ? await queueStatuses(ctx.db, since, now) : []
  return {
    jobs,
    notices: await noticeCounts(ctx.db, new Date(now.getTime() - DAY_MS)),
    at: now,
  } satisfies TJobsOverview
}

const queueStatuses = async (db: Tx, since: Date, now: Date): Promise<TJobStatus[]> => {
  const queues = await db.$queryRawUnsafe<QueueRow[]>(
    `SELECT q.name, s.cron,
       (SELECT count(*) FROM ${JOB_SCHEMA}.job j WHERE j.name = q.name AND j.state IN ('created', 'retry'))::int AS waiting,
       (SELECT count(*) FROM ${JOB_SCHEMA}.job j WHERE j.name = q.name AND j.state = 'active')::int AS running,
       (SELECT count(*) FROM (${RUNS}) r WHERE r.name = q.name AND r.state = 'completed' AND r."completedAt" >= $1)::int AS completed,
       (SELECT count(*) FROM (${RUNS}) r WHERE r.name = q.name AND r.state = 'failed' AND r."completedAt" >= $1)::int AS failed
     FROM ${JOB_SCHEMA}.queue q LEFT JOIN ${JOB_SCHEMA}.schedule s ON s.name = q.name
     WHERE q.name NOT LIKE '\\_\\_pgboss%'
     ORDER BY q.name`,
    since,
  )
  // The latest started run and the latest failure of each queue, in one pass.
  const runs = await db.$queryRawUnsafe<(RunRow & { kind: 'last' | 'failure' })[]>(
    `SELECT * FROM (
       SELECT DISTINCT ON (name) 'last' AS kind, * FROM (${RUNS}) r WHERE r."startedAt" IS NOT NULL
       ORDER BY name, r."startedAt" DESC, id DESC) l
     UNION ALL
     SELECT * FROM (
       SELECT DISTINCT ON (name) 'failure' AS kind, * FROM (${RUNS}) r WHERE r.state = 'failed'
       ORDER BY name, r."completedAt" DESC NULLS LAST, id DESC) f`,
  )
  const find = (name: string, kind: 'last' | 'failure') => {
    const row = runs.find((r) => r.name === name && r.kind === kind)
    if (!row) return null
    const { kind: _kind, ...run } = row
    return runView(run)
  }
  return queues.map((q) => ({
    queue: q.name,
    cron: q.cron,
    nextRunAt: q.cron ? nextRunOf(q.cron, now) : null,
    lastRun: find(q.name, 'last'),
    lastFailure: find(q.name, 'failure'),
    waiting: q.waiting,
    running: q.running,
    completedLastWeek: q.completed,
    failedLastWeek: q.failed,
  }))
}

const noticeCounts = async (db: Tx, since: Date): Promise<TNoticeCounts> => {
  const rows = await db.notice.groupBy({ by: ['status'], where: { createdAt: { gte: since } }, _count: { _all: true } })
  const count = (...statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r._count._all, 0)
  return {
    sent: count('SENT'),
    refused: count('REFUSED'),
    failed: count('FAILED'),
    uncertain: count('UNCERTAIN'),
    pending: count('PENDING', 'SENDING'),
  }
}
