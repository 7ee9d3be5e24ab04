// The first administrator of a new installation, made from the command line (npm run
// admin:create), or another one. The ADMIN role is held in an org: on an empty tree the command
// names the top-level org it creates (a 党委); otherwise the administrator joins the org named, or
// the only top-level one. There is one active administrator unless another is asked for. The
// account signs in with a one-time password, returned to be printed once and stored only hashed.
import type { Db } from '../../db/client'
import { AppError } from '../../errors'
import type { FieldCrypto } from '../../lib/field-crypto'
import { auditSnapshot } from '../audit/write-audit'
import { hashPassword } from '../auth/passwords'
import { liveOn, today } from '../auth/periods'
import { insertOrg } from '../orgs/org-path'
import { lockTreeForAdd } from '../orgs/org-tree-lock'
import { insertAccount } from './insert-account'
import { oneTimePassword } from './one-time-password'
import { assertPhoneFree } from './phone-free'

/** A refusal, in the operator's two languages, on one line each. */
export class AdministratorRefused extends Error {
  constructor(
    readonly chinese: string,
    readonly english: string,
  ) {
    super(english)
  }
}

export type NewAdministrator = {
  displayName: string
  phone: string
  /** 最上级党组织: created on an empty tree; otherwise the org joined, by exact name. */
  orgName?: string | undefined
  /** Another administrator beside an active one. */
  isAnother: boolean
}

export const createAdministrator = (db: Db, crypto: FieldCrypto, admin: NewAdministrator) =>
  db.$transaction(
    async (tx) => {
      // Two runs at once would each see no administrator, and no org.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('administrators', 0))`
      await lockTreeForAdd(tx)
      const audit = (action: string, entityType: string, entityId: string, after: object) =>
        tx.auditLog.create({
          data: {
            actorId: null,
            action,
            entityType,
            entityId,
            after: auditSnapshot(crypto, { ...after, via: 'npm run admin:create' }) ?? {},
          },
        })

      const activeAdmins = await tx.membership.count({
        where: { role: 'ADMIN', ...liveOn(), user: { isActive: true } },
      })
      if (activeAdmins && !admin.isAnother)
        throw new AdministratorRefused(
          '已有在用的管理员账号；如确需再建一个，请加上 --another',
          'an active administrator exists already; add --another to create one more',
        )
      // Under the phone's own lock, as user.create takes it.
      await assertPhoneFree(tx, admin.phone).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error
        throw new AdministratorRefused(
          '这个手机号已被其他账号使用',
          'the phone number is used by another account already',
        )
      })

      let org: { id: string; name: string }
      let isOrgCreated = false
      if ((await tx.org.count()) === 0) {
        if (!admin.orgName)
          throw new AdministratorRefused(
            '还没有任何党组织：请用 --org 给出要创建的最上级党组织名称',
            'there are no orgs yet: name the top-level org to create with --org',
          )
        org = await insertOrg(tx, { name: admin.orgName, kind: 'PARTY_COMMITTEE' })
        isOrgCreated = true
        await audit('org.create', 'Org', org.id, { name: org.name, kind: 'PARTY_COMMITTEE', parentId: null })
      } else if (admin.orgName) {
        const named = await tx.org.findMany({
          where: { name: admin.orgName, closedAt: null },
          select: { id: true, name: true },
        })
        const [only] = named
        if (!only || named.length > 1)
          throw new AdministratorRefused(
            named.length
              ? `有多个名为「${admin.orgName}」的党组织，无法确定`
              : `没有名为「${admin.orgName}」的在用党组织`,
            named.length ? `several open orgs are named ${admin.orgName}` : `no open org is named ${admin.orgName}`,
          )
        org = only
      } else {
        const tops = await tx.org.findMany({
          where: { parentId: null, closedAt: null },
          select: { id: true, name: true },
        })
        const [top] = tops
        if (!top || tops.length > 1)
          throw new AdministratorRefused(
            `${top ? '有多个' : '没有在用的'}最上级党组织：请用 --org 指定管理员所在的党组织`,
            `there is ${top ? 'more than one' : 'no open'} top-level org: name the administrator’s with --org`,
          )
        org = top
      }

      const password = oneTimePassword()
      const { id, audited } = await insertAccount(tx, {
        displayName: admin.displayName,
        phone: admin.phone,
        passwordHash: await hashPassword(password),
        roles: [{ orgId: org.id, role: 'ADMIN', title: '系统管理员', startedOn: today() }],
        posts: [],
      })
      await audit('user.create', 'User', id, audited)
      return { userId: id, oneTimePassword: password, org, isOrgCreated }
    },
    { timeout: 30_000 },
  )
