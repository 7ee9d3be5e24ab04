// One donation's recipients for 对账: its live handovers, oldest first, a page at a time, each with
// what it drew from this donation (in fen and per goods item). A household the reader may not see
// still counts, unnamed.

import type { TReconciliationRecipient } from '../../../common/contracts/donation/donation-reconciliation'
import { dateToDateOnly } from '../../../common/dates'
import { type Page, toPage } from '../../../common/pagination'
import { toFen } from '../../lib/fen'
import { visibleHouseholdIds } from '../households/visible-households'
import { householdRefSelect, userRefSelect } from '../record-selects'
import type { ServiceContext } from '../service-context'
import { addFigures, cashFigures, type Figures, goodsFigures, NO_FIGURES } from './reconciliation-figures'

type GoodsLine = { id: string; item: string; unit: string }

export const donationRecipients = async (
  ctx: ServiceContext,
  donation: { id: string; goods: GoodsLine[] },
  page: { cursor?: string | null; limit: number },
): Promise<Page<TReconciliationRecipient>> => {
  const rows = await ctx.db.handover.findMany({
    where: { voidedAt: null, draws: { some: { donationId: donation.id } } },
    select: {
      id: true,
      recipientKind: true,
      handedOverOn: true,
      state: true,
      household: { select: householdRefSelect },
      cadre: { select: userRefSelect },
      draws: {
        where: { donationId: donation.id },
        select: { donationGoodsId: true, quantity: true, amountFen: true },
        orderBy: { id: 'asc' },
      },
    },
    orderBy: [{ handedOverOn: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  })
  const visible = await visibleHouseholdIds(
    ctx,
    rows.map((h) => h.household?.id),
  )
  const lines = new Map(donation.goods.map((g) => [g.id, g]))
  const recipients = rows.map((h) => {
    let handedOver: Figures = NO_FIGURES
    for (const draw of h.draws) {
      const line = draw.donationGoodsId ? lines.get(draw.donationGoodsId) : undefined
      handedOver = addFigures(
        handedOver,
        line
          ? goodsFigures([
              { item: line.item, unit: line.unit, quantity: draw.quantity ?? 0, valueFen: toFen(draw.amountFen) },
            ])
          : cashFigures(toFen(draw.amountFen)),
      )
    }
    return {
      id: h.id,
      handoverId: h.id,
      recipientKind: h.recipientKind,
      household: h.household && visible.has(h.household.id) ? h.household : null,
      cadre: h.cadre,
      handedOverOn: dateToDateOnly(h.handedOverOn),
      state: h.state,
      handedOver,
    }
  })
  const { items, nextCursor } = toPage(recipients, page.limit)
  return { items: items.map(({ id: _id, ...recipient }) => recipient), nextCursor }
}
