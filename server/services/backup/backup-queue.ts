// The backup job's queue, as the job (server/jobs/backup-job.ts) and backup.run (run-backup-now.ts)
// both name it, and what its jobs carry.
import { z } from 'zod'

export const BACKUP_QUEUE = 'backup'

/** How long one backup may run; a run RUNNING for longer is not running: its process died. */
export const RUN_TIMEOUT_MS = 6 * 3_600_000

export const ZBackupJobData = z.object({
  trigger: z.enum(['SCHEDULE', 'MANUAL']),
  /** The administrator who asked (MANUAL). */
  requestedById: z.uuid().optional(),
})
export type TBackupJobData = z.infer<typeof ZBackupJobData>
