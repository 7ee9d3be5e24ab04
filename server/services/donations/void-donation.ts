// Donations are never deleted: a mistaken one is voided, with a reason, and drops out of every
// total while staying in the ledger and the audit trail.

import type { TVoidDonationRequest } from '../../../common/contracts/donation/void-donation'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { lockDonations } from '../handovers/check-draws'
import { donationWriteScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { getDonation } from './get-donation'

export const voidDonation = async ({ ctx, input }: { ctx: ServiceContext; input: TVoidDonationRequest }) => {
  const before = await ctx.db.donation.findFirst({ where: { id: input.id, ...donationWriteScope(ctx.actor) } })
  if (!before) throw new AppError('NOT_FOUND')
  if (before.voidedAt) throw new AppError('DONATION_ALREADY_VOIDED')
  if (before.version !== input.version) throw versionConflict(before.version)
  // Locked first, so that no handover draws on it between the check and the void.
  await lockDonations(ctx.db, [before.id])
  const liveDraws = await ctx.db.handoverDraw.count({ where: { donationId: before.id, handover: { voidedAt: null } } })
  if (liveDraws > 0) throw new AppError('DONATION_HAS_HANDOVERS')
  const { count } = await ctx.db.donation.updateMany({
    where: { id: before.id, version: input.version, voidedAt: null },
    data: { voidedAt: new Date(), voidReason: input.reason, voidedById: ctx.actor.userId, version: { increment: 1 } },
  })
  if (count === 0) {
    const current = await ctx.db.donation.findUniqueOrThrow({
      where: { id: before.id },
      select: { version: true, voidedAt: true },
    })
    if (current.voidedAt) throw new AppError('DONATION_ALREADY_VOIDED')
    throw versionConflict(current.version)
  }
  const after = await ctx.db.donation.findUniqueOrThrow({ where: { id: before.id } })
  await writeAudit(ctx, { action: 'donation.void', entityType: 'Donation', entityId: before.id, before, after })
  return getDonation({ ctx, id: before.id })
}
