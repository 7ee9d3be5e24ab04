// Backups, for administrators (docs/deployment.md, "Backups"): how they stand, and one now.
import { router } from '../../trpc'
import { getBackupStatusRoute } from './get-backup-status'
import { runBackupRoute } from './run-backup'

export const backupRouter = router({
  status: getBackupStatusRoute,
  run: runBackupRoute,
})
