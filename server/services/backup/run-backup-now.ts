// An administrator asks for a backup now (backup.run): a MANUAL job on the backup queue, so it is
// taken exactly as the scheduled ones are, one at a time across every instance. The answer comes
// when a backup that began after the request has ended, or after a bounded wait (then PENDING,
// and backup.status shows it when it ends). A request while one waits joins it: the queue keeps
// one waiting (server/jobs/backup-job.ts).
import { setTimeout } from 'node:timers/promises'
import type { TRunBackupResult } from '../../../common/contracts/backup/backup-status'
import { AppError } from '../../errors'
import type { JobQueue } from '../../jobs/job-runner'
import type { ServiceContext } from '../service-context'
import { BACKUP_QUEUE, type TBackupJobData } from './backup-queue'
import { databaseNow } from './backup-runs'
import { backupRunSelect, backupRunView } from './backup-status'

/** Long enough for a county's backup; well inside a reverse proxy's 60 s. */
export const RUN_BACKUP_WAIT_MS = 45_000

const POLL_MS = 500

export const runBackupNow = async ({
  ctx,
  jobs,
  waitMs = RUN_BACKUP_WAIT_MS,
}: {
  ctx: ServiceContext
  /** Unset: this process runs no job queue (a tool, a test world). */
  jobs: JobQueue | undefined
  waitMs?: number
}): Promise<TRunBackupResult> => {
  if (!jobs) throw new AppError('BACKUP_QUEUE_UNAVAILABLE')
  const requestedAt = await databaseNow(ctx.db)
  const data: TBackupJobData = { trigger: 'MANUAL', requestedById: ctx.actor.userId }
  const jobId = await jobs.send(BACKUP_QUEUE, data)
  ctx.log.info({ jobId, requestedById: ctx.actor.userId, joined: jobId === null }, 'backup requested')
  const deadline = Date.now() + waitMs
  for (;;) {
    const run = await ctx.db.backupRun.findFirst({
      where: { startedAt: { gte: requestedAt } },
      orderBy: { startedAt: 'asc' },
      select: backupRunSelect,
    })
    if (run && run.status !== 'RUNNING') return { state: 'FINISHED', run: backupRunView(run) }
    if (Date.now() >= deadline) return { state: 'PENDING', run: run && backupRunView(run) }
    await setTimeout(POLL_MS)
  }
}
