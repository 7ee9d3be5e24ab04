// The master keys for field encryption. Production passes FIELD_ENCRYPTION_KEY (env.ts refuses to
// start without it when DATABASE_URL is set), and during a rotation the keys being replaced in
// FIELD_ENCRYPTION_KEY_PREVIOUS. The embedded default makes a key on first start and keeps it
// beside the data, mode 0600 (previous keys one per line in another file): convenient for a
// single machine, and it says so.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Env } from '../env'
import type { Logger } from './logger'

export const FIELD_KEY_FILE = 'field-encryption.key'
export const PREVIOUS_FIELD_KEYS_FILE = 'field-encryption.previous'

export type FieldKeys = { current: Buffer; previous: Buffer[] }

const parseKey = (text: string, where: string) => {
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== 32) throw new Error(`${where} does not hold a 32-byte base64 key`)
  return key
}

const readKeyLines = async (file: string) =>
  existsSync(file)
    ? (await readFile(file, 'utf8'))
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => parseKey(line, file))
    : []

const writeSecret = async (file: string, text: string) => {
  // Written beside, then renamed: a crash never leaves half a key.
  await writeFile(`${file}.tmp`, text, { mode: 0o600 })
  await chmod(`${file}.tmp`, 0o600)
  await rename(`${file}.tmp`, file)
}

export const loadFieldKeys = async (
  env: Pick<Env, 'FIELD_ENCRYPTION_KEY' | 'FIELD_ENCRYPTION_KEY_PREVIOUS' | 'dataDir'>,
  log: Pick<Logger, 'warn'>,
): Promise<FieldKeys> => {
  if (env.FIELD_ENCRYPTION_KEY) {
    const previous = (env.FIELD_ENCRYPTION_KEY_PREVIOUS ?? '')
      .split(',')
      .filter((key) => key.trim())
      .map((key) => parseKey(key, 'FIELD_ENCRYPTION_KEY_PREVIOUS'))
    return { current: parseKey(env.FIELD_ENCRYPTION_KEY, 'FIELD_ENCRYPTION_KEY'), previous }
  }
  const file = path.join(env.dataDir, FIELD_KEY_FILE)
  const previous = await readKeyLines(path.join(env.dataDir, PREVIOUS_FIELD_KEYS_FILE))
  if (existsSync(file)) return { current: parseKey(await readFile(file, 'utf8'), file), previous }
  await mkdir(env.dataDir, { recursive: true })
  const key = randomBytes(32)
  await writeSecret(file, `${key.toString('base64')}\n`)
  log.warn(
    { file },
    'generated a field-encryption key for the embedded database; back it up with the data. Production must set FIELD_ENCRYPTION_KEY',
  )
  return { current: key, previous }
}

/**
 * Embedded default: a new current key, the old one kept as previous (until a rotation has moved
 * every row, when `forgetPreviousFieldKeys` drops it).
 */
export const replaceEmbeddedFieldKey = async (dataDir: string): Promise<FieldKeys> => {
  const file = path.join(dataDir, FIELD_KEY_FILE)
  const previousFile = path.join(dataDir, PREVIOUS_FIELD_KEYS_FILE)
  const old = parseKey(await readFile(file, 'utf8'), file)
  const previous = [old, ...(await readKeyLines(previousFile))]
  await writeSecret(previousFile, `${previous.map((key) => key.toString('base64')).join('\n')}\n`)
  const current = randomBytes(32)
  await writeSecret(file, `${current.toString('base64')}\n`)
  return { current, previous }
}

export const forgetPreviousFieldKeys = async (dataDir: string) => {
  const previousFile = path.join(dataDir, PREVIOUS_FIELD_KEYS_FILE)
  if (existsSync(previousFile)) await writeSecret(previousFile, '')
}
