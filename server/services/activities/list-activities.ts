// The 主题党日 list: scoped, filtered by month, org and village, newest first, with each
// activity's donation total and households visited (from the statistics rollups: one small read
// for the page, where counting would group the page's donations and visits).

import type { TListActivitiesRequest } from '../../../common/contracts/activity/list-activities'
import { dateOnlyToDate } from '../../../common/dates'
import { toPage } from '../../../common/pagination'
import { findPage, JOINED_RELATIONS, runAll } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { activityScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { rollupActivityTotals } from '../stats/summary-rollups'
import { emptyTotals, emptyVisitTotals } from '../stats/totals'
import { activityFiguresOf } from './activity-figures'
import { activityListSelect, toActivityListItem } from './activity-views'

const monthRange = (month: string): Prisma.DateTimeFilter => {
  const [year, m] = month.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
  return { gte: dateOnlyToDate(`${month}-01`), lt: dateOnlyToDate(`${next}-01`) }
}

export const listActivities = async ({ ctx, input }: { ctx: ServiceContext; input: TListActivitiesRequest }) => {
  const where: Prisma.ActivityWhereInput = {
    AND: [
      activityScope(ctx.actor),
      input.month ? { heldOn: monthRange(input.month) } : {},
      input.orgId ? { orgs: { some: { orgId: input.orgId } } } : {},
      input.villageId ? { villageId: input.villageId } : {},
      input.kind ? { kind: input.kind } : {},
      input.status ? { status: input.status } : {},
    ],
  }
  const rows = await findPage(
    () =>
      ctx.db.activity.findMany({
        where,
        select: { id: true },
        orderBy: [{ heldOn: 'desc' }, { id: 'desc' }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      }),
    (ids) =>
      ctx.db.activity.findMany({
        where: { AND: [where, { id: { in: ids } }] },
        select: activityListSelect,
        ...JOINED_RELATIONS,
      }),
  )
  const ids = rows.slice(0, input.limit).map((a) => a.id)
  // An empty page has no figures to read.
  if (!ids.length) return toPage([], input.limit)
  const [orgCounts, totals] = await runAll(ctx.db, [
    () =>
      ctx.db.activityOrg.groupBy({ by: ['activityId'], where: { activityId: { in: ids } }, _count: { _all: true } }),
    // An administrator's figures are the whole activity's, kept in the rollups; anyone else's are
    // those within their scope, as on the activity page (activity-figures.ts).
    () =>
      ctx.actor.reach.villageIds === null
        ? rollupActivityTotals(ctx.db, ids)
        : activityFiguresOf(ctx.db, ctx.actor, ids).then((figuresOf) => new Map(ids.map((id) => [id, figuresOf(id)]))),
  ])
  const orgCountOf = new Map(orgCounts.map((g) => [g.activityId, g._count._all]))
  const page = toPage(
    rows.map((row) => toActivityListItem(row, orgCountOf.get(row.id) ?? 0)),
    input.limit,
  )
  return {
    ...page,
    items: page.items.map((a) => extend(a, { totals: totals.get(a.id) ?? extend(emptyTotals(), emptyVisitTotals()) })),
  }
}
