// Who may see and manage which account (docs/domain.md, "Who sets things up, and how people join").
//   - Administrators: every account.
//   - A 支部书记 sees the accounts holding a live role in an org of his subtree, and manages those
//     whose every live role is 党员 (MEMBER) in his subtree and who hold no live 驻村 post: his
//     branches' own members. Secretaries, cadres, administrators and 驻村 posts are the
//     administrators' to manage, since they carry reach over villages and other people.
// An account out of sight answers as one that does not exist.
import type { Role } from '../../../common/enums'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { type Actor, hasRole } from '../auth/actor'
import { liveOn, today } from '../auth/periods'
import { isInSubtree } from '../orgs/org-access'
import type { ServiceContext } from '../service-context'

/** What decides who sees and manages an account: its live roles (with their orgs' paths) and posts. */
export type AccountStanding = {
  roles: readonly { role: Role; orgPath: string }[]
  livePostCount: number
}

export const isAdmin = (actor: Actor): boolean => hasRole(actor, 'ADMIN')

export const seesAccount = (actor: Actor, account: AccountStanding): boolean =>
  isAdmin(actor) || account.roles.some((r) => isInSubtree(actor, r.orgPath))

export const managesAccount = (actor: Actor, account: AccountStanding): boolean =>
  isAdmin(actor) ||
  (account.roles.length > 0 &&
    account.livePostCount === 0 &&
    account.roles.every((r) => r.role === 'MEMBER' && isInSubtree(actor, r.orgPath)))

export const accountNotFound = () => new AppError('NOT_FOUND', { message: '没有找到这个账号' })

export const standingOf = async (db: Tx, userId: string, day: Date = today()): Promise<AccountStanding> => {
  const memberships = await db.membership.findMany({
    where: { userId, ...liveOn(day) },
    select: { role: true, org: { select: { path: true } } },
  })
  const livePostCount = await db.cadreVillage.count({ where: { userId, ...liveOn(day) } })
  return { roles: memberships.map((m) => ({ role: m.role, orgPath: m.org.path })), livePostCount }
}

export type LockedAccount = AccountStanding & {
  id: string
  displayName: string
  phone: string | null
  openid: string | null
  isActive: boolean
  version: number
}

/** Refuses unless the actor manages the account; for reads, so nothing is locked. */
export const assertManages = async (ctx: ServiceContext, id: string): Promise<void> => {
  const exists = await ctx.db.user.findUnique({ where: { id }, select: { id: true } })
  if (!exists) throw accountNotFound()
  const standing = await standingOf(ctx.db, id)
  if (!seesAccount(ctx.actor, standing)) throw accountNotFound()
  if (!managesAccount(ctx.actor, standing)) throw new AppError('ACCOUNT_NOT_MANAGED')
}

/**
 * The account, locked for this transaction (every change to an account, its roles and posts takes
 * this lock first, so that who manages it cannot change under a check), if the actor manages it.
 */
export const lockManagedAccount = async (ctx: ServiceContext, id: string): Promise<LockedAccount> => {
  const [row] = await ctx.db.$queryRaw<Omit<LockedAccount, keyof AccountStanding>[]>`
    SELECT "id", "displayName", "phone", "openid", "isActive", "version" FROM "User" WHERE "id" = ${id}::uuid FOR UPDATE`
  if (!row) throw accountNotFound()
  const standing = await standingOf(ctx.db, id)
  if (!seesAccount(ctx.actor, standing)) throw accountNotFound()
  if (!managesAccount(ctx.actor, standing)) throw new AppError('ACCOUNT_NOT_MANAGED')
  return { ...row, ...standing }
}

export const assertActive = (account: { isActive: boolean }) => {
  if (!account.isActive) throw new AppError('ACCOUNT_INACTIVE')
}
