// `npm run restore -- <file> [--key <file>]`: brings a backup made by `npm run backup` (or the
// server's schedule) back (docs/deployment.md, "Restore").
//
//   First the key: the one the backup was taken under must be found (--key, FIELD_ENCRYPTION_KEY,
//   beside the backup, in BACKUP_KEY_DIR) before anything is created or written; otherwise the
//   restore stops on one line naming the key id it needs and where it looked.
//
//   Embedded database (stop `npm start` first; refused while a server runs): the backup is
//   restored into a new database beside the current one, checked (row counts, migrations, the
//   audit chain, the field key opening the personal data), and only then takes its place; the
//   database it replaces is kept as `pdrl_previous` until the next restore. The key file becomes
//   DATA_DIR's field key; the one it replaces is kept. On a machine with no database yet (a new
//   DATA_DIR), the restore creates the embedded cluster itself, with no demo data, and if it fails
//   removes everything it made, so the next `npm start` serves the restored ledger or nothing.
//   DATABASE_URL: restores into that database, which must be empty, with FIELD_ENCRYPTION_KEY.
//   The photo files in the backup, checked against their checksums, are put back into the photo
//   store (DATA_DIR/photos, or the S3 bucket when S3_* is set). A backup taken with photos in S3
//   holds none: the bucket is restored on its own.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { createPrismaClient } from '../server/db/client'
import { hasEmbeddedCluster, startEmbeddedPostgres } from '../server/db/embedded-postgres'
import { requireDatabase } from '../server/db/readiness'
import { type Env, InvalidEnvError, parseEnv } from '../server/env'
import { createFieldCrypto } from '../server/lib/field-crypto'
import { FIELD_KEY_FILE, PREVIOUS_FIELD_KEYS_FILE } from '../server/lib/field-key'
import { verifyAuditChain } from '../server/services/audit/verify-chain'
import { appliedMigrations } from '../server/services/backup/create-backup'
import {
  connectForRestore,
  EMBEDDED_DATABASE,
  type EmbeddedConnection,
} from '../server/services/backup/embedded-cluster'
import {
  BackupKeyError,
  type FoundKey,
  findBackupKey,
  parseKeyLines,
  writeSecret,
} from '../server/services/backup/key-files'
import { trackMadeHere } from '../server/services/backup/made-here'
import {
  checkFieldKeyOpens,
  type RestoreReport,
  readBackupHeader,
  restoreBackup,
} from '../server/services/backup/restore-backup'
import { type PhotoStorage, photoStorageFromEnv } from '../server/services/photos/storage'
import { argument } from './backup-files'
import { exitIfNotReady } from './tool-database'

const RESTORING = `${EMBEDDED_DATABASE}_restoring`
const PREVIOUS = `${EMBEDDED_DATABASE}_previous`

const admin = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

type FieldCrypto = ReturnType<typeof createFieldCrypto>

/** Row counts, the migrations, the audit chain, the key: what a restore must prove. */
const check = async (url: string, crypto: FieldCrypto) => {
  const migrations = await admin(url, appliedMigrations)
  if (!migrations.length) throw new Error('the restored database has no _prisma_migrations')
  const prisma = createPrismaClient({ url, poolSize: 2 })
  try {
    const chain = await verifyAuditChain(prisma)
    if (chain.firstBroken) {
      const { chainSeq, reason } = chain.firstBroken
      throw new Error(`the restored audit chain is BROKEN at entry #${chainSeq} (${reason}): not restored`)
    }
    const decrypted = await checkFieldKeyOpens(url, crypto).catch((error: unknown) => {
      throw new Error(
        `the field key ${crypto.keyId} does not open the backup's personal data (${error instanceof Error ? error.message : error}): pass the backup's key with --key <file>`,
      )
    })
    return { migrations, chain, decrypted }
  } finally {
    await prisma.$disconnect()
  }
}

type Verdict = Awaited<ReturnType<typeof check>>

const main = async () => {
  const env = parseEnv()
  const file = process.argv.slice(2).find((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--key')
  if (!file) throw new Error('usage: npm run restore -- <backup file> [--key <key file>]')
  const keyArg = argument('--key')
  if (process.argv.includes('--key') && !keyArg) throw new Error('--key takes a file name')
  // An external database must be there to restore into; it stops here, before reading anything.
  if (env.DATABASE_URL) {
    await requireDatabase(env.DATABASE_URL, {
      place: { kind: 'external', url: env.DATABASE_URL },
      setUp: 'run the restore again',
    })
  }
  const backupFile = path.resolve(file)
  const header = await readBackupHeader(backupFile)
  // The key that must open the backup's personal data: found before anything is created.
  const key = await findBackupKey({
    backupFile,
    needed: header.fieldKeyId,
    keyArg,
    envKey: env.FIELD_ENCRYPTION_KEY,
    envPrevious: env.FIELD_ENCRYPTION_KEY_PREVIOUS,
    keyDir: env.backupKeyDir,
    dataDirKey: path.join(env.dataDir, FIELD_KEY_FILE),
  })
  console.log(
    `Backup of ${header.createdAt} (${header.source}, PostgreSQL ${header.serverVersion}), at migration ${header.migrations.at(-1)}`,
  )
  console.log(`  Field key ${key.keyId}: ${key.where}`)
  const [current, ...extra] = parseKeyLines(key.text, key.where)
  const crypto = createFieldCrypto(current as Buffer, [
    ...extra,
    ...parseKeyLines(key.previous, `${key.where} (previous)`),
  ])

  const started = Date.now()
  const log = (line: string) => console.log(`  ${line}`)
  const photos = photoStorageFromEnv(env)
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL
    const { report, verdict } = await (async () => {
      try {
        const report = await restoreBackup({ url, file: backupFile, log, photos })
        return { report, verdict: await check(url, crypto) }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        if (/is not empty/.test(reason)) throw error
        // The command did not make this database, so it does not drop it.
        throw new Error(
          `${reason}. The database may hold part of the restore: drop it, create it empty, and run the restore again.`,
        )
      }
    })()
    summarise(report.tables, verdict, Date.now() - started)
    return reportPhotos(report, photos.kind)
  }
  await restoreEmbedded({ env, backupFile, key, crypto, photos, log, started })
}

/**
 * Into the embedded cluster under DATA_DIR, beside its current database; or, when DATA_DIR holds
 * none yet, into a cluster made here, which is removed again if the restore does not succeed.
 */
const restoreEmbedded = async ({
  env,
  backupFile,
  key,
  crypto,
  photos,
  log,
  started,
}: {
  env: Env
  backupFile: string
  key: FoundKey
  crypto: FieldCrypto
  photos: PhotoStorage
  log: (line: string) => void
  started: number
}) => {
  const { dataDir } = env
  const madeHere = hasEmbeddedCluster(dataDir) ? null : trackMadeHere(dataDir)
  let connection: EmbeddedConnection | undefined
  let isDone = false
  let interrupted: NodeJS.Signals | null = null
  const abandon = async (signal: NodeJS.Signals) => {
    const removing = madeHere && !isDone
    console.error(`Restore interrupted (${signal})${removing ? `: removing what it made in ${dataDir}` : ''}.`)
    await connection?.stop().catch(() => {})
    if (removing) await madeHere.undo()
    process.exit(130)
  }
  // embedded-postgres's own signal handlers would stop PostgreSQL and exit at once, leaving a
  // half-made DATA_DIR behind. These remove it too; while the cluster is being made, once it is.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal)
    process.once(signal, () => {
      interrupted = signal
      if (connection) void abandon(signal)
    })
  }
  try {
    if (madeHere) {
      console.log(`No database in ${dataDir} yet: creating its embedded PostgreSQL for the restore (no demo data).`)
      const embedded = await startEmbeddedPostgres({ dataDir, log })
      connection = { url: embedded.url, isStartedHere: true, stop: embedded.stop }
    } else {
      connection = await connectForRestore(dataDir, log)
    }
  } catch (error) {
    await madeHere?.undo()
    throw error
  }
  if (interrupted) return abandon(interrupted)
  try {
    const adminUrl = connection.url('postgres')
    await admin(adminUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${RESTORING}" WITH (FORCE)`)
      await c.query(`CREATE DATABASE "${RESTORING}"`)
    })
    let verdict: Verdict
    let report: RestoreReport
    try {
      report = await restoreBackup({ url: connection.url(RESTORING), file: backupFile, log, photos })
      verdict = await check(connection.url(RESTORING), crypto)
    } catch (error) {
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${RESTORING}" WITH (FORCE)`)).catch(() => {})
      throw error
    }
    // Proven: swap it in, keeping the database it replaces.
    await admin(adminUrl, async (c) => {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE])
      await c.query(`DROP DATABASE IF EXISTS "${PREVIOUS}" WITH (FORCE)`)
      if (rowCount) await c.query(`ALTER DATABASE "${EMBEDDED_DATABASE}" RENAME TO "${PREVIOUS}"`)
      await c.query(`ALTER DATABASE "${RESTORING}" RENAME TO "${EMBEDDED_DATABASE}"`)
    })
    await installKey(dataDir, key, crypto.keyId)
    isDone = true
    summarise(report.tables, verdict, Date.now() - started)
    reportPhotos(report, photos.kind)
    if (madeHere) {
      console.log(
        `The next \`npm start\` on ${dataDir} serves the restored ledger (the demo data is never loaded into it).`,
      )
    } else {
      console.log(`The database as it was before is kept as "${PREVIOUS}" until the next restore.`)
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (!madeHere) throw new Error(`${reason}. The current database is unchanged.`)
    await connection.stop().catch(() => {})
    await madeHere.undo()
    throw new Error(`${reason}. What the restore made in ${dataDir} is removed.`)
  } finally {
    await connection.stop()
  }
}

/** The backup's key file becomes DATA_DIR's field key (the one it replaces is kept beside it). */
const installKey = async (dataDir: string, key: FoundKey, keyId: string) => {
  const dataDirKey = path.join(dataDir, FIELD_KEY_FILE)
  if (!key.file || key.file === dataDirKey) return
  const current = existsSync(dataDirKey) ? (await readFile(dataDirKey, 'utf8')).trim() : null
  if (current === key.text.trim()) return
  if (current) await writeSecret(`${dataDirKey}.before-restore`, `${current}\n`)
  await writeSecret(dataDirKey, `${key.text.trim()}\n`)
  if (key.previous.trim()) await writeSecret(path.join(dataDir, PREVIOUS_FIELD_KEYS_FILE), `${key.previous.trim()}\n`)
  console.log(
    `Field key ${keyId} installed in ${dataDirKey}${current ? ` (the one it replaces is kept as ${FIELD_KEY_FILE}.before-restore)` : ''}.`,
  )
}

const summarise = (
  tables: Record<string, number>,
  { migrations, chain, decrypted }: Awaited<ReturnType<typeof check>>,
  ms: number,
) => {
  const counts = Object.entries(tables)
  console.log(`Restored in ${ms} ms: ${counts.reduce((sum, [, n]) => sum + n, 0)} rows in ${counts.length} tables.`)
  console.log(
    `  ${counts
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}`,
  )
  console.log(`  _prisma_migrations: ${migrations.length} applied, the last ${migrations.at(-1)}`)
  console.log(`  Audit chain intact: ${chain.entries} entries verified. Head: ${chain.head ?? '(empty)'}`)
  console.log(`  Field key: ${decrypted} sample ciphertexts decrypted.`)
}

/** Where the photo files went, or why there were none. */
const reportPhotos = ({ header, photoFiles, tables }: RestoreReport, store: PhotoStorage['kind']) => {
  if (header.photoFiles === false) {
    console.log(
      `  Photos: ${tables.Photo ?? 0} photos, whose files were in an S3 bucket when the backup was taken: restore the bucket on its own (docs/photos.md).`,
    )
  } else if (header.photoFiles) {
    console.log(
      `  Photos: ${photoFiles.restored} files checked and put back into ${store === 's3' ? 'the S3 bucket' : 'DATA_DIR/photos'}.`,
    )
  }
}

main().catch((error: unknown) => {
  exitIfNotReady(error)
  if (error instanceof BackupKeyError) {
    // Nothing was created or written: one line, the key id it needs and where it looked.
    console.error(`Restore refused: ${error.message}.`)
    process.exit(1)
  }
  console.error(`Restore failed: ${error instanceof InvalidEnvError || error instanceof Error ? error.message : error}`)
  process.exit(1)
})
