// `npm run gen -- [--scale county|province] [--households N] [--reset] [--dry-run]`: fills the
// database with a realistic, deterministic world for load tests and demos (README, "Data
// generator"): the org tree, accounts, villages, households with sealed personal data, and three
// years of party days, visits, donations and needs.
//
//   Embedded database (no DATABASE_URL; stop `npm start` first): under DATA_DIR, migrated here.
//   External PostgreSQL: DATABASE_URL and FIELD_ENCRYPTION_KEY, as the server has them.
//
// Progress goes to stderr; the last line on stdout is one JSON object: rows per table, seconds.
import { randomBytes } from 'node:crypto'
import { chmod, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { applyMigrations } from '../../prisma/engine/migrate.mjs'
import { openDatabase } from '../../server/db/database'
import { InvalidEnvError, parseEnv } from '../../server/env'
import { createFieldCrypto } from '../../server/lib/field-crypto'
import { loadFieldKeys } from '../../server/lib/field-key'
import { createLogger } from '../../server/lib/logger'
import { hashPassword } from '../../server/services/auth/passwords'
import { parseArguments } from './arguments'
import { GenerationRefused, generate } from './generate'
import { plannedCounts } from './plan'
import { createProgress } from './progress'
import { villageCount } from './scale'

const ACCOUNTS_FILE = 'generated-accounts.txt'

const main = async () => {
  const { scale, isReset, isDryRun } = parseArguments(process.argv.slice(2))
  if (isDryRun) {
    console.log(JSON.stringify({ dryRun: true, scale, planned: plannedCounts(scale) }))
    return
  }
  const env = parseEnv()
  // Opening the embedded database refuses while a server is using it.
  const database = await openDatabase(env, (line) => console.error(line))
  try {
    await applyMigrations({ url: database.url })
    const keys = await loadFieldKeys(env, createLogger('warn'))
    const crypto = createFieldCrypto(keys.current, keys.previous)
    const password = process.env.GEN_PASSWORD || `Gen-${randomBytes(6).toString('base64url')}`
    const report = await generate({
      url: database.url,
      scale,
      crypto,
      passwordHash: await hashPassword(password),
      isReset,
      progress: createProgress({ totalVillages: villageCount(scale) }),
    })
    const accounts = `生成数据的账号：管理员 手机号 ${report.adminPhone}，其余账号 170xxxxxxxx（支部书记、驻村干部、党员），密码均为 ${password}\n`
    if (database.kind === 'embedded') {
      const file = path.join(env.dataDir, ACCOUNTS_FILE)
      await writeFile(file, accounts, { mode: 0o600 })
      await chmod(file, 0o600)
      console.error(`${accounts}（也保存在 ${file}）`)
    } else console.error(accounts)
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0)
    console.log(
      JSON.stringify({
        scale: scale.name,
        households: scale.households,
        counts: report.counts,
        totalRows: total,
        seconds: Math.round(report.seconds * 10) / 10,
        rowsPerSecond: Math.round(total / report.seconds),
      }),
    )
  } finally {
    await database.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidEnvError || error instanceof Error ? error.message : error)
  process.exit(error instanceof GenerationRefused ? 3 : 1)
})
