// Issues the day's 有诉必应日报 (DAILY_REPORT_SCHEDULE, 17:00 Beijing time by default): the report
// of every village and of the whole ledger, as an administrator reads them at that moment, stored
// so that the 日报 and its export show them as issued once the day has passed. Issuing a day again
// keeps what was issued first.

import { dateOnlyToDate } from '../../../common/dates'
import type { Db } from '../../db/client'
import type { FieldCrypto } from '../../lib/field-crypto'
import type { Logger } from '../../lib/logger'
import type { Actor } from '../auth/actor'
import type { ServiceContext } from '../service-context'
import { computeDailyNeedsReport } from './daily-needs'
import { ALL_VILLAGES } from './daily-report-issues'

/** The report is read as an administrator reads it: every village, nothing hidden by scope. */
const ISSUER: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  displayName: '有诉必应日报',
  roles: ['ADMIN'],
  memberships: [],
  cadreVillageIds: [],
  householdId: null,
  hasAgreedToPrivacy: true,
  mustChangePassword: false,
  reach: { villageIds: null, subtreeOrgIds: [] },
}

export const issueDailyNeedsReports = async ({
  db,
  crypto,
  log,
  date,
}: {
  db: Db
  crypto: FieldCrypto
  log: Logger
  /** The report's day (YYYY-MM-DD, Beijing time). */
  date: string
}): Promise<{ date: string; issued: number }> => {
  const ctx: ServiceContext = { db, crypto, log, requestId: `daily-needs-report:${date}`, actor: ISSUER }
  const villages = await db.village.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
  const reports = [{ scope: ALL_VILLAGES, report: await computeDailyNeedsReport({ ctx, input: { date } }) }]
  for (const { id } of villages)
    reports.push({ scope: id, report: await computeDailyNeedsReport({ ctx, input: { date, villageId: id } }) })
  const { count } = await db.dailyNeedsReportIssue.createMany({
    data: reports.map(({ scope, report }) => ({ date: dateOnlyToDate(date), scope, report })),
    skipDuplicates: true,
  })
  return { date, issued: count }
}
