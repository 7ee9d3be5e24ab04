// The master key for field encryption. Production passes FIELD_ENCRYPTION_KEY (env.ts refuses to
// start without it when DATABASE_URL is set). The embedded default makes one on first start and
// keeps it beside the data, mode 0600: convenient for a single machine, and it says so.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Env } from '../env'
import type { Logger } from './logger'

export const FIELD_KEY_FILE = 'field-encryption.key'

export const loadFieldKey = async (env: Env, log: Logger): Promise<Buffer> => {
  if (env.FIELD_ENCRYPTION_KEY) return Buffer.from(env.FIELD_ENCRYPTION_KEY, 'base64')
  const file = path.join(env.dataDir, FIELD_KEY_FILE)
  if (existsSync(file)) {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`)
    return key
  }
  await mkdir(env.dataDir, { recursive: true })
  const key = randomBytes(32)
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  log.warn(
    { file },
    'generated a field-encryption key for the embedded database; back it up with the data. Production must set FIELD_ENCRYPTION_KEY',
  )
  return key
}
