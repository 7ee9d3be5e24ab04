// `npm run keys:rotate`: moves every encrypted field and blind index to the current field key
// (docs/security.md, "Key rotation").
//
//   External PostgreSQL: set FIELD_ENCRYPTION_KEY to the new key and FIELD_ENCRYPTION_KEY_PREVIOUS
//   to the old one(s), restart the servers with both, run this, and once it reports nothing left
//   under old keys, remove FIELD_ENCRYPTION_KEY_PREVIOUS and restart again.
//
//   Embedded database (no DATABASE_URL; stop `npm start` first): `npm run keys:rotate -- --new-key`
//   makes a new key in DATA_DIR, keeps the old one as previous, moves every row, and forgets the
//   old key once nothing needs it. Without --new-key it finishes an interrupted rotation.
import { createPrismaClient } from '../server/db/client'
import { InvalidEnvError, parseEnv } from '../server/env'
import { createFieldCrypto } from '../server/lib/field-crypto'
import { forgetPreviousFieldKeys, loadFieldKeys, replaceEmbeddedFieldKey } from '../server/lib/field-key'
import { createLogger } from '../server/lib/logger'
import { rotateFieldKey } from '../server/services/keys/rotate-field-key'
import { openToolDatabase } from './tool-database'

const main = async () => {
  const env = parseEnv()
  const isEmbedded = !env.DATABASE_URL
  const wantsNewKey = process.argv.includes('--new-key')
  if (wantsNewKey && !isEmbedded) {
    throw new Error(
      '--new-key is for the embedded database; with DATABASE_URL, set FIELD_ENCRYPTION_KEY to the new key',
    )
  }
  // Opening the embedded database first refuses while a server is using it, and before a key
  // file is made for a database that is not there.
  const database = await openToolDatabase(env, (line) => console.log(line))
  const prisma = createPrismaClient({ url: database.url, poolSize: 2 })
  try {
    const keys = wantsNewKey
      ? await replaceEmbeddedFieldKey(env.dataDir)
      : await loadFieldKeys(env, createLogger('warn'))
    const crypto = createFieldCrypto(keys.current, keys.previous)
    const started = Date.now()
    const report = await rotateFieldKey(prisma, crypto)
    const moved = Object.entries(report.moved)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ')
    console.log(`Field key ${report.keyId}: moved ${moved} in ${Date.now() - started} ms.`)
    if (report.remaining) {
      console.log(`${report.remaining} rows are still under an older key (edited meanwhile?): run again.`)
      process.exitCode = 1
    } else if (isEmbedded) {
      await forgetPreviousFieldKeys(env.dataDir)
      console.log('Every row is under the new key; the old key is forgotten.')
    } else if (keys.previous.length) {
      console.log('Every row is under the new key: remove FIELD_ENCRYPTION_KEY_PREVIOUS and restart the servers.')
    }
  } finally {
    await prisma.$disconnect()
    await database.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidEnvError || error instanceof Error ? error.message : error)
  process.exit(1)
})
