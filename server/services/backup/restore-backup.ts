// Brings a backup (create-backup.ts) back into an empty database: the backup's own migrations
// first, so the rows meet the schema they were read from; then every row in one transaction
// with triggers and foreign-key checks off (session_replication_role = replica: rows go in as
// they were, audit entries keep their chain links instead of being linked again); then the
// sequences; then any migration newer than the backup, as an upgrade would apply it. Finally
// every table's row count is compared with the backup's. Photo files in the backup are checked
// and put into the photo store as they are read (photo-files.ts): content-addressed, so a file
// put by a restore that then fails is harmless, the same bytes under the same name or unused.
import { createReadStream, existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import pg from 'pg'
import { applyMigrations, MIGRATIONS_DIR } from '../../../prisma/engine/migrate.mjs'
import type { FieldCrypto, FieldPurpose } from '../../lib/field-crypto'
import type { PhotoStorage } from '../photos/storage'
import {
  appliedMigrations,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BATCH_ROWS,
  type BackupHeader,
  listColumns,
  listTables,
  quoteIdent,
} from './create-backup'
import { photoFileReader } from './photo-files'

export type RestoreReport = {
  header: BackupHeader
  /** Rows per table, counted in the restored database (equal to the backup's, or it throws). */
  tables: Record<string, number>
  /** Migrations newer than the backup, applied after its rows. */
  laterMigrations: string[]
  /** Photo files in the backup, and how many were put into the photo store. */
  photoFiles: { inBackup: number; restored: number }
}

/** Largest batch sent in one INSERT, in characters of JSON. */
const BATCH_CHARS = 4_000_000

const lines = (file: string) =>
  createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY })

export const readBackupHeader = async (file: string): Promise<BackupHeader> => {
  if (!existsSync(file)) throw new Error(`${file}: no such file`)
  const reader = lines(file)
  try {
    for await (const line of reader) return parseHeader(line, file)
  } catch (error) {
    throw new Error(`${file} is not a readable backup: ${error instanceof Error ? error.message : error}`)
  } finally {
    reader.close()
  }
  throw new Error(`${file} is empty`)
}

const parseHeader = (line: string, file: string): BackupHeader => {
  const header = line.startsWith('H ') ? (JSON.parse(line.slice(2)) as BackupHeader) : null
  if (header?.format !== BACKUP_FORMAT) throw new Error(`${file} is not a backup made by \`npm run backup\``)
  if (header.version > BACKUP_VERSION) {
    throw new Error(`${file} is a version ${header.version} backup; this code reads version ${BACKUP_VERSION}`)
  }
  return header
}

/** The backup's migrations only, in a folder of their own, as the engine reads a migrations folder. */
const migrationsUpTo = async (names: string[], migrationsDir: string): Promise<string> => {
  const known = new Set(
    (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name),
  )
  const unknown = names.filter((name) => !known.has(name))
  if (unknown.length) {
    throw new Error(
      `the backup was made by a newer version of the ledger (migrations ${unknown.join(', ')} are not in this code): restore it with that version`,
    )
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'pdrl-restore-migrations-'))
  await cp(path.join(migrationsDir, 'migration_lock.toml'), path.join(dir, 'migration_lock.toml')).catch(() => {})
  for (const name of names) await cp(path.join(migrationsDir, name), path.join(dir, name), { recursive: true })
  return dir
}

export const restoreBackup = async ({
  url,
  file,
  migrationsDir = MIGRATIONS_DIR,
  log = () => {},
  photos,
}: {
  /** An empty database (no tables): the restore refuses any other. */
  url: string
  file: string
  migrationsDir?: string
  log?: (line: string) => void
  /** Where the backup's photo files go; unset: they are checked, not stored. */
  photos?: PhotoStorage | undefined
}): Promise<RestoreReport> => {
  const header = await readBackupHeader(file)
  const client = new pg.Client({ connectionString: url, application_name: 'pdrl restore' })
  await client.connect()
  try {
    if ((await listTables(client)).length || (await appliedMigrations(client)).length) {
      throw new Error('the target database is not empty: a restore goes only into an empty database')
    }
    const backupMigrations = await migrationsUpTo(header.migrations, migrationsDir)
    try {
      await applyMigrations({ url, migrationsDir: backupMigrations })
    } finally {
      await rm(backupMigrations, { recursive: true, force: true })
    }
    log(`schema: the backup's ${header.migrations.length} migrations applied`)

    const expected: Record<string, number> = {}
    await client.query('BEGIN')
    // Superuser (the embedded default), or on PostgreSQL 15+ `GRANT SET ON PARAMETER
    // session_replication_role TO <role>`: triggers and foreign-key checks are off for this load.
    await client.query('SET LOCAL session_replication_role = replica')
    let table: { name: string; columns: string[]; insert: string } | null = null
    let batch: string[] = []
    let batchChars = 0
    let loaded = 0
    let isComplete = false
    const photoFiles = photoFileReader(photos)
    const flush = async () => {
      if (!table || !batch.length) return
      await client.query(table.insert, [`[${batch.join(',')}]`])
      loaded += batch.length
      batch = []
      batchChars = 0
    }
    for await (const line of lines(file)) {
      const tag = line.slice(0, 2)
      const body = line.slice(2)
      if (tag === 'R ') {
        batch.push(body)
        batchChars += body.length
        if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush()
      } else if (tag === 'T ') {
        const { table: name, columns } = JSON.parse(body) as { table: string; columns: string[] }
        const present = new Set(await listColumns(client, name).catch(() => [] as string[]))
        const missing = columns.filter((c) => !present.has(c))
        if (!present.size || missing.length) {
          throw new Error(`table ${name} (columns ${missing.join(', ') || 'all'}) is not in the backup's schema`)
        }
        const list = columns.map(quoteIdent).join(', ')
        const target = `public.${quoteIdent(name)}`
        // The backup holds the table's whole content; rows the migrations wrote (the authorisation
        // epoch's one row) give way to it.
        await client.query(`DELETE FROM ${target}`)
        table = {
          name,
          columns,
          insert: `INSERT INTO ${target} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${target}, $1::json)`,
        }
        loaded = 0
      } else if (tag === 'E ') {
        await flush()
        const { table: name, rows } = JSON.parse(body) as { table: string; rows: number }
        if (name !== table?.name || rows !== loaded) {
          throw new Error(`the backup is damaged: table ${name} says ${rows} rows, ${loaded} were read`)
        }
        expected[name] = rows
        table = null
      } else if (tag === 'B ') {
        photoFiles.bytes(body)
      } else if (tag === 'F ') {
        photoFiles.begin(body)
      } else if (tag === 'D ') {
        await photoFiles.end(body)
      } else if (tag === 'Z ') {
        isComplete = true
      } else if (tag !== 'H ') {
        throw new Error(`the backup is damaged: unexpected line starting ${JSON.stringify(line.slice(0, 20))}`)
      }
    }
    if (!isComplete || table || photoFiles.isInFile())
      throw new Error('the backup is cut short (no end marker): it was not written completely')
    for (const { name, lastValue } of header.sequences) {
      if (lastValue !== null)
        await client.query('SELECT setval($1::regclass, $2::bigint, true)', [`public.${quoteIdent(name)}`, lastValue])
    }
    await client.query('COMMIT')
    log(`rows: ${Object.values(expected).reduce((a, b) => a + b, 0)} in ${Object.keys(expected).length} tables`)
    if (photoFiles.counts.inBackup)
      log(`photo files: ${photoFiles.counts.restored} of ${photoFiles.counts.inBackup} put back`)

    const laterMigrations = await applyMigrations({ url, migrationsDir })
    if (laterMigrations.length) log(`applied ${laterMigrations.length} migrations newer than the backup`)

    const tables: Record<string, number> = {}
    for (const name of Object.keys(expected)) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.${quoteIdent(name)}`)
      tables[name] = Number(rows[0]?.n)
      if (!laterMigrations.length && tables[name] !== expected[name]) {
        throw new Error(`table ${name} has ${tables[name]} rows after the restore; the backup holds ${expected[name]}`)
      }
    }
    return { header, tables, laterMigrations, photoFiles: photoFiles.counts }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}

/** Encrypted columns, and the purpose each was encrypted for (field-crypto.ts). */
const ENCRYPTED_COLUMNS: { table: string; column: string; purpose: FieldPurpose }[] = [
  { table: 'Household', column: 'idNumberEnc', purpose: 'household.idNumber' },
  { table: 'Household', column: 'phoneEnc', purpose: 'household.phone' },
  { table: 'HouseholdMember', column: 'idNumberEnc', purpose: 'member.idNumber' },
  { table: 'HouseholdMember', column: 'healthEnc', purpose: 'member.health' },
  { table: 'Visit', column: 'healthEnc', purpose: 'visit.health' },
]

/**
 * Whether the field key opens the restored personal data: one ciphertext of every key id found
 * in each encrypted column is decrypted. Returns how many were; throws on the first that fails.
 */
export const checkFieldKeyOpens = async (url: string, crypto: FieldCrypto): Promise<number> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    let checked = 0
    for (const { table, column, purpose } of ENCRYPTED_COLUMNS) {
      const col = quoteIdent(column)
      const { rows } = await client.query<{ c: string }>(
        `SELECT DISTINCT ON (split_part(${col}, ':', 2)) ${col} AS c FROM public.${quoteIdent(table)} WHERE ${col} IS NOT NULL`,
      )
      for (const { c } of rows) {
        crypto.decrypt(c, purpose)
        checked += 1
      }
    }
    return checked
  } finally {
    await client.end().catch(() => {})
  }
}
