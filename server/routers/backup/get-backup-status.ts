import { backupStatus } from '../../services/backup/backup-status'
import { adminProcedure } from '../../trpc'

export const getBackupStatusRoute = adminProcedure.query(({ ctx }) => backupStatus({ ctx, jobs: ctx.jobs }))
