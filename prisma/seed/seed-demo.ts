// First start on the embedded database: load the 前跃村 story and print the demo accounts.
// Only ever on an empty database; a seed that fails half-way is wiped, so the next start retries.
import { randomBytes } from 'node:crypto'
import { chmod, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { callerFor } from '../../server/caller'
import type { AppDeps } from '../../server/context'
import { DEMO_ACCOUNTS, seedReferenceDataAtomically } from './reference-data'
import { replayHouseholds, replayStory } from './story'

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt'

const ROLE_NAMES: Record<string, string> = {
  ADMIN: '管理员',
  SECRETARY: '支部书记',
  CADRE: '驻村干部',
  MEMBER: '党员',
  RESIDENT: '村民',
}

/** Empties every table but the migration history. */
const wipe = async (deps: AppDeps) => {
  const tables = await deps.prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`
  if (!tables.length) return
  await deps.prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`)
}

export const seedDemo = async ({
  deps,
  dataDir,
  password,
  upTo = 'partyDay',
}: {
  deps: AppDeps
  dataDir: string
  password?: string | undefined
  upTo?: 'households' | 'partyDay'
}) => {
  if ((await deps.prisma.user.count()) > 0) return false
  const demoPassword = password ?? `Demo-${randomBytes(6).toString('base64url')}`
  try {
    const ref = await seedReferenceDataAtomically(deps.prisma, { password: demoPassword })
    const replay = upTo === 'households' ? replayHouseholds : replayStory
    await replay({ ref, callerFor: (userId) => callerFor(deps, userId) })
  } catch (error) {
    await wipe(deps)
    throw error
  }

  const lines = Object.values(DEMO_ACCOUNTS).map(
    (a) =>
      `  ${ROLE_NAMES[a.role]?.padEnd(6, '　')}${a.displayName.padEnd(6, '　')} 手机号 ${a.phone}  密码 ${demoPassword}`,
  )
  const text = ['演示账号（仅内置数据库）：', ...lines, ''].join('\n')
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE)
  await writeFile(file, text, { mode: 0o600 })
  await chmod(file, 0o600)
  process.stdout.write(`\n已载入前跃村演示数据。\n${text}（账号也保存在 ${file}）\n\n`)
  return true
}
