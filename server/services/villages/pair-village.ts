// 结对帮扶: pairs an org with a village from a day (default today, in Beijing). From that day the
// org's secretaries and members reach the village's records (services/auth/reach.ts). An org holds
// one pairing with a village at a time: a new one may start only once the last one has ended.
import type { TPairVillageRequest } from '../../../common/contracts/village/pair-village'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { today } from '../auth/periods'
import { lockOrg } from '../orgs/org-access'
import type { ServiceContext } from '../service-context'
import { getVillage } from './get-village'

const pairingExists = (earlier: { startedOn: Date; endedOn: Date | null }) => {
  if (!earlier.endedOn)
    return new AppError('PAIRING_EXISTS', {
      message: `该组织已与这个村结对（自 ${dateToDateOnly(earlier.startedOn)} 起），无需重复结对`,
    })
  const message = `该组织与这个村的上一次结对到 ${dateToDateOnly(earlier.endedOn)} 才结束，新的结对请从这一天或之后开始`
  return new AppError('PAIRING_EXISTS', { message, fieldErrors: { startedOn: [message] } })
}

export const pairVillage = async ({ ctx, input }: { ctx: ServiceContext; input: TPairVillageRequest }) => {
  // The org's row lock orders two pairings of one org (and its closing, close-org.ts) one after
  // the other, so neither misses the other's pairing.
  const org = await lockOrg(ctx, input.orgId)
  if (org.closedAt) {
    const message = '该组织已撤销，不能再与村结对'
    throw new AppError('ORG_CLOSED', { message, fieldErrors: { orgId: [message] } })
  }
  const village = await ctx.db.village.findUnique({ where: { id: input.villageId }, select: { id: true } })
  if (!village) throw new AppError('NOT_FOUND', { message: '没有找到这个村' })
  const startedOn = input.startedOn ? dateOnlyToDate(input.startedOn) : today()
  // Any pairing of the two still holding on the new one's first day, or later.
  const overlapping = await ctx.db.orgVillagePair.findFirst({
    where: { orgId: org.id, villageId: village.id, OR: [{ endedOn: null }, { endedOn: { gt: startedOn } }] },
    select: { startedOn: true, endedOn: true },
    orderBy: { startedOn: 'desc' },
  })
  if (overlapping) throw pairingExists(overlapping)
  const pairing = await ctx.db.orgVillagePair.create({
    data: { orgId: org.id, villageId: village.id, startedOn },
  })
  await writeAudit(ctx, {
    action: 'village.pair',
    entityType: 'OrgVillagePair',
    entityId: pairing.id,
    after: { orgId: org.id, villageId: village.id, startedOn: dateToDateOnly(startedOn) },
  })
  return getVillage({ ctx, id: village.id })
}
