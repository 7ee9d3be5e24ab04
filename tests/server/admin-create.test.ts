// `npm run admin:create` as an operator runs it on a new installation: a child process on a fresh
// database, as package.json starts it. It makes the first administrator (and the top-level org on
// an empty tree) with a one-time password printed once; refusals are one line in Chinese and
// English, exit 1, and write nothing.
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Caller, callerFor } from '../../server/caller'
import type { AppDeps } from '../../server/context'
import { createPrismaClient } from '../../server/db/client'
import { openDatabase } from '../../server/db/database'
import { newInstallationEnv, oneTimePasswordOf, runAdminCreate } from '../helpers/admin-create-command'
import { failureOf } from '../helpers/errors'
import { createTestDeps } from '../helpers/world'

let deps: AppDeps & { url: string }
let anonymous: Caller
const fieldKey = randomBytes(32).toString('base64')

beforeAll(async () => {
  deps = await createTestDeps()
  anonymous = await callerFor(deps, null)
})

/** `npm run admin:create -- <args>` on this file's database. */
const adminCreate = (...args: string[]) =>
  runAdminCreate(args, { ...process.env, DATABASE_URL: deps.url, FIELD_ENCRYPTION_KEY: fieldKey })

const everything = async () => ({
  users: await deps.prisma.user.findMany({ orderBy: { id: 'asc' } }),
  orgs: await deps.prisma.org.findMany({ orderBy: { id: 'asc' } }),
  memberships: await deps.prisma.membership.count(),
  audit: await deps.prisma.auditLog.count(),
})

/** Refused on one line, in Chinese and English, with no stack trace, and nothing written. */
const expectRefused = async (args: string[], line: RegExp) => {
  const before = await everything()
  const run = await adminCreate(...args)
  expect(run.code).toBe(1)
  expect(run.stdout).toBe('')
  const output = run.stderr.trim()
  expect(output.split('\n')).toHaveLength(1)
  expect(output).toMatch(line)
  expect(output).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z-]/)
  expect(output).not.toMatch(/\n\s+at |Error:/)
  expect(await everything()).toEqual(before)
}

/** Each run starts a Node process that compiles the script: seconds each on a busy machine. */
const SLOW = 180_000

describe('on an empty database', () => {
  it(
    'refuses without --org, a bad name or phone, and unknown arguments',
    async () => {
      await expectRefused(['--name', '刘书记', '--phone', '13911112222'], /--org/)
      await expectRefused(['--name', '刘', '--phone', '13911112222', '--org', '中共某县委员会'], /姓名/)
      await expectRefused(['--name', '刘书记', '--phone', '1391111', '--org', '中共某县委员会'], /手机号/)
      await expectRefused(['--name', '刘书记', '--phone', '13911112222', '--role', 'ADMIN'], /Usage/)
    },
    SLOW,
  )

  it(
    'creates the top-level org and its administrator, with a one-time password printed once',
    async () => {
      const run = await adminCreate('--name', '刘书记', '--phone', '13911112222', '--org', '中共某县委员会')
      expect(run.code).toBe(0)
      const password = oneTimePasswordOf(run)
      expect(password).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{10}$/)
      expect(run.stdout.split(password)).toHaveLength(2)
      expect(run.stdout).toContain('中共某县委员会')

      const [org] = await deps.prisma.org.findMany()
      expect(org).toMatchObject({ name: '中共某县委员会', kind: 'PARTY_COMMITTEE', parentId: null })
      const admin = await deps.prisma.user.findUniqueOrThrow({
        where: { phone: '13911112222' },
        include: { memberships: true },
      })
      expect(admin).toMatchObject({ displayName: '刘书记', mustChangePassword: true, isActive: true })
      expect(admin.passwordHash).toMatch(/^\$argon2id\$/)
      expect(admin.memberships).toMatchObject([{ orgId: org?.id, role: 'ADMIN', title: '系统管理员', endedOn: null }])
      // Audited as done from the command line; the password is nowhere but in what was printed.
      const audit = await deps.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([
        ['org.create', null],
        ['user.create', null],
      ])
      expect(JSON.stringify(audit.map((a) => a.after))).not.toMatch(new RegExp(`${password}|13911112222|刘书记`))

      // The first sign-in: nothing but changing the password, then the whole tree.
      const { user } = await anonymous.auth.loginWithPassword({ phone: '13911112222', password })
      expect(user).toMatchObject({ roles: ['ADMIN'], mustChangePassword: true })
      const signedIn = await callerFor(deps, admin.id)
      expect((await failureOf(signedIn.org.tree({}))).appCode).toBe('PASSWORD_CHANGE_REQUIRED')
      await signedIn.auth.changePassword({ currentPassword: password, newPassword: 'Admin-Passw0rd' })
      const afterChange = await callerFor(deps, admin.id)
      expect((await afterChange.org.tree({})).items.map((o) => o.name)).toEqual(['中共某县委员会'])
    },
    SLOW,
  )
})

describe('once there is an administrator', () => {
  it(
    'refuses another without --another, and a phone already used',
    async () => {
      await expectRefused(['--name', '王副书记', '--phone', '13933334444'], /--another/)
      await expectRefused(['--name', '王副书记', '--phone', '13911112222', '--another'], /手机号/)
      await expectRefused(
        ['--name', '王副书记', '--phone', '13933334444', '--another', '--org', '不存在的党委'],
        /不存在的党委/,
      )
    },
    SLOW,
  )

  it(
    'with --another, adds one in the only top-level org',
    async () => {
      const run = await adminCreate('--name', '王副书记', '--phone', '13933334444', '--another')
      expect(run.code).toBe(0)
      const org = await deps.prisma.org.findFirstOrThrow()
      const second = await deps.prisma.user.findUniqueOrThrow({
        where: { phone: '13933334444' },
        include: { memberships: true },
      })
      expect(second.memberships).toMatchObject([{ orgId: org.id, role: 'ADMIN' }])
      expect(await deps.prisma.org.count()).toBe(1)
      expect(
        (await anonymous.auth.loginWithPassword({ phone: '13933334444', password: oneTimePasswordOf(run) })).user.id,
      ).toBe(second.id)
    },
    SLOW,
  )
})

describe('on a new installation with the embedded database', () => {
  it(
    'makes the database under a DATA_DIR that does not exist yet, migrated, with the administrator and no demo story',
    async () => {
      const dataDir = path.join(tmpdir(), `pdrl-admin-create-${randomBytes(4).toString('hex')}`)
      try {
        const run = await runAdminCreate(
          ['--name', '赵部长', '--phone', '13955556666', '--org', '中共大通县委组织部'],
          newInstallationEnv(dataDir),
        )
        expect(run.stdout).toContain('One-time password')
        const database = await openDatabase({ DATABASE_URL: undefined, dataDir }, () => {})
        const prisma = createPrismaClient({ url: database.url, poolSize: 1 })
        try {
          const users = await prisma.user.findMany({ select: { phone: true, memberships: { select: { role: true } } } })
          expect(users).toEqual([{ phone: '13955556666', memberships: [{ role: 'ADMIN' }] }])
          expect(await prisma.household.count()).toBe(0)
        } finally {
          await prisma.$disconnect()
          await database.stop()
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true })
      }
    },
    SLOW,
  )
})
