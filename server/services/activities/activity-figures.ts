// The figures an activity is reported with: 应到/实到 with the absentees and their reasons, and
// its totals from stats/totals.ts. The 主题党日台账 export (exports/activity-ledger.ts) and the
// printable 活动记录 (get-activity-record.ts) both read them here, so paper and spreadsheet agree.
import { runAll, type Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import type { Actor } from '../auth/actor'
import { donationScope, visitScope } from '../scope'
import { donationTotalsBy, emptyTotals, emptyVisitTotals, visitTotalsBy } from '../stats/totals'

/** The absentees, in the order both the ledger and the record list them. */
export const absencesSelect = {
  orderBy: [{ name: 'asc' }, { id: 'asc' }],
  select: { name: true, reason: true },
} as const satisfies Prisma.Activity$absencesArgs

export const attendanceSelect = {
  expectedCount: true,
  presentCount: true,
  absences: absencesSelect,
} satisfies Prisma.ActivitySelect

type AttendanceRow = Prisma.ActivityGetPayload<{ select: typeof attendanceSelect }>

/** 应到 / 实到 / 缺席: every absentee has a reason (common/contracts/activity/activity-fields.ts, refineAttendance). */
export const toAttendance = ({ expectedCount, presentCount, absences }: AttendanceRow) => ({
  expectedCount,
  presentCount,
  absentCount: expectedCount - presentCount,
  absences,
})

/**
 * Per activity: the activity page's totals (distinct households visited, live cash and in-kind
 * donations, what was handed over on visits) and the needs raised on its visits, within the
 * actor's scope (donationScope, visitScope), as every other screen counts them. Integer fen,
 * added in the database; voided donations never count.
 */
export const activityFiguresOf = async (db: Tx, actor: Actor, ids: string[]) => {
  const visitWhere = { activityId: { in: ids }, ...visitScope(actor) }
  const [money, visits, needs] = await runAll(db, [
    () => donationTotalsBy(db, { activityId: { in: ids }, ...donationScope(actor) }, 'activityId'),
    () => visitTotalsBy(db, visitWhere, 'activityId'),
    () =>
      db.need.findMany({
        where: { visit: visitWhere },
        select: { visit: { select: { activityId: true } } },
      }),
  ])
  const needsRaised = new Map<string, number>()
  for (const { visit } of needs) {
    if (visit?.activityId) needsRaised.set(visit.activityId, (needsRaised.get(visit.activityId) ?? 0) + 1)
  }
  return (id: string) => ({
    ...(money.get(id) ?? emptyTotals()),
    ...(visits.get(id) ?? emptyVisitTotals()),
    needsRaised: needsRaised.get(id) ?? 0,
  })
}

export type ActivityFigures = ReturnType<Awaited<ReturnType<typeof activityFiguresOf>>>
