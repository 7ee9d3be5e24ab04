// The 有诉必应日报 as issued (issue-daily-report.ts): a past day's report, for a village the caller
// sees or, for a caller who sees every village, for the whole ledger, reads as it was issued.
// Anything else (today's report, a past day before reports were issued, a secretary's or cadre's
// report across their villages, which no issued report covers) is computed live.
import { dateOnlyToDate, shanghaiDate } from '../../../common/dates'
import { villageScope } from '../scope'
import type { ServiceContext } from '../service-context'
import type { DailyNeedsReport } from './daily-needs'

/** The issued report of every village together. */
export const ALL_VILLAGES = 'ALL'

export const issuedDailyNeedsReport = async (
  { db, actor }: Pick<ServiceContext, 'db' | 'actor'>,
  { date, villageId }: { date: string; villageId?: string | undefined },
): Promise<DailyNeedsReport | null> => {
  if (date >= shanghaiDate()) return null
  const scope = villageId ?? (actor.reach.villageIds === null ? ALL_VILLAGES : null)
  if (!scope) return null
  if (villageId) {
    const visible = await db.village.findFirst({ where: { AND: [{ id: villageId }, villageScope(actor)] } })
    if (!visible) return null
  }
  const issued = await db.dailyNeedsReportIssue.findUnique({
    where: { date_scope: { date: dateOnlyToDate(date), scope } },
    select: { report: true },
  })
  return issued ? (issued.report as DailyNeedsReport) : null
}
