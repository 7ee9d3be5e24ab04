// The handovers in scope, newest first, with their 签收 states.

import type { TListHandoversRequest } from '../../../common/contracts/handover/list-handovers'
import { toPage } from '../../../common/pagination'
import { PAGE_RELATIONS } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { withoutHiddenHouseholds } from '../households/visible-households'
import { handoverScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { handoverSelect, toHandoverView } from './handover-views'

export const listHandovers = async ({ ctx, input }: { ctx: ServiceContext; input: TListHandoversRequest }) => {
  const where: Prisma.HandoverWhereInput = {
    AND: [
      handoverScope(ctx.actor),
      input.activityId ? { activityId: input.activityId } : {},
      input.villageId ? { villageId: input.villageId } : {},
      input.householdId ? { householdId: input.householdId } : {},
      input.state ? { state: input.state } : {},
      input.includeVoided ? {} : { voidedAt: null },
    ],
  }
  const rows = await ctx.db.handover.findMany({
    where,
    select: handoverSelect,
    orderBy: [{ handedOverOn: 'desc' }, { id: 'desc' }],
    ...PAGE_RELATIONS,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  const shown = await withoutHiddenHouseholds(ctx, rows)
  return toPage(shown.map(toHandoverView), input.limit)
}

/** A resident's own household's handovers, to confirm: live ones, newest first. */
export const listMyHandovers = async ({ ctx, householdId }: { ctx: ServiceContext; householdId: string }) => {
  const rows = await ctx.db.handover.findMany({
    where: { householdId, voidedAt: null },
    select: handoverSelect,
    orderBy: [{ handedOverOn: 'desc' }, { id: 'desc' }],
    take: 100,
  })
  return rows.map((row) => toHandoverView(row))
}
