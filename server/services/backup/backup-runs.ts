// Every backup is recorded in BackupRun, by the schedule's job and `npm run backup` alike. The row
// is written once the backup's snapshot is taken (create-backup.ts's onSnapshot), so no backup
// holds its own run, unfinished; a backup that fails before its snapshot gets its row at the end.
// Recording never fails a backup: a database an upgrade has not migrated yet (no BackupRun table)
// is backed up all the same, and said to be unrecorded.
import type { Db } from '../../db/client'
import type { BackupTrigger } from '../../generated/prisma/client'
import { isMissingTable } from './missing-table'

export type RunFacts = {
  trigger: BackupTrigger
  jobId?: string | undefined
  requestedById?: string | undefined
}

export type Outcome = { fileName: string; bytes: number; rowCount: number } | { error: string }

/** The first line of an error, short enough for a status page. */
export const shortError = (error: unknown): string => {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() || 'unknown error'
  return text.length > 300 ? `${text.slice(0, 297)}…` : text
}

/**
 * The database's clock: every instance writes a run's times by it, and backup.run compares them
 * with its request's time by it too (the job may run on another instance).
 */
export const databaseNow = async (db: Pick<Db, '$queryRaw'>): Promise<Date> => {
  const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`
  return row?.now ?? new Date()
}

export type RunRecorder = {
  /** At the snapshot: the run begins (RUNNING). */
  start: () => Promise<void>
  /** How it ended. */
  finish: (outcome: Outcome) => Promise<void>
  /** Whether the run is in BackupRun (false: no such table yet, or the database could not be written). */
  isRecorded: () => boolean
}

export const runRecorder = (db: Db, facts: RunFacts, warn: (line: string) => void): RunRecorder => {
  let id: string | null = null
  let isUnavailable = false
  const attempt = async (write: () => Promise<void>) => {
    if (isUnavailable) return
    try {
      await write()
    } catch (error) {
      isUnavailable = true
      warn(
        isMissingTable(error)
          ? 'the backup is not recorded: this database has no BackupRun table yet (a migration of this version is pending)'
          : `the backup could not be recorded in BackupRun: ${shortError(error)}`,
      )
    }
  }
  const data = { trigger: facts.trigger, jobId: facts.jobId ?? null, requestedById: facts.requestedById ?? null }
  return {
    start: () =>
      attempt(async () => {
        const startedAt = await databaseNow(db)
        id = (await db.backupRun.create({ data: { ...data, startedAt }, select: { id: true } })).id
      }),
    finish: (outcome) =>
      attempt(async () => {
        const finished =
          'error' in outcome
            ? { status: 'FAILED' as const, error: outcome.error }
            : {
                status: 'SUCCEEDED' as const,
                fileName: outcome.fileName,
                bytes: BigInt(outcome.bytes),
                rowCount: outcome.rowCount,
              }
        const finishedAt = await databaseNow(db)
        if (id) await db.backupRun.update({ where: { id }, data: { ...finished, finishedAt } })
        // Failed before its snapshot: one row says it all.
        else await db.backupRun.create({ data: { ...data, ...finished, startedAt: finishedAt, finishedAt } })
      }),
    isRecorded: () => id !== null && !isUnavailable,
  }
}

/**
 * Runs of the queue that never finished: the process that ran them died. The queue runs one
 * backup at a time (server/jobs/backup-job.ts), so when the next one starts they are over.
 * `npm run backup` runs beside the queue, so its runs are left alone.
 */
export const closeInterruptedRuns = async (db: Db): Promise<number> => {
  try {
    const { count } = await db.backupRun.updateMany({
      where: { status: 'RUNNING', trigger: { in: ['SCHEDULE', 'MANUAL'] } },
      data: { status: 'FAILED', error: 'interrupted: the server stopped before the backup finished' },
    })
    return count
  } catch (error) {
    if (isMissingTable(error)) return 0
    throw error
  }
}
