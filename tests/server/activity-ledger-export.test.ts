// The 主题党日台账 Excel export over real HTTP: the 前跃村 party day of 2025-01-23 must show its
// orgs, attendance, visits and money as the activity page and stats.summary do, to the fen; its
// absentees are listed; each caller gets only their activityScope; text cannot turn into
// formulas; every export is audited.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { LAW_FIRMS } from '../../prisma/seed/reference-data'
import { PARTY_DAY, replayStory, STORY_DONATIONS_FEN, STORY_MONEY } from '../../prisma/seed/story'
import {
  ABSENCE_SHEET,
  ACTIVITY_LEDGER_COLUMNS,
  ACTIVITY_LEDGER_SHEET,
  exportActivityLedger,
} from '../../server/services/exports/activity-ledger'
import { BAD_VILLAGE_AND_DATES, itRefusesLikeEveryExport } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import {
  downloadMonthOfVillage,
  expectExportAudited,
  expectSheets,
  exportDownload,
  exportedWorkbook,
  fenOf,
  rowsOf,
  sheetOf,
  workbookFrom,
} from '../helpers/xlsx'

/** The columns as documented in docs/exports.md. */
const LEDGER_HEADERS = [
  '日期',
  '主题',
  '类型',
  '组织单位',
  '参加组织',
  '村',
  '应到',
  '实到',
  '走访户数',
  '慰问金（元）',
  '物资价值（元）',
  '提出诉求数',
  '状态',
]
const ABSENCE_HEADERS = ['日期', '主题', '姓名', '缺勤原因']
const THEME = '情系帮扶联点村 走访慰问暖民心'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>
let baseUrl: string
let tokens: Record<'secretary' | 'cadre' | 'member' | 'otherCadre' | 'resident', string>
let shangtanActivityId: string

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
  // A 上滩村 activity of the 上滩村 branch alone: the other village's cadre sees it, the bureau does not.
  const shangtan = await world.admin.activity.create({
    theme: '上滩村党支部冬季主题党日',
    heldOn: '2025-01-25',
    villageId: world.ref.villages.shangtan.id,
    organiserOrgId: world.ref.orgs.otherVillageBranch.id,
    expectedCount: 6,
    presentCount: 6,
    status: 'PUBLISHED',
  })
  shangtanActivityId = shangtan.id
  const served = await serveWorld(world, ['secretary', 'cadre', 'member', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
})

const download = (token: string | null, query = '') => exportDownload(baseUrl, 'activity-ledger')(token, query)
const downloadWorkbook = async (token: string, query = '') => workbookFrom(await download(token, query))

const ledgerRows = (workbook: ExcelJS.Workbook) => rowsOf(workbook, ACTIVITY_LEDGER_SHEET, LEDGER_HEADERS)
const absenceRows = (workbook: ExcelJS.Workbook) => rowsOf(workbook, ABSENCE_SHEET, ABSENCE_HEADERS)

describe('the secretary’s download of 前跃村’s January', () => {
  const file = downloadMonthOfVillage(
    () => download(tokens.secretary, `?villageId=${world.ref.villages.qianyue.id}&from=2025-01-01&to=2025-01-31`),
    { village: '前跃村', what: '主题党日台账', whatAscii: 'activity-ledger', month: '2025-01' },
  )

  it('has the ledger then the absentees, with the documented columns in order', () => {
    expectSheets(file.workbook, { [ACTIVITY_LEDGER_SHEET]: LEDGER_HEADERS, [ABSENCE_SHEET]: ABSENCE_HEADERS })
    expect(ACTIVITY_LEDGER_COLUMNS.map((c) => c.header)).toEqual(LEDGER_HEADERS)
  })

  it('shows the party day with its orgs, attendance, households visited and needs', () => {
    const rows = ledgerRows(file.workbook)
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row).toMatchObject({
      日期: PARTY_DAY,
      主题: THEME,
      类型: '主题党日',
      组织单位: '西宁市司法局机关党支部',
      村: '前跃村',
      应到: 20,
      实到: 18,
      走访户数: 4,
      提出诉求数: 1,
      状态: '已发布',
    })
    const orgs = String(row?.参加组织).split('、')
    expect(orgs).toHaveLength(8)
    expect(orgs).toEqual(
      expect.arrayContaining(['西宁市司法局机关党支部', ...LAW_FIRMS.map((firm) => `${firm}党支部`)]),
    )
  })

  it('reconciles its money with activity.byId and stats.summary, to the fen', async () => {
    const [row] = ledgerRows(file.workbook)
    const cashFen = fenOf(row?.['慰问金（元）'])
    const goodsFen = fenOf(row?.['物资价值（元）'])
    expect({ cashFen, goodsValueFen: goodsFen }).toEqual(STORY_MONEY)
    expect(cashFen + goodsFen).toBe(STORY_DONATIONS_FEN)
    const detail = await world.secretary.activity.byId({ id: story.activityId })
    expect([cashFen, goodsFen]).toEqual([detail.totals.cashFen, detail.totals.goodsValueFen])
    expect(row?.走访户数).toBe(detail.totals.householdsVisited)
    expect(row?.提出诉求数).toBe(detail.totals.needsRaised)
    const summary = await world.secretary.stats.summary({ activityId: story.activityId })
    const partyDay = summary.byActivity.find((a) => a.activityId === story.activityId)
    expect([cashFen, goodsFen]).toEqual([partyDay?.cashFen, partyDay?.goodsValueFen])
    expect(row?.走访户数).toBe(partyDay?.householdsVisited)
    // Money cells are numbers shown as 36,000.00.
    const cell = sheetOf(file.workbook, ACTIVITY_LEDGER_SHEET)
      .getRow(2)
      .getCell(LEDGER_HEADERS.indexOf('慰问金（元）') + 1)
    expect(cell.value).toBe(36_000)
    expect(cell.numFmt).toBe('#,##0.00')
  })

  it('lists its absentees, one row each', () => {
    expect(absenceRows(file.workbook)).toEqual([
      { 日期: PARTY_DAY, 主题: THEME, 姓名: '刘芳', 缺勤原因: '病假' },
      { 日期: PARTY_DAY, 主题: THEME, 姓名: '陈志刚', 缺勤原因: '外出参加全省律师培训' },
    ])
  })

  it('is on the audit trail with its filters and counts', async () => {
    await expectExportAudited(
      world,
      { action: 'export.activityLedger', actorId: world.ref.users.secretary.id },
      {
        filters: { villageId: world.ref.villages.qianyue.id, from: '2025-01-01', to: '2025-01-31' },
        activityCount: 1,
        absenceCount: 2,
        ...STORY_MONEY,
      },
    )
  })
})

describe('scope, as activity.list', () => {
  it('gives each caller the activities activity.list shows them', async () => {
    for (const who of ['secretary', 'cadre', 'member', 'otherCadre'] as const) {
      const rows = ledgerRows(await downloadWorkbook(tokens[who]))
      const caller = await world.as(world.ref.users[who].id)
      const listed = await caller.activity.list({ limit: 100 })
      expect(rows.map((r) => r.主题).sort(), who).toEqual(listed.items.map((a) => a.theme).sort())
    }
  })

  it('gives a cadre of another village, whose branch took no part, none of the party day', async () => {
    const workbook = await downloadWorkbook(tokens.otherCadre)
    expect(ledgerRows(workbook).map((r) => r.主题)).toEqual(['上滩村党支部冬季主题党日'])
    expect(absenceRows(workbook)).toEqual([])
    // Asking for 前跃村 by id gives nothing, and the file name does not name it.
    const response = await download(tokens.otherCadre, `?villageId=${world.ref.villages.qianyue.id}`)
    const disposition = response.headers.get('content-disposition') ?? ''
    expect(disposition).toContain(encodeURIComponent(`主题党日台账-${shanghaiDate()}.xlsx`))
    expect(disposition).not.toContain(encodeURIComponent('前跃村'))
    expect(ledgerRows(await workbookFrom(response))).toEqual([])
  })

  it('gives the bureau’s secretary none of the other branch’s activity', async () => {
    const rows = ledgerRows(await downloadWorkbook(tokens.secretary))
    expect(rows.map((r) => r.主题)).toEqual([THEME])
    const detail = await world.admin.activity.byId({ id: shangtanActivityId })
    expect(detail.theme).toBe('上滩村党支部冬季主题党日')
  })
})

describe('refusals', () => {
  itRefusesLikeEveryExport({
    download,
    tokens: () => ({ staff: tokens.secretary, resident: tokens.resident }),
    badFilters: { ...BAD_VILLAGE_AND_DATES, '?activityId=x': 'query' },
  })
})

describe('formula injection', () => {
  it('makes a theme and an absence reason that look like formulas inert', async () => {
    const theme = '=HYPERLINK("http://x","y")'
    await world.secretary.activity.create({
      theme,
      heldOn: '2025-02-10',
      villageId: world.ref.villages.qianyue.id,
      organiserOrgId: world.ref.orgs.bureauBranch.id,
      expectedCount: 1,
      presentCount: 0,
      absences: [{ name: '@张三', reason: '+1 与 @SUM(A1) 都只是文字' }],
    })
    const workbook = await downloadWorkbook(tokens.secretary, '?from=2025-02-10&to=2025-02-10')
    const cell = sheetOf(workbook, ACTIVITY_LEDGER_SHEET)
      .getRow(2)
      .getCell(LEDGER_HEADERS.indexOf('主题') + 1)
    expect(cell.value).toBe(`'${theme}`)
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.formula).toBeUndefined()
    expect(ledgerRows(workbook)[0]).toMatchObject({ 状态: '草稿', 应到: 1, 实到: 0, 走访户数: 0, '慰问金（元）': 0 })
    expect(absenceRows(workbook)).toEqual([
      { 日期: '2025-02-10', 主题: `'${theme}`, 姓名: "'@张三", 缺勤原因: "'+1 与 @SUM(A1) 都只是文字" },
    ])
  })
})

describe('batches', () => {
  it('reads every activity once across batches, with the same figures', async () => {
    const ctx = await world.serviceContextAs(world.ref.users.admin.id)
    const expected = await exportActivityLedger({ ctx, input: {}, output: new PassThrough().resume() })
    expect(expected.activityCount).toBeGreaterThanOrEqual(3)
    for (const batchSize of [1, 2]) {
      const { result, workbook } = await exportedWorkbook((output) =>
        exportActivityLedger({ ctx, input: {}, output, batchSize }),
      )
      expect(result, `batches of ${batchSize}`).toEqual(expected)
      const rows = ledgerRows(workbook)
      expect(rows).toHaveLength(expected.activityCount)
      expect(rows.map((r) => r.日期)).toEqual(rows.map((r) => r.日期).sort())
    }
  })
})
