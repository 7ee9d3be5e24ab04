// What an administrator sees of the backups (backup.status): the last good one, the last failure,
// one running now, the schedule's next run, and whether a backup is overdue, which the admin's
// to-do list reads.
import type { TBackupRun, TBackupStatus } from '../../../common/contracts/backup/backup-status'
import { runAll, type Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import type { JobQueue } from '../../jobs/job-runner'
import type { ServiceContext } from '../service-context'
import { BACKUP_QUEUE, RUN_TIMEOUT_MS } from './backup-queue'

/** No good backup for this long: overdue (a daily schedule that failed twice, or none at all). */
export const OVERDUE_AFTER_MS = 2 * 86_400_000

export const backupRunSelect = {
  id: true,
  trigger: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  fileName: true,
  bytes: true,
  rowCount: true,
  error: true,
} satisfies Prisma.BackupRunSelect

type BackupRunRow = Prisma.BackupRunGetPayload<{ select: typeof backupRunSelect }>

export const backupRunView = (row: BackupRunRow): TBackupRun => ({
  ...row,
  bytes: row.bytes === null ? null : Number(row.bytes),
})

const latest = (db: Tx, where: Prisma.BackupRunWhereInput) => () =>
  db.backupRun.findFirst({ where, orderBy: { startedAt: 'desc' }, select: backupRunSelect })

export const backupStatus = async ({
  ctx,
  jobs,
  now = new Date(),
}: {
  ctx: Pick<ServiceContext, 'db'>
  /** The job queue of this process; unset (tools, tests): no next run to tell. */
  jobs: JobQueue | undefined
  now?: Date
}): Promise<TBackupStatus> => {
  const [lastSuccess, lastFailure, running, firstUser, nextRunAt] = await runAll(ctx.db, [
    latest(ctx.db, { status: 'SUCCEEDED' }),
    latest(ctx.db, { status: 'FAILED' }),
    latest(ctx.db, { status: 'RUNNING', startedAt: { gt: new Date(now.getTime() - RUN_TIMEOUT_MS) } }),
    // The ledger's age: a new one is not overdue before it has had two days to be backed up.
    () => ctx.db.user.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    () => jobs?.nextRunAt(BACKUP_QUEUE, now) ?? Promise.resolve(null),
  ])
  const since = lastSuccess?.startedAt ?? firstUser?.createdAt ?? now
  return {
    lastSuccess: lastSuccess && backupRunView(lastSuccess),
    lastFailure: lastFailure && backupRunView(lastFailure),
    running: running && backupRunView(running),
    nextRunAt,
    isOverdue: now.getTime() - since.getTime() > OVERDUE_AFTER_MS,
  }
}
