// The 主题党日活动记录 (docs/exports.md): the paper record sheet, filled from what is already recorded,
// in one call. Seen by whoever may see the activity (activityScope, as activity.byId), with the
// visits and donations within the reader's scope, as on the activity page.
//   - 应到/实到/缺席 and the totals come from activity-figures.ts, as the 主题党日台账 export's
//     do; the donations listed are the live ones, so they add up to the 合计 row.
//   - A household outside the reader's householdScope (a law firm's branch that joined the day)
//     is shown as 困难群众户 with no name, and its visit's findings and needs are left out: they
//     are free text about that family. Health findings are never on the sheet (they are
//     encrypted personal data, and the sheet is printed and shared); nor ID numbers or phones.
import { dateToDateOnly, shanghaiDate } from '../../../common/dates'
import { runAll } from '../../db/client'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { donationFactsSelect } from '../donations/donation-views'
import { visibleHouseholdIds } from '../households/visible-households'
import { goodsLineSelect, householdRefSelect, toGoodsLine, userRefSelect } from '../record-selects'
import { activityScope, donationScope, visitScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { activityFiguresOf, attendanceSelect, toAttendance } from './activity-figures'

const recordSelect = {
  id: true,
  kind: true,
  theme: true,
  heldOn: true,
  status: true,
  place: true,
  summary: true,
  createdAt: true,
  createdById: true,
  village: { select: { id: true, name: true, township: true, county: true } },
  organiserOrg: { select: { id: true, name: true } },
  // 参加单位, the organiser included (schema.prisma).
  orgs: { orderBy: { org: { name: 'asc' } }, select: { org: { select: { id: true, name: true } } } },
  ...attendanceSelect,
} satisfies Prisma.ActivitySelect

const recordVisitSelect = {
  id: true,
  target: true,
  visitedOn: true,
  livingConditions: true,
  difficulties: true,
  cashFen: true,
  goodsValueFen: true,
  household: { select: householdRefSelect },
  cadre: { select: userRefSelect },
  visitors: { select: { user: { select: { displayName: true } } } },
  goods: { select: goodsLineSelect, orderBy: { id: 'asc' } },
  needs: { select: { category: true, description: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.VisitSelect

export const getActivityRecord = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const row = await ctx.db.activity.findFirst({ where: { id, ...activityScope(ctx.actor) }, select: recordSelect })
  if (!row) throw new AppError('NOT_FOUND')
  const [figures, visits, donations, recorder] = await runAll(ctx.db, [
    () => activityFiguresOf(ctx.db, ctx.actor, [id]),
    () =>
      ctx.db.visit.findMany({
        where: { activityId: id, ...visitScope(ctx.actor) },
        orderBy: [{ visitedOn: 'asc' }, { createdAt: 'asc' }],
        select: recordVisitSelect,
      }),
    () =>
      ctx.db.donation.findMany({
        // Voided donations never count (stats/totals.ts), so they are not on the sheet either.
        where: { activityId: id, voidedAt: null, ...donationScope(ctx.actor) },
        orderBy: [{ receivedOn: 'asc' }, { createdAt: 'asc' }],
        select: donationFactsSelect,
      }),
    () =>
      row.createdById
        ? ctx.db.user.findUnique({ where: { id: row.createdById }, select: { displayName: true } })
        : Promise.resolve(null),
  ])
  const visible = await visibleHouseholdIds(ctx, [
    ...visits.map((v) => v.household?.id),
    ...donations.map((d) => d.household?.id),
  ])
  const shown = <H extends { id: string }>(household: H | null) =>
    household && visible.has(household.id) ? household : null

  const { orgs, heldOn, createdAt, createdById, expectedCount, presentCount, absences, ...rest } = row
  return {
    ...rest,
    heldOn: dateToDateOnly(heldOn),
    orgs: orgs.map((o) => o.org),
    attendance: toAttendance({ expectedCount, presentCount, absences }),
    visits: visits.map(({ household, visitors, goods, needs, livingConditions, difficulties, ...v }) => {
      const isHouseholdHidden = household !== null && shown(household) === null
      return {
        ...v,
        visitedOn: dateToDateOnly(v.visitedOn),
        cashFen: toFen(v.cashFen),
        goodsValueFen: toFen(v.goodsValueFen),
        household: shown(household),
        isHouseholdHidden,
        visitors: visitors.map((x) => x.user.displayName),
        livingConditions: isHouseholdHidden ? null : livingConditions,
        difficulties: isHouseholdHidden ? null : difficulties,
        goods: goods.map(toGoodsLine),
        needCount: needs.length,
        needs: isHouseholdHidden ? [] : needs,
      }
    }),
    donations: donations.map(({ household, goods, ...d }) => ({
      ...d,
      amountFen: toFen(d.amountFen),
      receivedOn: dateToDateOnly(d.receivedOn),
      household: shown(household),
      goods: goods.map(toGoodsLine),
    })),
    totals: figures(id),
    /** 记录人 and the day the record was made, for the sheet's foot. */
    recordedBy: recorder?.displayName ?? null,
    recordedOn: shanghaiDate(createdAt),
  }
}

export type ActivityRecord = Awaited<ReturnType<typeof getActivityRecord>>
