import type { TUpdateDonationRequest } from '../../../common/contracts/donation/update-donation'
import { dateOnlyToDate } from '../../../common/dates'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { assertRecordsOpen } from '../households/household-open'
import { donationWriteScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { assertDonationActivity } from './assert-donation-activity'
import { getDonation } from './get-donation'

export const updateDonation = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateDonationRequest }) => {
  const before = await ctx.db.donation.findFirst({ where: { id: input.id, ...donationWriteScope(ctx.actor) } })
  if (!before) throw new AppError('NOT_FOUND')
  if (before.voidedAt) throw new AppError('DONATION_ALREADY_VOIDED', { message: '已作废的捐赠不能修改' })
  await assertRecordsOpen(ctx.db, before.householdId)
  if (before.version !== input.version) throw versionConflict(before.version)
  if (input.activityId) await assertDonationActivity(ctx, input.activityId, before.villageId)
  const { count } = await ctx.db.donation.updateMany({
    where: { id: before.id, version: input.version, voidedAt: null },
    data: {
      activityId: input.activityId ?? null,
      receivedOn: dateOnlyToDate(input.receivedOn),
      note: input.note ?? null,
      version: { increment: 1 },
    },
  })
  if (count === 0) {
    const current = await ctx.db.donation.findUniqueOrThrow({ where: { id: before.id }, select: { version: true } })
    throw versionConflict(current.version)
  }
  const after = await ctx.db.donation.findUniqueOrThrow({ where: { id: before.id } })
  await writeAudit(ctx, { action: 'donation.update', entityType: 'Donation', entityId: before.id, before, after })
  return getDonation({ ctx, id: before.id })
}
