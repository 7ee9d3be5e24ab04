// A 主题党日 with everything recorded for it: the orgs, attendance, visits, donations and totals.

import { dateToDateOnly } from '../../../common/dates'
import { runAll } from '../../db/client'
import { AppError } from '../../errors'
import { toFen } from '../../lib/fen'
import { withoutHiddenHouseholds } from '../households/visible-households'
import { householdRefSelect, userRefSelect } from '../record-selects'
import { activityScope, activityWriteScope, donationScope, visitScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { sumDonations, sumVisits } from '../stats/totals'
import { activityDetailSelect, toActivityListItem } from './activity-views'

const sumOf = (counts: Iterable<number>) => [...counts].reduce((sum, n) => sum + n, 0)

/**
 * The activity's figures are those of its donations and visits within the caller's scope, the
 * same rule as stats.summary, donation.list and the ledgers, so every screen shows one figure.
 */
export const getActivity = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const row = await ctx.db.activity.findFirst({
    where: { id, ...activityScope(ctx.actor) },
    select: activityDetailSelect,
  })
  if (!row) throw new AppError('NOT_FOUND')
  const itsDonations = { activityId: id, ...donationScope(ctx.actor) }
  const itsVisits = { activityId: id, ...visitScope(ctx.actor) }
  const [canEdit, donationTotals, visitTotals, visits, donations, needGroups] = await runAll(ctx.db, [
    () => ctx.db.activity.count({ where: { id, ...activityWriteScope(ctx.actor) } }).then((n) => n > 0),
    () => sumDonations(ctx.db, itsDonations),
    () => sumVisits(ctx.db, itsVisits),
    () =>
      ctx.db.visit.findMany({
        where: itsVisits,
        orderBy: [{ visitedOn: 'asc' }, { createdAt: 'asc' }],
        select: {
          id: true,
          target: true,
          visitedOn: true,
          cashFen: true,
          goodsValueFen: true,
          household: { select: householdRefSelect },
          cadre: { select: userRefSelect },
          goods: { select: { item: true, quantity: true, unit: true } },
        },
      }),
    () =>
      ctx.db.donation.findMany({
        where: itsDonations,
        orderBy: [{ receivedOn: 'asc' }, { createdAt: 'asc' }],
        select: { id: true, donorName: true, kind: true, amountFen: true, voidedAt: true, recipientKind: true },
      }),
    () => ctx.db.need.groupBy({ by: ['visitId'], where: { visit: itsVisits }, _count: { _all: true } }),
  ])
  const needsByVisit = new Map(needGroups.map((g) => [g.visitId, g._count._all]))
  return {
    ...toActivityListItem(row, row.orgs.length),
    orgs: row.orgs.map((o) => o.org),
    canEdit,
    totals: { ...donationTotals, ...visitTotals, needsRaised: sumOf(needsByVisit.values()) },
    visits: (await withoutHiddenHouseholds(ctx, visits)).map(({ visitedOn, cashFen, goodsValueFen, ...v }) => ({
      ...v,
      visitedOn: dateToDateOnly(visitedOn),
      cashFen: toFen(cashFen),
      goodsValueFen: toFen(goodsValueFen),
      needCount: needsByVisit.get(v.id) ?? 0,
    })),
    donations: donations.map((d) => ({ ...d, amountFen: toFen(d.amountFen), isVoided: d.voidedAt !== null })),
  }
}

export type ActivityDetail = Awaited<ReturnType<typeof getActivity>>
