// The 有诉必应日报 as issued (services/reports/issue-daily-report.ts): the report stored at the
// scheduled time matches the one computed live at that moment, for the whole ledger and each
// village; once the day has passed, report.dailyNeeds shows the issued report even after the
// ledger changed for that day; a day issued twice keeps its first issue.
import { describe, expect, it } from 'vitest'
import { nextDay, shanghaiDate, shanghaiDayStart } from '../../common/dates'
import { parseEnv } from '../../server/env'
import { computeDailyNeedsReport } from '../../server/services/reports/daily-needs'
import { issueDailyNeedsReports } from '../../server/services/reports/issue-daily-report'
import { householdInput } from '../helpers/factories'
import { createWorld } from '../helpers/world'

const world = await createWorld()
const { prisma: db, crypto, log } = world.deps
const qianyue = world.ref.villages.qianyue.id
const today = shanghaiDate()
const yesterday = shanghaiDate(new Date(shanghaiDayStart(today).getTime() - 12 * 3_600_000))
const household = await world.cadre.household.create(householdInput(qianyue))

/** A need registered and handled directly, both on the day given (10:00 Beijing time). */
const needOn = async (day: string, description: string) => {
  const need = await world.cadre.need.create({ householdId: household.id, category: 'HOUSING', description })
  await world.cadre.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })
  const at = new Date(shanghaiDayStart(day).getTime() + 10 * 3_600_000)
  await db.need.update({ where: { id: need.id }, data: { createdAt: at } })
  await db.needEvent.updateMany({ where: { needId: need.id }, data: { createdAt: at } })
}

const live = async (date: string, villageId?: string) =>
  computeDailyNeedsReport({
    ctx: await world.serviceContextAs(world.ref.users.admin.id),
    input: { date, ...(villageId ? { villageId } : {}) },
  })

describe('the issued 有诉必应日报', () => {
  it('stores, at issue time, the report computed live for the ledger and for each village', async () => {
    await needOn(today, '院墙需要修补')
    const { issued } = await issueDailyNeedsReports({ db, crypto, log, date: today })
    const villages = await db.village.count()
    expect(issued).toBe(villages + 1)
    const rows = await db.dailyNeedsReportIssue.findMany({ where: { date: new Date(`${today}T00:00:00Z`) } })
    const byScope = new Map(rows.map((r) => [r.scope, r.report]))
    expect(byScope.get('ALL')).toEqual(await live(today))
    expect(byScope.get(qianyue)).toEqual(await live(today, qianyue))
    expect(byScope.get(qianyue)).toMatchObject({ figures: { received: 1, handledDirectly: 1 } })
    // Today is still under way: report.dailyNeeds reads it live.
    await needOn(today, '屋顶漏雨')
    expect(await world.admin.report.dailyNeeds({ date: today })).toMatchObject({ figures: { received: 2 } })
  })

  it('shows a past day as it was issued, after the ledger changed for that day', async () => {
    await needOn(yesterday, '自来水管冻裂')
    await issueDailyNeedsReports({ db, crypto, log, date: yesterday })
    const issuedAll = await live(yesterday)
    const issuedVillage = await live(yesterday, qianyue)
    expect(issuedVillage.figures.received).toBe(1)

    // A need recorded late, dated that day.
    await needOn(yesterday, '门前道路积水')
    expect((await live(yesterday, qianyue)).figures.received).toBe(2)
    expect(await world.admin.report.dailyNeeds({ date: yesterday })).toEqual(issuedAll)
    expect(await world.cadre.report.dailyNeeds({ date: yesterday, villageId: qianyue })).toEqual(issuedVillage)
    // No issued report covers a cadre's villages together: that one is live.
    expect((await world.cadre.report.dailyNeeds({ date: yesterday })).figures.received).toBe(2)
    // A village out of the caller's reach is not read from the issued reports either.
    const other = await world.otherCadre.report.dailyNeeds({ date: yesterday, villageId: qianyue })
    expect(other).toMatchObject({ village: null, figures: { received: 0 } })

    expect(await issueDailyNeedsReports({ db, crypto, log, date: yesterday })).toMatchObject({ issued: 0 })
    expect(await world.admin.report.dailyNeeds({ date: yesterday })).toEqual(issuedAll)
    expect(nextDay(yesterday)).toBe(today)
  })

  it('is issued at 17:00 Beijing time unless configured otherwise', () => {
    expect(parseEnv({}).dailyReportCron).toBe('0 17 * * *')
    expect(parseEnv({ DAILY_REPORT_SCHEDULE: '18:30' }).dailyReportCron).toBe('30 18 * * *')
    expect(parseEnv({ DAILY_REPORT_SCHEDULE: 'off' }).dailyReportCron).toBeNull()
  })
})
