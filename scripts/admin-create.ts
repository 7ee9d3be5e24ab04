// `npm run admin:create -- --name <姓名> --phone <手机号> [--org <最上级党组织名称>] [--another]`:
// makes an administrator's account on DATABASE_URL or the embedded database (with `npm start`
// stopped), for a new installation's first sign-in. The ADMIN role is held in an org: on an empty
// database --org names the top-level org to create; otherwise the administrator joins the org
// named, or the only top-level one. Refused while an active administrator exists, unless
// --another. The one-time password is printed once, here, and kept nowhere but as its hash; it
// must be changed at the first sign-in. A refusal is one line, in Chinese and English, exit 1,
// with nothing written.
//
// It is the first step of a real installation, so unlike the other operations commands it makes
// the database when there is none yet (the embedded one under DATA_DIR) and applies the
// migrations, as `npm start` would; a ledger with an account in it is never given the demo story.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ZDisplayName, ZMobilePhone } from '../common/contracts/user/user-fields'
import { applyMigrations } from '../prisma/engine/migrate.mjs'
import { createPrismaClient, type Db } from '../server/db/client'
import { openDatabase } from '../server/db/database'
import { parseEnv } from '../server/env'
import { createFieldCrypto } from '../server/lib/field-crypto'
import { loadFieldKeys } from '../server/lib/field-key'
import { AdministratorRefused, createAdministrator } from '../server/services/users/create-administrator'

const USAGE =
  '用法 / Usage: npm run admin:create -- --name <姓名> --phone <手机号> [--org <最上级党组织名称>] [--another]'

const refuse = (chinese: string, english: string): never => {
  console.error(`${chinese} / ${english}`)
  process.exit(1)
}

const readArguments = () => {
  try {
    return parseArgs({
      options: {
        name: { type: 'string' },
        phone: { type: 'string' },
        org: { type: 'string' },
        another: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch {
    return refuse('参数不正确', `unknown or incomplete arguments. ${USAGE}`)
  }
}

const options = readArguments()
const name = ZDisplayName.safeParse(options.name ?? '')
if (!name.success)
  refuse(
    `姓名不正确：${name.error.issues[0]?.message}`,
    `--name must be the person's name, 2 to 30 characters. ${USAGE}`,
  )
const phone = ZMobilePhone.safeParse(options.phone ?? '')
if (!phone.success)
  refuse(
    `手机号不正确：${phone.error.issues[0]?.message}`,
    `--phone must be an 11-digit mobile number starting with 1. ${USAGE}`,
  )
const orgName = options.org?.trim()
if (options.org !== undefined && (!orgName || orgName.length > 60))
  refuse('--org 应为党组织全称（不超过 60 个字）', '--org must be the org’s full name, at most 60 characters')

/** The database, made and migrated if need be; the process exits with the code `work` returns. */
const onDatabase = async (work: (prisma: Db) => Promise<number>): Promise<never> => {
  const database = await openDatabase(
    { DATABASE_URL: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || './data') },
    () => {},
  )
  let exitCode = 1
  try {
    await applyMigrations({ url: database.url })
    const prisma = createPrismaClient({ url: database.url, poolSize: 2 })
    try {
      exitCode = await work(prisma)
    } finally {
      await prisma.$disconnect()
    }
  } finally {
    await database.stop()
  }
  process.exit(exitCode)
}

await onDatabase(async (prisma) => {
  const env = parseEnv()
  const keys = await loadFieldKeys(env, { warn: () => {} })
  try {
    const created = await createAdministrator(prisma, createFieldCrypto(keys.current, keys.previous), {
      displayName: name.data as string,
      phone: phone.data as string,
      orgName,
      isAnother: options.another === true,
    })
    console.log(
      `已创建管理员 ${name.data}（${phone.data}），所在党组织：${created.org.name}${created.isOrgCreated ? '（新建）' : ''}`,
    )
    console.log(
      `Administrator ${name.data} (${phone.data}) created in ${created.org.name}${created.isOrgCreated ? ' (new)' : ''}.`,
    )
    console.log(`一次性密码 / One-time password: ${created.oneTimePassword}`)
    console.log(
      '只显示这一次，请交给本人；首次登录后须修改。 / Shown only this once: hand it to the person, who must change it at the first sign-in.',
    )
    return 0
  } catch (error) {
    if (!(error instanceof AdministratorRefused)) throw error
    console.error(`${error.chinese} / ${error.english}`)
    return 1
  }
})
