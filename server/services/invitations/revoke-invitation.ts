// 撤销邀请码: an invitation not yet used stops working at once (handed to the wrong person, lost).
import type { TRevokeInvitationRequest } from '../../../common/contracts/invitation/revoke-invitation'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { lockManagedAccount } from '../users/user-access'
import type { UserServiceContext } from '../users/user-context'
import { invitationSelect, invitationStateOf, toInvitationView } from './invitation-state'

const notFound = () => new AppError('NOT_FOUND', { message: '没有找到这个邀请码' })

export const revokeInvitation = async ({
  ctx,
  input,
}: {
  ctx: UserServiceContext
  input: TRevokeInvitationRequest
}) => {
  const owner = await ctx.db.invitation.findUnique({ where: { id: input.id }, select: { userId: true } })
  if (!owner) throw notFound()
  await lockManagedAccount(ctx, owner.userId)
  const [locked] = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Invitation" WHERE "id" = ${input.id}::uuid FOR UPDATE`
  if (!locked) throw notFound()
  const invitation = await ctx.db.invitation.findUniqueOrThrow({ where: { id: input.id }, select: invitationSelect })
  const state = invitationStateOf(invitation)
  if (state === 'ACCEPTED') throw new AppError('INVITATION_USED', { message: '邀请码已经使用，不能再撤销' })
  if (state === 'REVOKED') throw new AppError('INVITATION_REVOKED', { message: '邀请码已经撤销，无需重复操作' })
  if (state === 'EXPIRED') throw new AppError('INVITATION_EXPIRED', { message: '邀请码已经过期，无需撤销' })
  const revoked = await ctx.db.invitation.update({
    where: { id: invitation.id },
    data: { revokedAt: new Date() },
    select: invitationSelect,
  })
  await writeAudit(ctx, {
    action: 'invitation.revoke',
    entityType: 'Invitation',
    entityId: invitation.id,
    after: { userId: owner.userId, revokedAt: revoked.revokedAt },
  })
  return toInvitationView(revoked)
}
