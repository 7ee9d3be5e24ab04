import { AppError } from '../../errors'
import { withoutHiddenHouseholds } from '../households/visible-households'
import { donationScope, donationWriteScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { donationSelect, toDonationView } from './donation-views'

export const getDonation = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const row = await ctx.db.donation.findFirst({ where: { id, ...donationScope(ctx.actor) }, select: donationSelect })
  if (!row) throw new AppError('NOT_FOUND')
  const canEdit = (await ctx.db.donation.count({ where: { id, ...donationWriteScope(ctx.actor) } })) > 0
  const [shown = row] = await withoutHiddenHouseholds(ctx, [row])
  return { ...toDonationView(shown), canEdit: canEdit && row.voidedAt === null }
}
