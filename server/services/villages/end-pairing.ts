// Ends a pairing on a day (default today): from that day the org no longer reaches the village.
// Nothing else changes: the activities, visits and donations made during the pairing stay where
// they are, and the pairing stays as history on the village and the org.
import type { TEndPairingRequest } from '../../../common/contracts/village/end-pairing'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import { AppError, fieldError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { today } from '../auth/periods'
import type { ServiceContext } from '../service-context'
import { getVillage } from './get-village'

export const endPairing = async ({ ctx, input }: { ctx: ServiceContext; input: TEndPairingRequest }) => {
  const [locked] = await ctx.db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "OrgVillagePair" WHERE "id" = ${input.id}::uuid FOR UPDATE`
  if (!locked) throw new AppError('NOT_FOUND', { message: '没有找到这次结对' })
  const pairing = await ctx.db.orgVillagePair.findUniqueOrThrow({
    where: { id: locked.id },
    select: { id: true, orgId: true, villageId: true, startedOn: true, endedOn: true },
  })
  const day = today()
  // An end still ahead (the end of a planned term) may be moved; one already reached may not.
  if (pairing.endedOn && pairing.endedOn <= day)
    throw new AppError('PAIRING_ENDED', {
      message: `这次结对已于 ${dateToDateOnly(pairing.endedOn)} 结束，无需重复操作`,
    })
  const endedOn = input.endedOn ? dateOnlyToDate(input.endedOn) : day
  if (endedOn < pairing.startedOn)
    throw fieldError('endedOn', `结束日期不能早于结对开始的日期（${dateToDateOnly(pairing.startedOn)}）`)
  await ctx.db.orgVillagePair.update({ where: { id: pairing.id }, data: { endedOn } })
  await writeAudit(ctx, {
    action: 'village.endPairing',
    entityType: 'OrgVillagePair',
    entityId: pairing.id,
    before: {
      orgId: pairing.orgId,
      villageId: pairing.villageId,
      endedOn: pairing.endedOn && dateToDateOnly(pairing.endedOn),
    },
    after: { orgId: pairing.orgId, villageId: pairing.villageId, endedOn: dateToDateOnly(endedOn) },
  })
  return getVillage({ ctx, id: pairing.villageId })
}
