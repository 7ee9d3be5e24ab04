// The field key of a backup, as files: written by a backup of the embedded default into
// BACKUP_KEY_DIR (a folder of its own, so that the backups and the key that opens them can be
// kept apart), and looked for by a restore, which must find the key the backup was taken under
// before it creates or writes anything (docs/deployment.md, "Restore").
import { existsSync } from 'node:fs'
import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { keyIdOf } from '../../lib/field-crypto'
import { keyFileFor } from './create-backup'

/** Writes to a temporary name with mode 0600, then renames into place: never readable by others, never half-written. */
export const writeSecret = async (file: string, text: string) => {
  await writeFile(`${file}.tmp`, text, { mode: 0o600 })
  await chmod(`${file}.tmp`, 0o600)
  await rename(`${file}.tmp`, file)
}

/** pdrl-….field-encryption.key → pdrl-….field-encryption.previous: the keys a rotation is replacing. */
export const previousKeysFileFor = (keyFile: string) => keyFile.replace(/\.key$/, '.previous')

/** Where a backup's key file goes: BACKUP_KEY_DIR/pdrl-….field-encryption.key */
export const keyFileIn = (keyDir: string, backupFile: string) =>
  path.join(keyDir, path.basename(keyFileFor(backupFile)))

/** Writes the key (and the previous keys, if any) for `backupFile` into keyDir; returns the key file. */
export const writeBackupKey = async ({
  keyDir,
  backupFile,
  key,
  previous,
}: {
  keyDir: string
  backupFile: string
  key: string
  previous: string
}): Promise<string> => {
  await mkdir(keyDir, { recursive: true, mode: 0o700 })
  const keyFile = keyFileIn(keyDir, backupFile)
  await writeSecret(keyFile, `${key.trim()}\n`)
  if (previous.trim()) await writeSecret(previousKeysFileFor(keyFile), `${previous.trim()}\n`)
  return keyFile
}

/** Base64 keys, one a line (or comma-separated); throws naming the file when one is not 32 bytes. */
export const parseKeyLines = (text: string, where: string): Buffer[] =>
  text
    .split(/[\n,]/)
    .filter((line) => line.trim())
    .map((line) => {
      const key = Buffer.from(line.trim(), 'base64')
      if (key.length !== 32) throw new Error(`${where} does not hold a 32-byte base64 key`)
      return key
    })

export type FoundKey = {
  /** Where it was found (a file, or FIELD_ENCRYPTION_KEY). */
  where: string
  /** The key file, when it came from one (a restore installs it as DATA_DIR's key). */
  file: string | null
  text: string
  /** The keys a rotation was replacing when the backup was taken, one a line. */
  previous: string
  keyId: string
}

/** A refusal before anything was made: the key the backup needs, and everywhere it was looked for. */
export class BackupKeyError extends Error {
  override name = 'BackupKeyError'
}

const readKeyFile = async (file: string): Promise<FoundKey | { file: string; problem: string }> => {
  try {
    const text = await readFile(file, 'utf8')
    const [key] = parseKeyLines(text, file)
    if (!key) return { file, problem: 'empty' }
    const previousFile = previousKeysFileFor(file)
    const previous = previousFile !== file && existsSync(previousFile) ? await readFile(previousFile, 'utf8') : ''
    return { where: file, file, text, previous, keyId: keyIdOf(key) }
  } catch (error) {
    return { file, problem: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The key that opens a backup. FIELD_ENCRYPTION_KEY, when set, is the key the restored ledger
 * will run with, so it must be the backup's. Otherwise, in order: `--key <file>`; the key file beside the
 * backup (`pdrl-….field-encryption.key`, or `<backup>.key`); the one of the same name in
 * BACKUP_KEY_DIR, then any key file there with the key id the backup needs; DATA_DIR's own key.
 * Throws BackupKeyError, naming the key id and every place looked in, when none is the backup's.
 */
export const findBackupKey = async ({
  backupFile,
  needed,
  keyArg,
  envKey,
  envPrevious,
  keyDir,
  dataDirKey,
}: {
  backupFile: string
  /** The backup header's fieldKeyId; null: the backup does not say (any key found is tried). */
  needed: string | null
  keyArg: string | undefined
  envKey: string | undefined
  envPrevious: string | undefined
  keyDir: string
  dataDirKey: string
}): Promise<FoundKey> => {
  const wanted = needed ? `key ${needed}` : 'its key'
  if (envKey) {
    const [key] = parseKeyLines(envKey, 'FIELD_ENCRYPTION_KEY')
    const keyId = keyIdOf(key as Buffer)
    if (needed && keyId !== needed) {
      throw new BackupKeyError(
        `the backup's personal data is under key ${needed}, but FIELD_ENCRYPTION_KEY holds key ${keyId}: set FIELD_ENCRYPTION_KEY to the backup's key`,
      )
    }
    return { where: 'FIELD_ENCRYPTION_KEY', file: null, text: envKey, previous: envPrevious ?? '', keyId }
  }
  if (keyArg) {
    const file = path.resolve(keyArg)
    if (!existsSync(file)) throw new BackupKeyError(`the backup needs ${wanted}; --key ${file}: no such file`)
    const found = await readKeyFile(file)
    if ('problem' in found) throw new BackupKeyError(`the backup needs ${wanted}; --key ${file}: ${found.problem}`)
    if (needed && found.keyId !== needed) {
      throw new BackupKeyError(
        `the backup's personal data is under key ${needed}, but --key ${file} holds key ${found.keyId}: pass the backup's key with --key <file>`,
      )
    }
    return found
  }
  const looked: string[] = []
  const beside = [keyFileFor(backupFile), `${backupFile}.key`]
  const inKeyDir = existsSync(keyDir)
    ? [
        keyFileIn(keyDir, backupFile),
        ...(await readdir(keyDir))
          .filter((name) => name.endsWith('.field-encryption.key'))
          .sort()
          .reverse()
          .map((name) => path.join(keyDir, name)),
      ]
    : []
  if (!inKeyDir.length) looked.push(`${keyDir} (${existsSync(keyDir) ? 'no key files' : 'missing'})`)
  for (const file of new Set([...beside, ...inKeyDir, dataDirKey])) {
    if (!existsSync(file)) {
      // Only the places an operator would put it by hand are worth naming.
      if (file !== inKeyDir[0]) looked.push(`${file} (missing)`)
      continue
    }
    const found = await readKeyFile(file)
    if ('problem' in found) {
      looked.push(`${file} (${found.problem})`)
      continue
    }
    if (!needed || found.keyId === needed) return found
    looked.push(`${file} (key ${found.keyId})`)
  }
  throw new BackupKeyError(
    `the backup needs ${wanted}, which is not in ${looked.join(', ')}: pass it with --key <file>, or set BACKUP_KEY_DIR to the folder that holds it`,
  )
}
