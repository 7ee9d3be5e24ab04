// 使用邀请码 in a browser: the invited person opens the QR code's link on H5, where there is no
// WeChat to bind, and sets the password they will sign in with instead of the one-time password
// the administrator was shown. The code alone is not enough: the account's sign-in phone must go
// with it, and a wrong pair answers exactly as an unknown code (counted by the lockout per phone
// and per address, meta `proof`). An account whose holder chose a password already is refused:
// the code does not reset passwords (an administrator's 重置密码 does), and it stays open for the
// mini-program. In one transaction the password is set, the invitation is used up, and a session
// of the staff account is answered, as a login answers.
import { ZMobilePhone } from '../../../common/contracts/fields'
import type { TAcceptInvitationWithPasswordRequest } from '../../../common/contracts/invitation/accept-invitation-with-password'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { loadActor } from '../auth/actor'
import type { ProofSpec } from '../auth/auth-attempts'
import { hashPassword } from '../auth/passwords'
import { openSession } from './accept-invitation'
import { hashInvitationCode } from './invitation-codes'
import { invitationStateOf } from './invitation-state'

export const invitationPasswordProof = {
  kind: 'INVITATION_ACCEPT',
  failure: 'INVITATION_INVALID',
  subject: async (_ctx, rawInput) => {
    const parsed = ZMobilePhone.safeParse((rawInput as Record<string, unknown> | null)?.phone)
    return parsed.success ? parsed.data : null
  },
} as const satisfies ProofSpec

type AcceptWithPasswordContext = Pick<Context, 'db' | 'crypto' | 'requestId' | 'sessionTtlMs' | 'userAgent'>

const invalid = () => new AppError('INVITATION_INVALID', { message: '邀请码或手机号不正确，请核对后重新输入' })

export const acceptInvitationWithPassword = async ({
  ctx,
  input,
}: {
  ctx: AcceptWithPasswordContext
  input: TAcceptInvitationWithPasswordRequest
}) => {
  const found = await ctx.db.invitation.findUnique({
    where: { codeHash: hashInvitationCode(input.code) },
    select: { id: true, userId: true },
  })
  if (!found) throw invalid()
  // Locks in the order every account change takes them: accounts, then invitations.
  const [staff] = await ctx.db.$queryRaw<
    {
      id: string
      isActive: boolean
      phone: string | null
      openid: string | null
      passwordHash: string | null
      mustChangePassword: boolean
    }[]
  >`SELECT "id", "isActive", "phone", "openid", "passwordHash", "mustChangePassword"
      FROM "User" WHERE "id" = ${found.userId}::uuid FOR UPDATE`
  // Nothing about the invitation is told to someone who does not know the account's phone.
  if (!staff || staff.phone !== input.phone) throw invalid()
  const [invitation] = await ctx.db.$queryRaw<
    { id: string; createdAt: Date; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }[]
  >`SELECT "id", "createdAt", "expiresAt", "acceptedAt", "revokedAt" FROM "Invitation" WHERE "id" = ${found.id}::uuid FOR UPDATE`
  if (!invitation) throw invalid()
  const state = invitationStateOf(invitation)
  if (state === 'ACCEPTED') throw new AppError('INVITATION_USED')
  if (state === 'REVOKED') throw new AppError('INVITATION_REVOKED')
  if (state === 'EXPIRED') throw new AppError('INVITATION_EXPIRED')
  if (!staff.isActive) throw new AppError('ACCOUNT_INACTIVE', { message: '被邀请的账号已停用，请联系管理员' })
  if (staff.passwordHash && !staff.mustChangePassword) throw new AppError('PASSWORD_ALREADY_SET')

  const now = new Date()
  await ctx.db.user.update({
    where: { id: staff.id },
    data: {
      passwordHash: await hashPassword(input.newPassword),
      passwordChangedAt: now,
      mustChangePassword: false,
      lastLoginAt: now,
      version: { increment: 1 },
    },
  })
  // A session made with the one-time password before (on another device) ends with it.
  await ctx.db.session.updateMany({ where: { userId: staff.id, revokedAt: null }, data: { revokedAt: now } })
  await ctx.db.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } })
  // The person who accepted is the one acting.
  const actor = await loadActor(ctx.db, staff.id)
  await writeAudit(
    { ...ctx, actor },
    {
      action: 'invitation.acceptWithPassword',
      entityType: 'Invitation',
      entityId: invitation.id,
      after: {
        userId: staff.id,
        acceptedAt: now,
        passwordChangedAt: now,
        oneTimePasswordReplaced: staff.mustChangePassword,
      },
    },
  )
  return openSession(ctx, staff.id, 'PASSWORD')
}
