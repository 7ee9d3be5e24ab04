// `npm run restore -- <file> [--key <file>]`: brings a backup made by `npm run backup` back
// (docs/deployment.md, "Restore").
//
//   Embedded database (stop `npm start` first; refused while a server runs): the backup is
//   restored into a new database beside the current one, checked (row counts, migrations, the
//   audit chain, the field key opening the personal data), and only then takes its place; the
//   database it replaces is kept as `pdrl_previous` until the next restore. The key file written
//   beside the backup (or --key) becomes DATA_DIR's field key; the one it replaces is kept.
//   DATABASE_URL: restores into that database, which must be empty, with FIELD_ENCRYPTION_KEY.
//   The photo files in the backup, checked against their checksums, are put back into the photo
//   store (DATA_DIR/photos, or the S3 bucket when S3_* is set). A backup taken with photos in S3
//   holds none: the bucket is restored on its own.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { createPrismaClient } from '../server/db/client'
import { hasEmbeddedCluster } from '../server/db/embedded-postgres'
import { DatabaseNotReadyError, requireDatabase } from '../server/db/readiness'
import { InvalidEnvError, parseEnv } from '../server/env'
import { createFieldCrypto, keyIdOf } from '../server/lib/field-crypto'
import { FIELD_KEY_FILE, PREVIOUS_FIELD_KEYS_FILE } from '../server/lib/field-key'
import { verifyAuditChain } from '../server/services/audit/verify-chain'
import { appliedMigrations, keyFileFor } from '../server/services/backup/create-backup'
import { connectForRestore, EMBEDDED_DATABASE } from '../server/services/backup/embedded-cluster'
import {
  checkFieldKeyOpens,
  type RestoreReport,
  readBackupHeader,
  restoreBackup,
} from '../server/services/backup/restore-backup'
import { type PhotoStorage, photoStorageFromEnv } from '../server/services/photos/storage'
import { argument, writeSecret } from './backup-files'
import { exitIfNotReady } from './tool-database'

const RESTORING = `${EMBEDDED_DATABASE}_restoring`
const PREVIOUS = `${EMBEDDED_DATABASE}_previous`

const parseKeyLines = (text: string, where: string) =>
  text
    .split(/[\n,]/)
    .filter((line) => line.trim())
    .map((line) => {
      const key = Buffer.from(line.trim(), 'base64')
      if (key.length !== 32) throw new Error(`${where} does not hold a 32-byte base64 key`)
      return key
    })

const admin = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** Row counts, the migrations, the audit chain, the key: what a restore must prove. */
const check = async (url: string, crypto: ReturnType<typeof createFieldCrypto>) => {
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

const main = async () => {
  const env = parseEnv()
  const file = process.argv.slice(2).find((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--key')
  if (!file) throw new Error('usage: npm run restore -- <backup file> [--key <key file>]')
  // A restore replaces a database; where there is none, it stops here, before reading anything.
  if (env.DATABASE_URL) {
    await requireDatabase(env.DATABASE_URL, {
      place: { kind: 'external', url: env.DATABASE_URL },
      setUp: 'run the restore again',
    })
  } else if (!hasEmbeddedCluster(env.dataDir)) {
    throw new DatabaseNotReadyError(
      `No database in ${env.dataDir} to restore into: check DATA_DIR, or run \`npm start\` once to create one, stop it, and run the restore again.`,
    )
  }
  const backupFile = path.resolve(file)
  const header = await readBackupHeader(backupFile)
  console.log(
    `Backup of ${header.createdAt} (${header.source}, PostgreSQL ${header.serverVersion}), at migration ${header.migrations.at(-1)}`,
  )

  // The key that must open the backup's personal data.
  const keyArg = argument('--key')
  const keyFile = keyArg ? path.resolve(keyArg) : keyFileFor(backupFile)
  const dataDirKey = path.join(env.dataDir, FIELD_KEY_FILE)
  const keySource = env.FIELD_ENCRYPTION_KEY
    ? {
        where: 'FIELD_ENCRYPTION_KEY',
        text: env.FIELD_ENCRYPTION_KEY,
        previous: env.FIELD_ENCRYPTION_KEY_PREVIOUS ?? '',
      }
    : existsSync(keyFile)
      ? {
          where: keyFile,
          text: await readFile(keyFile, 'utf8'),
          previous: existsSync(keyFile.replace(/\.key$/, '.previous'))
            ? await readFile(keyFile.replace(/\.key$/, '.previous'), 'utf8')
            : '',
        }
      : existsSync(dataDirKey)
        ? { where: dataDirKey, text: await readFile(dataDirKey, 'utf8'), previous: '' }
        : null
  if (keyArg && !existsSync(keyFile)) throw new Error(`--key ${keyFile}: no such file`)
  if (!keySource) throw new Error(`no field key: ${keyFile} is missing; pass the backup's key with --key <file>`)
  const [key, ...extra] = parseKeyLines(keySource.text, keySource.where)
  if (!key) throw new Error(`${keySource.where} holds no key`)
  if (header.fieldKeyId && keyIdOf(key) !== header.fieldKeyId) {
    throw new Error(
      `the backup's personal data is under key ${header.fieldKeyId}, but ${keySource.where} holds key ${keyIdOf(key)}: pass the backup's key with --key <file>`,
    )
  }
  const crypto = createFieldCrypto(key, [
    ...extra,
    ...parseKeyLines(keySource.previous, `${keySource.where} (previous)`),
  ])

  const started = Date.now()
  const log = (line: string) => console.log(`  ${line}`)
  const photos = photoStorageFromEnv(env)
  if (env.DATABASE_URL) {
    const report = await restoreBackup({ url: env.DATABASE_URL, file: backupFile, log, photos })
    const verdict = await check(env.DATABASE_URL, crypto)
    summarise(report.tables, verdict, Date.now() - started)
    return reportPhotos(report, photos.kind)
  }

  const connection = await connectForRestore(env.dataDir, log)
  try {
    const adminUrl = connection.url('postgres')
    await admin(adminUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${RESTORING}" WITH (FORCE)`)
      await c.query(`CREATE DATABASE "${RESTORING}"`)
    })
    let verdict: Awaited<ReturnType<typeof check>>
    let report: Awaited<ReturnType<typeof restoreBackup>>
    try {
      report = await restoreBackup({ url: connection.url(RESTORING), file: backupFile, log, photos })
      verdict = await check(connection.url(RESTORING), crypto)
    } catch (error) {
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${RESTORING}" WITH (FORCE)`)).catch(() => {})
      throw new Error(`${error instanceof Error ? error.message : error}. The current database is unchanged.`)
    }
    // Proven: swap it in, keeping the database it replaces.
    await admin(adminUrl, async (c) => {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE])
      await c.query(`DROP DATABASE IF EXISTS "${PREVIOUS}" WITH (FORCE)`)
      if (rowCount) await c.query(`ALTER DATABASE "${EMBEDDED_DATABASE}" RENAME TO "${PREVIOUS}"`)
      await c.query(`ALTER DATABASE "${RESTORING}" RENAME TO "${EMBEDDED_DATABASE}"`)
    })
    if (keySource.where === keyFile) {
      const current = existsSync(dataDirKey) ? (await readFile(dataDirKey, 'utf8')).trim() : null
      if (current !== keySource.text.trim()) {
        if (current) await writeSecret(`${dataDirKey}.before-restore`, `${current}\n`)
        await writeSecret(dataDirKey, `${keySource.text.trim()}\n`)
        if (keySource.previous.trim()) {
          await writeSecret(path.join(env.dataDir, PREVIOUS_FIELD_KEYS_FILE), `${keySource.previous.trim()}\n`)
        }
        console.log(
          `Field key ${crypto.keyId} installed in ${dataDirKey}${current ? ` (the one it replaces is kept as ${FIELD_KEY_FILE}.before-restore)` : ''}.`,
        )
      }
    }
    summarise(report.tables, verdict, Date.now() - started)
    reportPhotos(report, photos.kind)
    console.log(`The database as it was before is kept as "${PREVIOUS}" until the next restore.`)
  } finally {
    await connection.stop()
  }
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
  console.error(`Restore failed: ${error instanceof InvalidEnvError || error instanceof Error ? error.message : error}`)
  process.exit(1)
})
