import { dateToDateOnly } from '../../../common/dates'
import type { Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { goodsLineSelect, householdRefSelect, toGoodsLine, userRefSelect } from '../record-selects'

export const visitListSelect = {
  id: true,
  version: true,
  target: true,
  visitedOn: true,
  cashFen: true,
  goodsValueFen: true,
  createdById: true,
  village: { select: { id: true, name: true } },
  household: { select: householdRefSelect },
  cadre: { select: userRefSelect },
  activity: { select: { id: true, theme: true } },
  visitors: { select: { user: { select: userRefSelect } } },
  goods: { select: { id: true, ...goodsLineSelect } },
} satisfies Prisma.VisitSelect

/** Needs raised on each of these visits, counted for these ids only (see activity-views.ts). */
export const needCountsOf = async (db: Tx, visitIds: string[]): Promise<Map<string, number>> => {
  const groups = await db.need.groupBy({
    by: ['visitId'],
    where: { visitId: { in: visitIds } },
    _count: { _all: true },
  })
  return new Map(groups.flatMap((g) => (g.visitId ? [[g.visitId, g._count._all] as const] : [])))
}

export const toVisitListItem = <T extends Prisma.VisitGetPayload<{ select: typeof visitListSelect }>>(
  { visitedOn, visitors, cashFen, goodsValueFen, goods, ...visit }: T,
  needCount: number,
) => ({
  ...visit,
  visitedOn: dateToDateOnly(visitedOn),
  cashFen: toFen(cashFen),
  goodsValueFen: toFen(goodsValueFen),
  goods: goods.map(toGoodsLine),
  visitors: visitors.map((v) => v.user),
  needCount,
})
