// `npm run backup [-- --out <file>]`: a consistent backup of the ledger's database, taken while
// the server runs (docs/deployment.md, "Backups"). The same backup the server's schedule takes
// (server/services/backup/take-backup.ts), recorded in BackupRun as COMMAND.
//
//   Embedded database: read through the running server's PostgreSQL (its port in
//   DATA_DIR/postgres/postmaster.pid, its password in DATA_DIR/postgres-password); when no server
//   runs, the embedded PostgreSQL is started for the backup alone. Written to
//   BACKUP_DIR/pdrl-YYYYMMDD-HHMMSS.backup.gz (Beijing time), mode 0600, with the field key in
//   BACKUP_KEY_DIR. DATABASE_URL: that database; the key is FIELD_ENCRYPTION_KEY, which is not
//   written anywhere.
//
//   Photos kept in DATA_DIR/photos (no S3_*): every file the snapshot's photos name is copied into
//   the backup file, after the snapshot. Photos in an S3 bucket are not: the bucket is backed up
//   on its own (versioning, replication; docs/photos.md), and the command says so.
//
//   After a good backup, older ones in BACKUP_DIR are pruned (BACKUP_KEEP_DAILY, BACKUP_KEEP_MONTHLY).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { createPrismaClient } from '../server/db/client'
import { noEmbeddedCluster } from '../server/db/database'
import { hasEmbeddedCluster } from '../server/db/embedded-postgres'
import { DatabaseNotReadyError, type DatabasePlace, requireMigrated } from '../server/db/readiness'
import { InvalidEnvError, parseEnv } from '../server/env'
import type { BackupReport } from '../server/services/backup/create-backup'
import { connectForBackup, EMBEDDED_DATABASE } from '../server/services/backup/embedded-cluster'
import {
  backupSettingsFromEnv,
  isKeyBesideBackups,
  type TakenBackup,
  takeBackup,
} from '../server/services/backup/take-backup'
import { argument } from './backup-files'
import { exitIfNotReady } from './tool-database'

const size = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`

const main = async () => {
  const env = parseEnv()
  const out = argument('--out')
  if (process.argv.includes('--out') && !out) throw new Error('--out takes a file name')
  const file = out ? path.resolve(out) : undefined
  if (file && existsSync(file)) throw new Error(`${file} already exists; choose another --out`)
  const settings = backupSettingsFromEnv(env)

  if (!env.DATABASE_URL && !hasEmbeddedCluster(env.dataDir))
    throw new DatabaseNotReadyError(noEmbeddedCluster(env.dataDir))
  // Its lines are printed once the database proves ready, so that a refusal stays one line.
  const connectionLog: string[] = []
  const connection = env.DATABASE_URL
    ? { url: () => env.DATABASE_URL as string, isStartedHere: false, stop: async () => {} }
    : await connectForBackup(env.dataDir, (line) => connectionLog.push(line))
  const started = Date.now()
  const taken = await (async () => {
    try {
      const url = env.DATABASE_URL ?? connection.url(EMBEDDED_DATABASE)
      const place: DatabasePlace = env.DATABASE_URL
        ? { kind: 'external', url: env.DATABASE_URL }
        : { kind: 'embedded', dataDir: env.dataDir }
      // Before any file is written. A database that lacks this version's newest migrations is
      // backed up as it is (a backup before an upgrade): the backup names its migrations.
      await requireMigrated(url, { place, isPendingAllowed: true })
      for (const line of connectionLog) console.log(line)
      if (isKeyBesideBackups(settings)) {
        console.log(
          `WARNING: BACKUP_DIR and BACKUP_KEY_DIR are one folder (${settings.backupDir}): the backups and the key that opens them are kept together.`,
        )
      }
      const prisma = createPrismaClient({ url, poolSize: 1 })
      try {
        return await takeBackup({
          url,
          source: env.DATABASE_URL ? 'external' : 'embedded',
          settings,
          db: prisma,
          file,
          trigger: 'COMMAND',
          warn: (line) => console.log(`WARNING: ${line}`),
        })
      } finally {
        await prisma.$disconnect()
      }
    } finally {
      await connection.stop()
    }
  })()
  report(taken, Date.now() - started, settings.s3Bucket ?? null, env.dataDir)
}

const report = (
  { report, key, pruned, isRecorded }: TakenBackup,
  ms: number,
  bucket: string | null,
  dataDir: string,
) => {
  const counts = Object.entries(report.tables)
  const total = counts.reduce((sum, [, n]) => sum + n, 0)
  console.log(`Backup written: ${report.file} (${size(report.bytes)}, mode 0600) in ${ms} ms`)
  console.log(
    `  ${total} rows in ${counts.length} tables, at migration ${report.header.migrations.at(-1)}: ${counts
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}`,
  )
  reportPhotos(report.photoFiles, bucket)
  if (isRecorded) console.log('  Recorded in BackupRun (backup.status shows it).')
  if (pruned.length) console.log(`  Pruned ${pruned.length} older backups and their keys: ${pruned.join(', ')}`)

  if (key.kind === 'written') {
    console.log(
      `Field key written: ${key.file} (key ${key.keyId}, mode 0600)${key.hasPrevious ? ', and the previous keys beside it' : ''}`,
    )
    console.log(
      'WARNING: the ID numbers, phones and health details in the backup are encrypted: the backup is useless without this key file, and the key file is all an attacker needs besides the backup. Copy the key to separate, secure storage (not beside the backup), and keep it as long as the backup.',
    )
  } else if (key.kind === 'environment') {
    console.log(
      `WARNING: the personal data in the backup opens only with FIELD_ENCRYPTION_KEY (key ${key.keyId}), which is not written with it. Keep that key in separate, secure storage for as long as the backup.`,
    )
  } else {
    console.log(
      `WARNING: no field key found in ${dataDir}: the personal data in this backup cannot be decrypted by it alone.`,
    )
  }
}

/** What became of the photo files: copied in, missing, or left to the bucket's own backup. */
const reportPhotos = ({ copied, bytes, missing }: BackupReport['photoFiles'], bucket: string | null) => {
  if (bucket) {
    console.log(
      `NOTE: photos are kept in the S3 bucket "${bucket}", which this backup does not hold: back the bucket up on its own (versioning, replication to another region; docs/photos.md).`,
    )
    return
  }
  console.log(`  ${copied} photo files (${size(bytes)}) from DATA_DIR/photos`)
  if (missing.length) {
    console.log(
      `WARNING: ${missing.length} files named by the snapshot's photos were not in DATA_DIR/photos (removed since the snapshot, or lost before it): ${missing.join(', ')}`,
    )
  }
}

main().catch((error: unknown) => {
  exitIfNotReady(error)
  console.error(`Backup failed: ${error instanceof InvalidEnvError || error instanceof Error ? error.message : error}`)
  process.exit(1)
})
