// `npm run backup [-- --out <file>]`: a consistent backup of the ledger's database, taken while
// the server runs (docs/deployment.md, "Backups").
//
//   Embedded database: read through the running server's PostgreSQL (its port in
//   DATA_DIR/postgres/postmaster.pid, its password in DATA_DIR/postgres-password); when no server
//   runs, the embedded PostgreSQL is started for the backup alone. Written to
//   DATA_DIR/backups/pdrl-YYYYMMDD-HHMMSS.backup.gz, mode 0600, with the field key beside it.
//   DATABASE_URL: that database; the key is FIELD_ENCRYPTION_KEY, which is not written anywhere.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { InvalidEnvError, parseEnv } from '../server/env'
import { keyIdOf } from '../server/lib/field-crypto'
import { FIELD_KEY_FILE, PREVIOUS_FIELD_KEYS_FILE } from '../server/lib/field-key'
import { createBackup, defaultBackupFile, keyFileFor } from '../server/services/backup/create-backup'
import { connectForBackup, EMBEDDED_DATABASE } from '../server/services/backup/embedded-cluster'
import { argument, writeSecret } from './backup-files'

const size = (bytes: number) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`

const main = async () => {
  const env = parseEnv()
  const out = argument('--out')
  if (process.argv.includes('--out') && !out) throw new Error('--out takes a file name')
  const file = path.resolve(out ?? defaultBackupFile(env.dataDir))
  if (existsSync(file)) throw new Error(`${file} already exists; choose another --out`)

  const keyFromFile = !env.FIELD_ENCRYPTION_KEY && existsSync(path.join(env.dataDir, FIELD_KEY_FILE))
  const keyText =
    env.FIELD_ENCRYPTION_KEY ?? (keyFromFile ? await readFile(path.join(env.dataDir, FIELD_KEY_FILE), 'utf8') : null)
  const fieldKeyId = keyText ? keyIdOf(Buffer.from(keyText.trim(), 'base64')) : null

  const connection = env.DATABASE_URL
    ? { url: () => env.DATABASE_URL as string, isStartedHere: false, stop: async () => {} }
    : await connectForBackup(env.dataDir, (line) => console.log(line))
  const started = Date.now()
  const report = await (async () => {
    try {
      return await createBackup({
        url: env.DATABASE_URL ?? connection.url(EMBEDDED_DATABASE),
        file,
        source: env.DATABASE_URL ? 'external' : 'embedded',
        fieldKeyId,
      })
    } finally {
      await connection.stop()
    }
  })()

  const counts = Object.entries(report.tables)
  const total = counts.reduce((sum, [, n]) => sum + n, 0)
  console.log(`Backup written: ${report.file} (${size(report.bytes)}, mode 0600) in ${Date.now() - started} ms`)
  console.log(
    `  ${total} rows in ${counts.length} tables, at migration ${report.header.migrations.at(-1)}: ${counts
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')}`,
  )

  if (keyFromFile) {
    const keyFile = keyFileFor(report.file)
    await writeSecret(keyFile, await readFile(path.join(env.dataDir, FIELD_KEY_FILE), 'utf8'))
    const previousFile = path.join(env.dataDir, PREVIOUS_FIELD_KEYS_FILE)
    const previous = existsSync(previousFile) ? (await readFile(previousFile, 'utf8')).trim() : ''
    if (previous) await writeSecret(keyFile.replace(/\.key$/, '.previous'), `${previous}\n`)
    console.log(
      `Field key written: ${keyFile} (key ${fieldKeyId}, mode 0600)${previous ? ', and the previous keys beside it' : ''}`,
    )
    console.log(
      'WARNING: the ID numbers, phones and health details in the backup are encrypted: the backup is useless without this key file, and the key file is all an attacker needs besides the backup. Copy the key to separate, secure storage (not beside the backup), and keep it as long as the backup.',
    )
  } else if (fieldKeyId) {
    console.log(
      `WARNING: the personal data in the backup opens only with FIELD_ENCRYPTION_KEY (key ${fieldKeyId}), which is not written with it. Keep that key in separate, secure storage for as long as the backup.`,
    )
  } else {
    console.log(
      `WARNING: no field key found in ${env.dataDir}: the personal data in this backup cannot be decrypted by it alone.`,
    )
  }
}

main().catch((error: unknown) => {
  console.error(`Backup failed: ${error instanceof InvalidEnvError || error instanceof Error ? error.message : error}`)
  process.exit(1)
})
