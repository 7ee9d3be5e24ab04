// Writes a new staff account with its roles and 驻村 posts, signing in with a one-time password that
// must be changed first (user.create, the 党员花名册 import, npm run admin:create). The checks are
// the callers'; this returns what the audit entry records: no password, the name and phone
// digested by write-audit.ts.
import { randomUUID } from 'node:crypto'
import type { OrgRole } from '../../../common/contracts/user/user-fields'
import { dateToDateOnly } from '../../../common/dates'
import type { Tx } from '../../db/client'

export type NewAccount = {
  id?: string | undefined
  displayName: string
  phone: string
  passwordHash: string
  roles: readonly { orgId: string; role: OrgRole; title: string | null; startedOn: Date }[]
  posts: readonly { villageId: string; post: string; startedOn: Date; endedOn: Date | null }[]
}

export const insertAccount = async (db: Tx, account: NewAccount) => {
  const id = account.id ?? randomUUID()
  await db.user.create({
    data: {
      id,
      displayName: account.displayName,
      phone: account.phone,
      passwordHash: account.passwordHash,
      mustChangePassword: true,
      memberships: { create: account.roles.map((r) => ({ ...r })) },
      cadreVillages: { create: account.posts.map((p) => ({ ...p })) },
    },
  })
  const audited = {
    displayName: account.displayName,
    phone: account.phone,
    mustChangePassword: true,
    roles: account.roles.map((r) => ({ ...r, startedOn: dateToDateOnly(r.startedOn) })),
    posts: account.posts.map((p) => ({
      ...p,
      startedOn: dateToDateOnly(p.startedOn),
      endedOn: p.endedOn ? dateToDateOnly(p.endedOn) : null,
    })),
  }
  return { id, audited }
}
