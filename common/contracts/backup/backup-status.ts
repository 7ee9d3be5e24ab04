// What an administrator reads about backups (backup.status, backup.run): the last good backup,
// the last failure, what is running, and when the schedule runs next. No request: neither
// procedure takes input.

export type TBackupTrigger = 'SCHEDULE' | 'COMMAND' | 'MANUAL'

export type TBackupRun = {
  id: string
  trigger: TBackupTrigger
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'
  /** The snapshot's instant: the backup holds the ledger as it was then. */
  startedAt: Date
  finishedAt: Date | null
  /** pdrl-YYYYMMDD-HHMMSS.backup.gz */
  fileName: string | null
  bytes: number | null
  rowCount: number | null
  /** Why it failed, in one line (English, for the operator). */
  error: string | null
}

export type TBackupStatus = {
  lastSuccess: TBackupRun | null
  lastFailure: TBackupRun | null
  /** A backup running now, if any. */
  running: TBackupRun | null
  /** When the schedule takes the next backup; null: no schedule (BACKUP_SCHEDULE=off), or no job queue in this process. */
  nextRunAt: Date | null
  /** No good backup in the last two days (or ever, on a ledger older than that): the admin's to-do. */
  isOverdue: boolean
}

export type TRunBackupResult = {
  /** FINISHED: a backup that began after the request has ended (run says how); PENDING: still waiting or running. */
  state: 'FINISHED' | 'PENDING'
  run: TBackupRun | null
}
