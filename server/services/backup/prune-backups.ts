// Which backups BACKUP_DIR keeps, after each good backup (never before, so a failing backup never
// costs an old one): the newest of each of the last BACKUP_KEEP_DAILY days that have a backup,
// and the newest of each of the last BACKUP_KEEP_MONTHLY months that have one. Only files named
// as the backups name them (pdrl-YYYYMMDD-HHMMSS.backup.gz, Beijing time) are ever deleted, with
// their key files; anything else an operator puts there is left alone.
import { existsSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { BACKUP_FILE_NAME, keyFileFor } from './create-backup'
import { keyFileIn, previousKeysFileFor } from './key-files'

export type KeepPolicy = { daily: number; monthly: number }

/** The backup names to keep, of those given (other names are neither kept nor deleted). */
export const backupsToKeep = (names: string[], keep: KeepPolicy): Set<string> => {
  // The names sort as their times do: newest first.
  const backups = names.filter((name) => BACKUP_FILE_NAME.test(name)).sort((a, b) => (a < b ? 1 : -1))
  const kept = new Set<string>()
  const newestOfEach = (periodOf: (name: string) => string, count: number) => {
    const periods = new Set<string>()
    for (const name of backups) {
      const period = periodOf(name)
      if (periods.has(period)) continue
      if (periods.size === count) return
      periods.add(period)
      kept.add(name)
    }
  }
  // "pdrl-" + YYYYMMDD: the day; + YYYYMM: the month.
  newestOfEach((name) => name.slice(5, 13), keep.daily)
  newestOfEach((name) => name.slice(5, 11), keep.monthly)
  return kept
}

/**
 * Deletes the backups in backupDir that the policy does not keep, and their key files (in keyDir,
 * or beside the backup). `justWritten` is always kept, whatever its name says of its time.
 * Returns the names deleted.
 */
export const pruneBackups = async ({
  backupDir,
  keyDir,
  keep,
  justWritten,
}: {
  backupDir: string
  keyDir: string
  keep: KeepPolicy
  justWritten: string
}): Promise<string[]> => {
  if (!existsSync(backupDir)) return []
  const names = (await readdir(backupDir)).filter((name) => BACKUP_FILE_NAME.test(name))
  const kept = backupsToKeep(names, keep)
  kept.add(path.basename(justWritten))
  const deleted: string[] = []
  for (const name of names.filter((n) => !kept.has(n)).sort()) {
    const file = path.join(backupDir, name)
    const keyFiles = [keyFileIn(keyDir, file), keyFileFor(file)]
    for (const keyFile of new Set(keyFiles)) {
      await rm(keyFile, { force: true })
      await rm(previousKeysFileFor(keyFile), { force: true })
    }
    await rm(file, { force: true })
    deleted.push(name)
  }
  return deleted
}
