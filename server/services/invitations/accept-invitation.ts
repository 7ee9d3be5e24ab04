// 使用邀请码: a person who signed in to the mini-program with WeChat (which made them an account of
// their own, with no roles) binds that WeChat to the staff account they were invited to. In one
// transaction the WeChat identity moves to the staff account, the WeChat-made account is
// deactivated and its sessions end, the invitation is used up, and a session of the staff account
// is answered, as a login answers: the app carries on signed in with the staff roles, and later
// WeChat logins find the staff account by its openid.
//
// A one-time password nobody has changed yet is dropped: the person signs in with WeChat, and the
// password the administrator saw no longer opens the account (a reset gives a new one for H5).
//
// Guessing codes is counted by the lockout per account and per address (meta `proof`); only an
// unknown code counts: finding a spent one (used, expired, revoked) gains a guesser nothing.

import type { TAcceptInvitationRequest } from '../../../common/contracts/invitation/accept-invitation'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { loadActor } from '../auth/actor'
import type { ProofSpec } from '../auth/auth-attempts'
import { describeUser } from '../auth/describe-user'
import { createSession, type SessionMethod } from '../auth/sessions'
import type { ServiceContext } from '../service-context'
import { endSessions } from '../users/end-sessions'
import { hashInvitationCode } from './invitation-codes'
import { invitationStateOf } from './invitation-state'

export const invitationProof = {
  kind: 'INVITATION_ACCEPT',
  failure: 'INVITATION_INVALID',
  subject: async ({ actor }) => actor?.userId ?? null,
} as const satisfies ProofSpec

type AcceptContext = ServiceContext & Pick<Context, 'sessionTtlMs' | 'userAgent'>

type LockedUser = {
  id: string
  isActive: boolean
  openid: string | null
  unionid: string | null
  phone: string | null
  passwordHash: string | null
  householdId: string | null
  mustChangePassword: boolean
}

const lockUser = async (ctx: AcceptContext, id: string): Promise<LockedUser | undefined> => {
  const [row] = await ctx.db.$queryRaw<LockedUser[]>`
    SELECT "id", "isActive", "openid", "unionid", "phone", "passwordHash", "householdId", "mustChangePassword"
      FROM "User" WHERE "id" = ${id}::uuid FOR UPDATE`
  return row
}

/** An account that is someone's already: a household, a role or post now or before, or a password. */
const isInUse = async (ctx: AcceptContext, user: LockedUser) => {
  if (user.householdId || user.phone || user.passwordHash) return true
  const roles = await ctx.db.membership.count({ where: { userId: user.id } })
  const posts = await ctx.db.cadreVillage.count({ where: { userId: user.id } })
  return roles + posts > 0
}

export const acceptInvitation = async ({ ctx, input }: { ctx: AcceptContext; input: TAcceptInvitationRequest }) => {
  // Locks in the order every account change takes them: accounts, then invitations.
  const caller = await lockUser(ctx, ctx.actor.userId)
  if (!caller?.openid) throw new AppError('INVITATION_NEEDS_WECHAT')
  const found = await ctx.db.invitation.findUnique({
    where: { codeHash: hashInvitationCode(input.code) },
    select: { id: true, userId: true },
  })
  if (!found) throw new AppError('INVITATION_INVALID')
  const staff = found.userId === caller.id ? caller : await lockUser(ctx, found.userId)
  const [invitation] = await ctx.db.$queryRaw<
    { id: string; createdAt: Date; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }[]
  >`SELECT "id", "createdAt", "expiresAt", "acceptedAt", "revokedAt" FROM "Invitation" WHERE "id" = ${found.id}::uuid FOR UPDATE`
  if (!invitation || !staff) throw new AppError('INVITATION_INVALID')
  const state = invitationStateOf(invitation)
  if (state === 'ACCEPTED') throw new AppError('INVITATION_USED')
  if (state === 'REVOKED') throw new AppError('INVITATION_REVOKED')
  if (state === 'EXPIRED') throw new AppError('INVITATION_EXPIRED')
  if (!staff.isActive) throw new AppError('ACCOUNT_INACTIVE', { message: '被邀请的账号已停用，请联系管理员' })
  if (staff.openid) throw new AppError('ACCOUNT_HAS_WECHAT')
  if (await isInUse(ctx, caller)) throw new AppError('WECHAT_ALREADY_BOUND')

  const now = new Date()
  // The caller's account first lets go of the openid, which is unique.
  await ctx.db.user.update({
    where: { id: caller.id },
    data: { openid: null, unionid: null, isActive: false, deactivatedAt: now, version: { increment: 1 } },
  })
  await endSessions(ctx.db, caller.id)
  await ctx.db.user.update({
    where: { id: staff.id },
    data: {
      openid: caller.openid,
      unionid: caller.unionid,
      lastLoginAt: now,
      ...(staff.mustChangePassword ? { passwordHash: null, mustChangePassword: false } : {}),
      version: { increment: 1 },
    },
  })
  await ctx.db.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } })
  await writeAudit(ctx, {
    action: 'invitation.accept',
    entityType: 'Invitation',
    entityId: invitation.id,
    after: {
      userId: staff.id,
      fromUserId: caller.id,
      acceptedAt: now,
      oneTimePasswordDropped: staff.mustChangePassword,
    },
  })
  return openSession(ctx, staff.id, 'WECHAT')
}

/** The invited account's new session, answered as a login answers. */
export const openSession = async (
  ctx: Pick<Context, 'db' | 'sessionTtlMs' | 'userAgent'>,
  userId: string,
  method: SessionMethod,
) => {
  const session = await createSession(ctx.db, { userId, method, ttlMs: ctx.sessionTtlMs, userAgent: ctx.userAgent })
  return { ...session, user: await describeUser(ctx.db, await loadActor(ctx.db, userId)) }
}
