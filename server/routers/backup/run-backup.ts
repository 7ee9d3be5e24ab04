import { runBackupNow } from '../../services/backup/run-backup-now'
import { adminProcedure } from '../../trpc'

export const runBackupRoute = adminProcedure
  // Every request takes a backup (none is answered from a stored result). No transaction is
  // opened around it: its one write is the job's, into the queue, and it then waits for the
  // backup, longer than a transaction should stay open.
  .meta({ replayable: false, writesInOneStatement: true })
  .mutation(({ ctx }) => runBackupNow({ ctx, jobs: ctx.jobs }))
