// What a restore onto nothing makes in DATA_DIR (the folder itself, the cluster, its password,
// the key, the photos), so that a restore that fails, or is interrupted, removes all of it and
// leaves DATA_DIR as it found it: nothing half-made for the next `npm start` to seed demo data into.
import { existsSync, readdirSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'

export type MadeHere = {
  /** Removes whatever was not in DATA_DIR before (the whole folder, if it was not there). */
  undo: () => Promise<void>
}

export const trackMadeHere = (dataDir: string): MadeHere => {
  const before = existsSync(dataDir) ? new Set(readdirSync(dataDir)) : null
  return {
    undo: async () => {
      if (!before) {
        await rm(dataDir, { recursive: true, force: true })
        return
      }
      if (!existsSync(dataDir)) return
      for (const name of await readdir(dataDir)) {
        if (!before.has(name)) await rm(path.join(dataDir, name), { recursive: true, force: true })
      }
    },
  }
}
