// 生成邀请码: for an account the caller manages that has no WeChat yet. The code is answered once
// (as text, formatted, as a link and as that link's QR code) and only its hash is kept; an account
// has one open invitation at a time, so a new one revokes the one before.

import {
  INVITATION_VALID_DAYS,
  type TCreateInvitationRequest,
} from '../../../common/contracts/invitation/create-invitation'
import { formatInvitationCode } from '../../../common/contracts/invitation/invitation-code'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { assertActive, lockManagedAccount } from '../users/user-access'
import type { UserServiceContext } from '../users/user-context'
import { hashInvitationCode, newInvitationCode } from './invitation-codes'
import { invitationLink, qrCodeDataUrlOf } from './invitation-link'

export type InvitationContext = UserServiceContext & Pick<Context, 'publicBaseUrl'>

export const createInvitation = async ({ ctx, input }: { ctx: InvitationContext; input: TCreateInvitationRequest }) => {
  const account = await lockManagedAccount(ctx, input.userId)
  assertActive(account)
  if (account.openid) throw new AppError('ACCOUNT_HAS_WECHAT')
  const now = new Date()
  const { count: previousRevoked } = await ctx.db.invitation.updateMany({
    where: { userId: account.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  })
  const code = newInvitationCode()
  const invitation = await ctx.db.invitation.create({
    data: {
      userId: account.id,
      codeHash: hashInvitationCode(code),
      createdById: ctx.actor.userId,
      expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000),
    },
    select: { id: true, createdAt: true, expiresAt: true },
  })
  await writeAudit(ctx, {
    action: 'invitation.create',
    entityType: 'Invitation',
    entityId: invitation.id,
    after: { userId: account.id, expiresAt: invitation.expiresAt, previousRevoked },
  })
  const link = invitationLink(ctx.publicBaseUrl, code)
  return {
    id: invitation.id,
    userId: account.id,
    code,
    formattedCode: formatInvitationCode(code),
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    link,
    qrCodeDataUrl: await qrCodeDataUrlOf(link),
  }
}
