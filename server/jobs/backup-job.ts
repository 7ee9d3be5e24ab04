// The scheduled backup (BACKUP_SCHEDULE, Beijing time), and the backups administrators ask for
// (backup.run): the same backup `npm run backup` takes (services/backup/take-backup.ts), from
// inside the server, on its own database. The queue is 'stately': one backup runs at a time
// across every instance, and one more may wait.
import path from 'node:path'
import type { Db } from '../db/client'
import type { DatabaseKind } from '../db/database'
import type { Env } from '../env'
import type { Logger } from '../lib/logger'
import { BACKUP_QUEUE, RUN_TIMEOUT_MS, ZBackupJobData } from '../services/backup/backup-queue'
import { closeInterruptedRuns } from '../services/backup/backup-runs'
import { backupSettingsFromEnv, isKeyBesideBackups, takeBackup } from '../services/backup/take-backup'
import { defineJob } from './job-runner'

export const backupJob = ({
  env,
  url,
  kind,
  db,
  log,
}: {
  env: Env
  /** The server's database, which the backup reads. */
  url: string
  kind: DatabaseKind
  db: Db
  log: Logger
}) => {
  const settings = backupSettingsFromEnv(env)
  if (isKeyBesideBackups(settings)) {
    log.warn(
      { backupDir: settings.backupDir },
      'BACKUP_DIR and BACKUP_KEY_DIR are one folder: the backups and the key that opens them are kept together. Point BACKUP_KEY_DIR elsewhere',
    )
  }
  return defineJob({
    queue: BACKUP_QUEUE,
    cron: env.backupCron,
    policy: 'stately',
    expireInSeconds: RUN_TIMEOUT_MS / 1000,
    data: ZBackupJobData,
    scheduledData: { trigger: 'SCHEDULE' },
    handler: async ({ trigger, requestedById }, jobId) => {
      const interrupted = await closeInterruptedRuns(db)
      if (interrupted) log.warn({ interrupted }, 'backups left unfinished by a stopped server are marked failed')
      const started = Date.now()
      try {
        const { report, key, pruned } = await takeBackup({
          url,
          source: kind,
          settings,
          db,
          trigger,
          jobId,
          requestedById,
          warn: (line) => log.warn({ jobId }, line),
        })
        const rows = Object.values(report.tables).reduce((sum, n) => sum + n, 0)
        log.info(
          {
            jobId,
            trigger,
            file: report.file,
            bytes: report.bytes,
            rows,
            photoFiles: report.photoFiles.copied,
            keyFile: key.kind === 'written' ? key.file : null,
            pruned,
            ms: Date.now() - started,
          },
          'backup written',
        )
        if (report.photoFiles.missing.length) {
          log.warn(
            { missing: report.photoFiles.missing },
            'photo files named by the backup were not in DATA_DIR/photos',
          )
        }
        if (key.kind === 'environment') {
          log.warn(
            { keyId: key.keyId },
            'the personal data in the backup opens only with FIELD_ENCRYPTION_KEY, which is not written with it: keep that key in separate, secure storage for as long as the backup',
          )
        } else if (key.kind === 'none') {
          log.warn('no field key found: the personal data in this backup cannot be decrypted by it alone')
        }
        return { file: path.basename(report.file) }
      } catch (error) {
        log.error({ err: error, jobId, trigger }, 'backup failed')
        throw error
      }
    },
  })
}
