import { dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'

export const visitListSelect = {
  id: true,
  version: true,
  target: true,
  visitedOn: true,
  cashFen: true,
  goodsValueFen: true,
  createdById: true,
  village: { select: { id: true, name: true } },
  household: { select: { id: true, code: true, headName: true } },
  cadre: { select: { id: true, displayName: true } },
  activity: { select: { id: true, theme: true } },
  visitors: { select: { user: { select: { id: true, displayName: true } } } },
  goods: { select: { id: true, item: true, quantity: true, unit: true, unitValueFen: true, valueFen: true } },
  _count: { select: { needs: true } },
} satisfies Prisma.VisitSelect

export const toVisitListItem = <T extends Prisma.VisitGetPayload<{ select: typeof visitListSelect }>>({
  visitedOn,
  visitors,
  _count,
  cashFen,
  goodsValueFen,
  goods,
  ...visit
}: T) => ({
  ...visit,
  visitedOn: dateToDateOnly(visitedOn),
  cashFen: toFen(cashFen),
  goodsValueFen: toFen(goodsValueFen),
  goods: goods.map((g) => ({ ...g, unitValueFen: toFen(g.unitValueFen), valueFen: toFen(g.valueFen) })),
  visitors: visitors.map((v) => v.user),
  needCount: _count.needs,
})
