// The 有诉必应日报 (report.dailyNeeds and GET /exports/daily-needs-report.xlsx): needs in two
// villages, each step of their timelines put on 2025-03-10 or the days around it, and every figure
// of that day's report checked exactly: the day is Beijing's (23:59 and 00:01 on either side of
// it), each caller sees their own scope, the hot topics quote village and need but no phone, and
// the Excel file carries the same figures with no text turned into a formula.
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import type { NeedCategory, NeedStatus } from '../../common/enums'
import { PARTY_DAY, replayStory } from '../../prisma/seed/story'
import type { Caller } from '../../server/caller'
import {
  DAILY_NEEDS_SHEET,
  FIGURE_ROWS,
  FIGURES_HEADER,
  HOT_TOPICS_HEADER,
  HOT_TOPICS_TITLE,
} from '../../server/services/exports/daily-needs-report'
import type { DailyNeedsReport } from '../../server/services/reports/daily-needs'
import { CHINESE, failureOf } from '../helpers/errors'
import { itRefusesLikeEveryExport } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import {
  downloadBeforeAll,
  expectExportAudited,
  expectXlsxAttachment,
  exportDownload,
  sheetOf,
  workbookFrom,
} from '../helpers/xlsx'

const DAY = '2025-03-10'
const DAY_BEFORE = '2025-03-09'
const DAY_AFTER = '2025-03-11'

let world: World
let tokens: Record<'admin' | 'secretary' | 'cadre' | 'otherCadre' | 'resident', string>
let baseUrl: string
let storyDay: string
let storyReport: DailyNeedsReport
let storyPartyDayReport: DailyNeedsReport

/** A moment in Beijing time: "2025-03-10T23:59" → its instant. */
const beijing = (local: string) => new Date(`${local}:00.000+08:00`)

type Figures = DailyNeedsReport['figures']

/** A day's figures: none but those given. */
const figures = (some: Partial<Figures>): Figures => ({
  received: 0,
  handledDirectly: 0,
  transferred: 0,
  resolved: 0,
  followedUp: 0,
  rejected: 0,
  ...some,
})

/** A step of a need's workflow, and when it was taken (Beijing time). */
type Step = [to: NeedStatus, at: string]

const STEP_INPUT: Partial<Record<NeedStatus, object>> = {
  TRANSFERRED: { responsibleUnit: '大通县医疗保障局' },
  RESOLVED: { note: '已办结' },
  FOLLOWED_UP: { satisfaction: 5, note: '电话回访' },
  REJECTED: { note: '不属于受理范围' },
}

/** A need as the test lays it out: household, category, description, received at (Beijing), then its steps. */
type NeedRow = [
  householdId: string,
  category: NeedCategory,
  description: string,
  receivedAt: string,
  more?: { steps?: Step[]; dueOn?: string },
]

/**
 * A need recorded and moved through its workflow through the API, as a cadre would, then with
 * its timeline put back to the given Beijing times (the API stamps "now").
 */
const needWith = async (
  caller: Caller,
  [householdId, category, description, receivedAt, { steps = [], dueOn } = {}]: NeedRow,
) => {
  const created = await caller.need.create({ householdId, category, description, ...(dueOn ? { dueOn } : {}) })
  let version = created.version
  for (const [to] of steps) {
    const moved = await caller.need.transition({ id: created.id, version, to, ...STEP_INPUT[to] })
    version = moved.version
  }
  const { prisma } = world.deps
  await prisma.need.update({ where: { id: created.id }, data: { createdAt: beijing(receivedAt) } })
  for (const [to, at] of [['RECEIVED', receivedAt], ...steps] satisfies Step[]) {
    await prisma.needEvent.updateMany({ where: { needId: created.id, toStatus: to }, data: { createdAt: beijing(at) } })
  }
  return created.id
}

beforeAll(async () => {
  world = await createWorld()
  const story = await replayStory({ ref: world.ref, callerFor: world.as })
  // The story is replayed today: its needs and their steps are stamped with today's date.
  storyDay = shanghaiDate()
  storyReport = await world.cadre.report.dailyNeeds({ date: storyDay })
  storyPartyDayReport = await world.cadre.report.dailyNeeds({ date: PARTY_DAY })

  type StoryHousehold = '李桂兰' | '韩永福' | '祁有才' | '马德林'
  const { 李桂兰, 韩永福, 祁有才, 马德林 } = story.households as Record<StoryHousehold, string>
  const shangtan = story.shangtanHouseholdId
  // biome-ignore format: a table, one need a line
  const qianyueNeeds: NeedRow[] = [
    [韩永福, 'MEDICAL', '需要一台轮椅', `${DAY}T09:00`, { steps: [['HANDLED_DIRECTLY', `${DAY}T10:00`], ['RESOLVED', `${DAY}T15:00`], ['FOLLOWED_UP', `${DAY}T18:00`]] }],
    [李桂兰, 'HOUSING', '房屋屋顶漏雨，需要维修', `${DAY}T00:01`, { steps: [['TRANSFERRED', `${DAY}T11:00`]] }],
    [马德林, 'MEDICAL', '=HYPERLINK("x")', `${DAY}T23:59`],
    [祁有才, 'EMPLOYMENT', '想在县城找一份工作', `${DAY_BEFORE}T23:59`, { dueOn: DAY_BEFORE, steps: [['HANDLED_DIRECTLY', `${DAY}T08:00`]] }],
    [祁有才, 'FUNDS', '申请临时救助', `${DAY_AFTER}T00:01`],
    [马德林, 'SUPPLIES', '冬季取暖用煤不足', '2025-03-01T10:00', { steps: [['TRANSFERRED', '2025-03-02T10:00'], ['IN_PROGRESS', '2025-03-05T10:00'], ['RESOLVED', `${DAY}T14:00`], ['FOLLOWED_UP', `${DAY_AFTER}T09:00`]] }],
    [李桂兰, 'OTHER', '希望村里装路灯', '2025-03-01T11:00', { steps: [['REJECTED', `${DAY}T16:00`]] }],
    [韩永福, 'HOUSING', '院墙需要加固', '2025-02-20T10:00', { dueOn: '2025-03-20' }],
    [马德林, 'MEDICAL', '请联系13912345678帮忙办理医保', `${DAY}T12:00`],
  ]
  const shangtanNeeds: NeedRow[] = [
    [shangtan, 'MEDICAL', '慢性病药费报销', `${DAY}T08:30`, { steps: [['TRANSFERRED', `${DAY}T09:30`]] }],
    [shangtan, 'HOUSING', '院墙倒塌', `${DAY_BEFORE}T10:00`, { dueOn: '2025-03-08' }],
  ]
  // Each village's by its own cadre.
  for (const need of qianyueNeeds) await needWith(world.cadre, need)
  for (const need of shangtanNeeds) await needWith(world.otherCadre, need)

  const served = await serveWorld(world, ['admin', 'secretary', 'cadre', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
})

const MEDICAL_LINE_ALL = '=HYPERLINK("x")（前跃村）；请联系***帮忙办理医保（前跃村）；需要一台轮椅（前跃村），等4件'
const MEDICAL_LINE_QIANYUE =
  '=HYPERLINK("x")（前跃村）；请联系***帮忙办理医保（前跃村）；需要一台轮椅（前跃村）（集中在前跃村）'

describe('report.dailyNeeds for 2025-03-10', () => {
  it('counts every village for an admin: intake, each step of the day, open and overdue at its end', async () => {
    const report = await world.admin.report.dailyNeeds({ date: DAY })
    expect(report.date).toBe(DAY)
    expect(report.village).toBeNull()
    // Received 00:01, 08:30, 09:00, 12:00 and 23:59 that day; not 23:59 the day before, nor 00:01 after.
    expect(report.figures).toEqual(
      figures({ received: 5, handledDirectly: 2, transferred: 2, resolved: 2, followedUp: 1, rejected: 1 }),
    )
    // Open at the end of the day: received by then and not done, rejected or followed up by then.
    expect(report.totals).toEqual({ open: 7, overdue: 2 })
    expect(report.hotTopics).toEqual([
      { category: 'MEDICAL', label: '医疗', count: 4, line: MEDICAL_LINE_ALL },
      { category: 'HOUSING', label: '住房', count: 1, line: '房屋屋顶漏雨，需要维修（前跃村）' },
    ])
    expect(report.lead).toBe(
      '3月10日，共受理诉求5件；直接办理2件，转交责任单位办理2件，办结2件，回访1件，不予受理1件。热点问题：医疗4件、住房1件。截至当日，在办诉求7件，其中超期2件。',
    )
  })

  it('never quotes a phone number or a household', async () => {
    const report = await world.admin.report.dailyNeeds({ date: DAY })
    const text = JSON.stringify(report)
    expect(text).not.toContain('13912345678')
    for (const name of ['马德林', '李桂兰', '韩永福', '祁有才', '何长寿']) expect(text).not.toContain(name)
  })

  it('puts the day’s edges in Beijing time', async () => {
    const before = await world.admin.report.dailyNeeds({ date: DAY_BEFORE })
    // 23:59 on the 9th (前跃村) and 10:00 (上滩村); nothing moved that day.
    expect(before.figures).toEqual(figures({ received: 2 }))
    // Also open: 院墙需要加固 (20 Feb), 取暖用煤 (in progress) and 路灯 (rejected only on the 10th).
    expect(before.totals).toEqual({ open: 5, overdue: 1 })
    expect(before.hotTopics.map((t) => [t.label, t.count])).toEqual([
      ['住房', 1],
      ['就业', 1],
    ])
    const after = await world.admin.report.dailyNeeds({ date: DAY_AFTER })
    expect(after.figures).toEqual(figures({ received: 1, followedUp: 1 }))
    expect(after.totals).toEqual({ open: 8, overdue: 2 })
    expect(after.hotTopics).toEqual([{ category: 'FUNDS', label: '资金', count: 1, line: '申请临时救助（前跃村）' }])
  })

  it('gives a cadre their village only, and says when a topic gathers in it', async () => {
    const expected = {
      date: DAY,
      village: null,
      figures: { received: 4, handledDirectly: 2, transferred: 1, resolved: 2, followedUp: 1, rejected: 1 },
      totals: { open: 5, overdue: 1 },
      hotTopics: [
        { category: 'MEDICAL', label: '医疗', count: 3, line: MEDICAL_LINE_QIANYUE },
        { category: 'HOUSING', label: '住房', count: 1, line: '房屋屋顶漏雨，需要维修（前跃村）' },
      ],
      lead: '3月10日，共受理诉求4件；直接办理2件，转交责任单位办理1件，办结2件，回访1件，不予受理1件。热点问题：医疗3件、住房1件。截至当日，在办诉求5件，其中超期1件。',
    }
    expect(await world.cadre.report.dailyNeeds({ date: DAY })).toEqual(expected)
    // The branch secretary sees the village the bureau is paired with (帮扶联点), 前跃村 alone.
    expect(await world.secretary.report.dailyNeeds({ date: DAY })).toEqual(expected)
    // 上滩村's cadre sees only 上滩村.
    const shangtan = await world.otherCadre.report.dailyNeeds({ date: DAY })
    expect(shangtan.figures).toEqual(figures({ received: 1, transferred: 1 }))
    expect(shangtan.totals).toEqual({ open: 2, overdue: 1 })
    expect(shangtan.hotTopics).toEqual([
      { category: 'MEDICAL', label: '医疗', count: 1, line: '慢性病药费报销（上滩村）' },
    ])
  })

  it('narrows to one village, named only when the caller may see it', async () => {
    const { qianyue, shangtan } = world.ref.villages
    const adminShangtan = await world.admin.report.dailyNeeds({ date: DAY, villageId: shangtan.id })
    expect(adminShangtan.village).toEqual({ id: shangtan.id, name: '上滩村' })
    expect(adminShangtan.figures.received).toBe(1)
    expect(adminShangtan.totals).toEqual({ open: 2, overdue: 1 })
    const adminQianyue = await world.admin.report.dailyNeeds({ date: DAY, villageId: qianyue.id })
    expect(adminQianyue.figures).toEqual((await world.cadre.report.dailyNeeds({ date: DAY })).figures)
    // The secretary asking for 上滩村 gets nothing of it, not even its name.
    const secretaryShangtan = await world.secretary.report.dailyNeeds({ date: DAY, villageId: shangtan.id })
    expect(secretaryShangtan.village).toBeNull()
    expect(secretaryShangtan.figures).toEqual(figures({}))
    expect(secretaryShangtan.totals).toEqual({ open: 0, overdue: 0 })
    expect(secretaryShangtan.hotTopics).toEqual([])
  })

  it('is refused to residents and to a day not yet come, in Chinese', async () => {
    const resident = await failureOf(world.resident.report.dailyNeeds({ date: DAY }))
    expect(resident).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN', message: expect.stringMatching(CHINESE) })
    const issuesOf = (failure: { cause: unknown }) =>
      (failure.cause as { issues: { path: string[]; message: string }[] }).issues.map((i) => [
        i.path.join('.'),
        i.message,
      ])
    const future = await failureOf(world.cadre.report.dailyNeeds({ date: '2100-01-01' }))
    expect(future.code).toBe('BAD_REQUEST')
    expect(issuesOf(future)).toEqual([['date', '日报日期不能晚于今天']])
    const bad = await failureOf(world.cadre.report.dailyNeeds({ date: '2025-02-30' }))
    expect(bad.code).toBe('BAD_REQUEST')
    expect(issuesOf(bad)).toEqual([['date', '2025-02-30 这一天不存在，请核对日期']])
  })
})

describe('the 前跃村 story', () => {
  it('on the day it is replayed: four needs received, the coal need worked through to its follow-up', () => {
    expect(storyReport.figures).toEqual(
      figures({ received: 4, handledDirectly: 1, transferred: 1, resolved: 1, followedUp: 1 }),
    )
    // The roof (due 2025-03-31) and the wheelchair (due 2025-02-28) are long overdue; the health check has no due date.
    expect(storyReport.totals).toEqual({ open: 3, overdue: 2 })
    expect(storyReport.hotTopics).toEqual([
      {
        category: 'MEDICAL',
        label: '医疗',
        count: 2,
        line: '需要一台轮椅（前跃村）；希望组织村里老年人上门健康体检（前跃村）（集中在前跃村）',
      },
      { category: 'HOUSING', label: '住房', count: 1, line: '房屋屋顶漏雨，需要维修（前跃村）' },
      { category: 'SUPPLIES', label: '生活物资', count: 1, line: '冬季取暖用煤不足（前跃村）' },
    ])
  })

  it('on 2025-01-23 itself shows no needs: the story stamps them when it is replayed, not on the party day', () => {
    expect(storyPartyDayReport.figures.received).toBe(0)
    expect(storyPartyDayReport.totals).toEqual({ open: 0, overdue: 0 })
    expect(storyPartyDayReport.lead).toBe(
      '1月23日，共受理诉求0件；直接办理0件，转交责任单位办理0件，办结0件，回访0件。截至当日，在办诉求0件，其中超期0件。',
    )
  })
})

const download = (token: string | null, query = '') => exportDownload(baseUrl, 'daily-needs-report')(token, query)

/** Every row of the sheet as its first three cells' values. */
const rowsOfSheet = (workbook: ExcelJS.Workbook) => {
  const rows: ExcelJS.CellValue[][] = []
  sheetOf(workbook, DAILY_NEEDS_SHEET).eachRow({ includeEmpty: true }, (row) => {
    rows.push([1, 2, 3].map((i) => row.getCell(i).value))
  })
  return rows
}

/** The rows after the one whose first cell is `label`, up to the next empty row. */
const tableAfter = (rows: ExcelJS.CellValue[][], label: string) => {
  const start = rows.findIndex((r) => r[0] === label)
  expect(start, label).toBeGreaterThanOrEqual(0)
  const table: ExcelJS.CellValue[][] = []
  for (const row of rows.slice(start + 1)) {
    if (row.every((v) => v === null || v === undefined)) break
    table.push(row)
  }
  return { header: rows[start], table }
}

describe('GET /exports/daily-needs-report.xlsx', () => {
  const file = downloadBeforeAll(() =>
    download(tokens.cadre, `?date=${DAY}&villageId=${world.ref.villages.qianyue.id}`),
  )

  it('is named for the village and the day, never cached', () =>
    expectXlsxAttachment(file.response, `前跃村-有诉必应日报-${DAY}.xlsx`, `daily-needs-report-${DAY}.xlsx`))

  it('reads as the daily report: title, date, lead, then the figures', () => {
    expect(file.workbook.worksheets.map((s) => s.name)).toEqual([DAILY_NEEDS_SHEET])
    const rows = rowsOfSheet(file.workbook)
    expect(rows[0]?.[0]).toBe('前跃村有诉必应日报')
    expect(String(rows[1]?.[0])).toMatch(/^日期：2025年3月10日　导出时间：\d{4}-\d\d-\d\d \d\d:\d\d$/)
    expect(rows[3]?.[0]).toBe(
      '3月10日，共受理诉求4件；直接办理2件，转交责任单位办理1件，办结2件，回访1件，不予受理1件。热点问题：医疗3件、住房1件。截至当日，在办诉求5件，其中超期1件。',
    )
    const figures = tableAfter(rows, FIGURES_HEADER[0])
    expect(figures.header?.slice(0, 2)).toEqual(['项目', '件数'])
    expect(figures.table.map((r) => [r[0], r[1]])).toEqual([
      ['受理诉求', 4],
      ['直接办理', 2],
      ['转交责任单位办理', 1],
      ['办结', 2],
      ['回访', 1],
      ['不予受理', 1],
      ['截至当日在办', 5],
      ['其中超期', 1],
    ])
    expect(FIGURE_ROWS.map((f) => f.label)).toEqual(figures.table.map((r) => r[0]))
  })

  it('lists the hot topics, text kept as text', () => {
    const rows = rowsOfSheet(file.workbook)
    const titleAt = rows.findIndex((r) => r[0] === HOT_TOPICS_TITLE)
    expect(rows[titleAt + 1]).toEqual([...HOT_TOPICS_HEADER])
    expect(HOT_TOPICS_HEADER).toEqual(['类别', '件数', '情况'])
    const { table } = tableAfter(rows, '类别')
    // The need's text starts the line: escaped with an apostrophe, so no spreadsheet reads a formula.
    expect(table).toEqual([
      ['医疗', 3, `'${MEDICAL_LINE_QIANYUE}`],
      ['住房', 1, '房屋屋顶漏雨，需要维修（前跃村）'],
    ])
    sheetOf(file.workbook, DAILY_NEEDS_SHEET).eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(6) // ExcelJS.ValueType.Formula
        expect(String(cell.value)).not.toContain('13912345678')
      })
    })
  })

  it('is on the audit trail with its filters and figures, and no quoted need', async () => {
    const entry = await expectExportAudited(
      world,
      { action: 'export.dailyNeedsReport', actorId: world.ref.users.cadre.id },
      {
        filters: { date: DAY, villageId: world.ref.villages.qianyue.id },
        received: 4,
        handledDirectly: 2,
        transferred: 1,
        resolved: 2,
        followedUp: 1,
        rejected: 1,
        open: 5,
        overdue: 1,
        hotTopicCount: 2,
      },
    )
    expect(JSON.stringify(entry?.after)).not.toContain('HYPERLINK')
  })

  it('covers every village in scope without a village, and says so when a day had no intake', async () => {
    const all = await download(tokens.admin, `?date=${DAY}`)
    expectXlsxAttachment(all, `有诉必应日报-${DAY}.xlsx`, `daily-needs-report-${DAY}.xlsx`)
    const rows = rowsOfSheet(await workbookFrom(all))
    expect(rows[0]?.[0]).toBe('有诉必应日报')
    expect(tableAfter(rows, '项目').table[0]?.slice(0, 2)).toEqual(['受理诉求', 5])
    // The secretary asking for 上滩村: not named in the file, and nothing of it inside.
    const hidden = await download(tokens.secretary, `?date=${DAY}&villageId=${world.ref.villages.shangtan.id}`)
    expectXlsxAttachment(hidden, `有诉必应日报-${DAY}.xlsx`, `daily-needs-report-${DAY}.xlsx`)
    const hiddenRows = rowsOfSheet(await workbookFrom(hidden))
    expect(tableAfter(hiddenRows, '项目').table.every((r) => r[1] === 0)).toBe(true)
    expect(tableAfter(hiddenRows, '类别').table).toEqual([['（当日无新受理诉求）', null, null]])
  })
})

describe('export refusals', () => {
  itRefusesLikeEveryExport({
    download,
    tokens: () => ({ staff: tokens.cadre, resident: tokens.resident }),
    validQuery: `?date=${DAY}`,
    // A bad or missing date or village.
    badFilters: {
      '': 'date',
      '?date=2025-13-01': 'date',
      '?date=2100-01-01': 'date',
      [`?date=${DAY}&villageId=abc`]: 'villageId',
      [`?date=${DAY}&village=前跃村`]: 'query',
    },
  })
})
