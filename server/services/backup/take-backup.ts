// One backup, as `npm run backup` and the server's scheduled job both take it, so that they
// cannot drift: the snapshot and the photo files (create-backup.ts), the run recorded in
// BackupRun (backup-runs.ts), the embedded default's field key written into BACKUP_KEY_DIR
// (key-files.ts), and, only once all that has succeeded, the old backups pruned (prune-backups.ts).
// The caller says what it did: the command prints it, the job logs it (docs/deployment.md, "Backups").
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout } from 'node:timers/promises'
import type { Db } from '../../db/client'
import type { Env } from '../../env'
import { keyIdOf } from '../../lib/field-crypto'
import { FIELD_KEY_FILE, PREVIOUS_FIELD_KEYS_FILE } from '../../lib/field-key'
import { type PhotoStorage, photoStorageFromEnv } from '../photos/storage'
import { type RunFacts, runRecorder, shortError } from './backup-runs'
import { type BackupReport, createBackup, defaultBackupFile } from './create-backup'
import { writeBackupKey } from './key-files'
import { type KeepPolicy, pruneBackups } from './prune-backups'

/** Where backups go and what they hold, from the configuration (server/env.ts). */
export type BackupSettings = {
  dataDir: string
  backupDir: string
  keyDir: string
  keep: KeepPolicy
  /** FIELD_ENCRYPTION_KEY: its id goes into the backup, the key itself nowhere. */
  envFieldKey: string | undefined
  photos: PhotoStorage
  /** The bucket photos are kept in, when they are (their files are not in the backup). */
  s3Bucket: string | undefined
}

export const backupSettingsFromEnv = (env: Env): BackupSettings => ({
  dataDir: env.dataDir,
  backupDir: env.backupDir,
  keyDir: env.backupKeyDir,
  keep: { daily: env.BACKUP_KEEP_DAILY, monthly: env.BACKUP_KEEP_MONTHLY },
  envFieldKey: env.FIELD_ENCRYPTION_KEY,
  photos: photoStorageFromEnv(env),
  s3Bucket: env.S3_BUCKET,
})

/** Backups and the key that opens them in one folder: whoever takes the folder can read the personal data. */
export const isKeyBesideBackups = (settings: Pick<BackupSettings, 'backupDir' | 'keyDir'>) =>
  path.resolve(settings.backupDir) === path.resolve(settings.keyDir)

export type BackupKey =
  /** The embedded default's key file, copied into BACKUP_KEY_DIR. */
  | { kind: 'written'; keyId: string; file: string; hasPrevious: boolean }
  /** FIELD_ENCRYPTION_KEY, which is never written. */
  | { kind: 'environment'; keyId: string }
  /** No key anywhere: the personal data in the backup cannot be decrypted by it alone. */
  | { kind: 'none' }

export type TakenBackup = {
  report: BackupReport
  key: BackupKey
  /** Older backups deleted after this one (prune-backups.ts). */
  pruned: string[]
  /** Why pruning failed, if it did (the backup stands). */
  pruneProblem: string | null
  isRecorded: boolean
}

/** The field key the backup is taken under, as text (null: none), and its previous keys. */
const readFieldKey = async (settings: BackupSettings) => {
  if (settings.envFieldKey) return { text: settings.envFieldKey, previous: '', isFile: false }
  const file = path.join(settings.dataDir, FIELD_KEY_FILE)
  if (!existsSync(file)) return null
  const previousFile = path.join(settings.dataDir, PREVIOUS_FIELD_KEYS_FILE)
  return {
    text: (await readFile(file, 'utf8')).trim(),
    previous: existsSync(previousFile) ? (await readFile(previousFile, 'utf8')).trim() : '',
    isFile: true,
  }
}

/** The default name, named by the second: a backup right after another waits for the next second. */
const freeDefaultName = async (backupDir: string) => {
  for (;;) {
    const file = defaultBackupFile(backupDir)
    if (!existsSync(file)) return file
    await setTimeout(1_000 - (Date.now() % 1_000))
  }
}

export type TakeBackupOptions = RunFacts & {
  /** The ledger's database, read in one snapshot. */
  url: string
  source: 'embedded' | 'external'
  settings: BackupSettings
  /** Where BackupRun is written: the same database. */
  db: Db
  /** The file to write; default BACKUP_DIR/pdrl-YYYYMMDD-HHMMSS.backup.gz. */
  file?: string | undefined
  /** Problems that do not fail the backup (it could not be recorded, or pruned). */
  warn: (line: string) => void
}

/** Takes the backup, records it, writes its key, prunes. Throws (the failure recorded) if it fails. */
export const takeBackup = async ({
  url,
  source,
  settings,
  db,
  file: out,
  warn,
  ...facts
}: TakeBackupOptions): Promise<TakenBackup> => {
  const recorder = runRecorder(db, facts, warn)
  let taken: Omit<TakenBackup, 'pruned' | 'pruneProblem' | 'isRecorded'>
  try {
    const file = out ?? (await freeDefaultName(settings.backupDir))
    if (existsSync(file)) throw new Error(`${file} already exists`)
    const fieldKey = await readFieldKey(settings)
    const keyId = fieldKey ? keyIdOf(Buffer.from(fieldKey.text, 'base64')) : null
    const report = await createBackup({
      url,
      file,
      source,
      fieldKeyId: keyId,
      photos: settings.photos.kind === 'folder' ? settings.photos : undefined,
      onSnapshot: recorder.start,
    })
    const key: BackupKey =
      !fieldKey || !keyId
        ? { kind: 'none' }
        : fieldKey.isFile
          ? {
              kind: 'written',
              keyId,
              file: await writeBackupKey({
                keyDir: settings.keyDir,
                backupFile: report.file,
                key: fieldKey.text,
                previous: fieldKey.previous,
              }),
              hasPrevious: fieldKey.previous !== '',
            }
          : { kind: 'environment', keyId }
    taken = { report, key }
  } catch (error) {
    await recorder.finish({ error: shortError(error) })
    throw error
  }
  const { report } = taken
  await recorder.finish({
    fileName: path.basename(report.file),
    bytes: report.bytes,
    rowCount: Object.values(report.tables).reduce((sum, n) => sum + n, 0),
  })
  // Only now, with a good backup written and its key beside it, may older ones go.
  const pruned = await pruneBackups({
    backupDir: settings.backupDir,
    keyDir: settings.keyDir,
    keep: settings.keep,
    justWritten: report.file,
  }).then(
    (names) => ({ names, problem: null }),
    (error: unknown) => ({ names: [] as string[], problem: shortError(error) }),
  )
  if (pruned.problem) warn(`old backups were not pruned: ${pruned.problem}`)
  return { ...taken, pruned: pruned.names, pruneProblem: pruned.problem, isRecorded: recorder.isRecorded() }
}
