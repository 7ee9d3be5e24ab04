// A resident's own needs: submit one for their household, follow its status and timeline.

import type { TSubmitNeedRequest } from '../../../common/contracts/resident/submit-need'
import { toPage } from '../../../common/pagination'
import { PAGE_RELATIONS } from '../../db/client'
import { AppError } from '../../errors'
import { insertNeed } from '../needs/create-need'
import { needDetailSelect, needListSelect, toNeedDetail, toNeedListItem } from '../needs/need-views'
import type { ServiceContext } from '../service-context'

type ResidentContext = ServiceContext & { householdId: string }

export const getMyNeed = async ({ ctx, id }: { ctx: ResidentContext; id: string }) => {
  const need = await ctx.db.need.findFirst({ where: { id, householdId: ctx.householdId }, select: needDetailSelect })
  if (!need) throw new AppError('NOT_FOUND')
  return toNeedDetail(need, { canTransition: false })
}

export const submitNeed = async ({ ctx, input }: { ctx: ResidentContext; input: TSubmitNeedRequest }) => {
  const household = await ctx.db.household.findUniqueOrThrow({
    where: { id: ctx.householdId },
    select: { villageId: true },
  })
  const need = await insertNeed(ctx, {
    id: input.id,
    householdId: ctx.householdId,
    villageId: household.villageId,
    fields: { category: input.category, description: input.description, urgency: 'NORMAL' },
    source: 'RESIDENT',
  })
  return getMyNeed({ ctx, id: need.id })
}

export const listMyNeeds = async ({
  ctx,
  input,
}: {
  ctx: ResidentContext
  input: { cursor?: string | null | undefined; limit: number }
}) => {
  const rows = await ctx.db.need.findMany({
    where: { householdId: ctx.householdId },
    select: needListSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...PAGE_RELATIONS,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  return toPage(rows.map(toNeedListItem), input.limit)
}
