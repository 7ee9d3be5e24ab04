// 发放签收表 over real HTTP: the 前跃村 story's party day as the paper form, one row per recipient
// and item, whose 合计 reconciles to the fen and per item with 对账 (balance ¥0.00); 马德林's rows
// signed for; the 公示 version with masked names and no signing details; scope; audit.
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { formatFen } from '../../common/money'
import { replayStory, STORY_DONATIONS_FEN, STORY_MONEY } from '../../prisma/seed/story'
import {
  PUBLIC_SIGN_SHEET_COLUMNS,
  PUBLIC_SIGN_SHEET_NAME,
  SIGN_SHEET_COLUMNS,
  SIGN_SHEET_NAME,
} from '../../server/services/exports/handover-sign-sheet'
import { expectValidationFailures, itRefusesLikeEveryExport } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import { expectExportAudited, exportDownload, fenOf, sheetOf, workbookFrom } from '../helpers/xlsx'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>
let baseUrl: string
let tokens: Record<'secretary' | 'cadre' | 'otherCadre' | 'resident', string>

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
  const served = await serveWorld(world, ['secretary', 'cadre', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
})

const ANY_VILLAGE = '00000000-0000-4000-8000-000000000000'

const download = (token: string | null, query = '') => exportDownload(baseUrl, 'handover-sign-sheet')(token, query)
const downloadPublic = (token: string | null, query = '') =>
  exportDownload(baseUrl, 'handover-sign-sheet-public')(token, query)

/** The form's lines below its title, subtitle and header (row 3), up to the 合计. */
const formOf = (workbook: ExcelJS.Workbook, name: string) => {
  const sheet = sheetOf(workbook, name)
  const headers = (sheet.getRow(3).values as ExcelJS.CellValue[]).slice(1).map(String)
  const rows: Record<string, ExcelJS.CellValue>[] = []
  let total: ExcelJS.CellValue = null
  const after: string[] = []
  sheet.eachRow((row, n) => {
    if (n <= 3) return
    const first = row.getCell(1).value
    if (first === '合计') total = row.getCell(headers.indexOf('金额（元）') + 1).value
    else if (typeof first === 'number')
      rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])))
    else after.push(String(first))
  })
  const text = (n: number) => String(sheet.getRow(n).getCell(1).value)
  return { headers, rows, total, after, title: text(1), subtitle: text(2) }
}

const everyText = (workbook: ExcelJS.Workbook) => {
  const texts: string[] = []
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))))
  return texts.join('\n')
}

describe('the 发放签收表 of the party day', () => {
  let form: ReturnType<typeof formOf>
  beforeAll(async () => {
    form = formOf(
      await workbookFrom(await download(tokens.secretary, `?activityId=${story.activityId}`)),
      SIGN_SHEET_NAME,
    )
  })

  it('is laid out as the paper form: title, organising unit, date, the columns in order', () => {
    expect(form.title).toBe('情系帮扶联点村 走访慰问暖民心 发放签收表')
    expect(form.subtitle).toContain('组织单位：西宁市司法局机关党支部')
    expect(form.subtitle).toContain('发放日期：2025-01-23')
    expect(form.headers).toEqual(SIGN_SHEET_COLUMNS.map((c) => c.header))
    expect(form.headers).toEqual([
      '序号',
      '户主',
      '地址（组）',
      '物品',
      '数量',
      '单位',
      '金额（元）',
      '发放日期',
      '签收',
      '签收方式',
      '签收时间',
      '签名',
    ])
    expect(form.rows.map((r) => r.序号)).toEqual(form.rows.map((_, i) => i + 1))
  })

  it('has one row per recipient and item, 慰问金 an item of its own', () => {
    const ma = form.rows.filter((r) => r.户主 === '马德林')
    // ¥500 on the visit, then ¥6,800 at the village committee.
    expect(ma.filter((r) => r.物品 === '慰问金').map((r) => fenOf(r['金额（元）']))).toEqual([50_000, 680_000])
    expect(ma.filter((r) => r.物品 === '大米').length).toBeGreaterThan(0)
    expect(form.rows.some((r) => String(r.户主).endsWith('（驻村干部）'))).toBe(true)
  })

  it('reconciles with 对账 to the fen and per item: all ¥44,000 handed over, balance ¥0.00', async () => {
    const r = await world.secretary.donation.reconciliation({ activityId: story.activityId })
    const sumOf = (rows: typeof form.rows) => rows.reduce((sum, row) => sum + fenOf(row['金额（元）']), 0)
    const cash = form.rows.filter((row) => row.物品 === '慰问金')
    const goods = form.rows.filter((row) => row.物品 !== '慰问金')
    expect(sumOf(cash)).toBe(r.totals.handedOver.cashFen)
    expect(sumOf(goods)).toBe(r.totals.handedOver.goodsValueFen)
    expect(fenOf(form.total)).toBe(r.totals.handedOver.totalFen)
    expect(fenOf(form.total)).toBe(STORY_DONATIONS_FEN)
    for (const item of r.totals.handedOver.goods) {
      const lines = goods.filter((row) => row.物品 === item.item && row.单位 === item.unit)
      expect(
        lines.reduce((sum, row) => sum + Number(row.数量), 0),
        item.item,
      ).toBe(item.quantity)
      expect(sumOf(lines), item.item).toBe(item.valueFen)
    }
    expect(formatFen(r.totals.received.totalFen - fenOf(form.total))).toBe('¥0.00')
    expect(form.after[0]).toBe(`其中慰问金 ¥36,000.00，物资 ¥8,000.00（大米 40袋、面粉 40袋、食用油 20桶）`)
  })

  it('says who signed for what, how and when', () => {
    const ma = form.rows.filter((r) => r.户主 === '马德林')
    for (const row of ma) expect(row).toMatchObject({ 签收: '已签收', 签收方式: '微信确认' })
    for (const row of ma) expect(String(row.签收时间)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)
    const others = form.rows.filter((r) => r.户主 !== '马德林')
    for (const row of others) expect(row).toMatchObject({ 签收: '待签收', 签收方式: null, 签收时间: null })
  })

  it('is on the audit trail with its filters and totals', async () => {
    await expectExportAudited(
      world,
      { action: 'export.handoverSignSheet', actorId: world.ref.users.secretary.id },
      {
        filters: { activityId: story.activityId, villageId: null, from: null, to: null },
        rowCount: form.rows.length,
        handoverCount: 10,
        ...STORY_MONEY,
      },
    )
  })
})

describe('a village over a period', () => {
  it('lists the village’s handovers within the dates, and none outside them', async () => {
    const village = world.ref.villages.qianyue.id
    const january = formOf(
      await workbookFrom(await download(tokens.cadre, `?villageId=${village}&from=2025-01-01&to=2025-01-31`)),
      SIGN_SHEET_NAME,
    )
    expect(january.title).toBe('前跃村发放签收表')
    expect(january.subtitle).toContain('发放日期：2025-01-01 至 2025-01-31')
    expect(fenOf(january.total)).toBe(STORY_DONATIONS_FEN)
    const february = formOf(
      await workbookFrom(await download(tokens.cadre, `?villageId=${village}&from=2025-02-01&to=2025-02-28`)),
      SIGN_SHEET_NAME,
    )
    expect(february.rows).toEqual([])
    expect(fenOf(february.total)).toBe(0)
  })
})

describe('the 公示 version', () => {
  let workbook: ExcelJS.Workbook
  beforeAll(async () => {
    workbook = await workbookFrom(await downloadPublic(tokens.cadre, `?activityId=${story.activityId}`))
  })

  it('masks every name, and shows the items and amounts', () => {
    const form = formOf(workbook, PUBLIC_SIGN_SHEET_NAME)
    expect(form.title).toBe('情系帮扶联点村 走访慰问暖民心 发放公示表')
    expect(form.headers).toEqual(PUBLIC_SIGN_SHEET_COLUMNS.map((c) => c.header))
    const names = new Set(form.rows.map((r) => r.户主))
    expect([...names].sort()).toEqual(['马*林', '李*兰', '韩*福', '祁*才', '星*林', '李*华（驻村干部）'].sort())
    expect(fenOf(form.total)).toBe(STORY_DONATIONS_FEN)
    const maCash = form.rows.filter((r) => r.户主 === '马*林' && r.物品 === '慰问金')
    expect(maCash.map((r) => fenOf(r['金额（元）']))).toEqual([50_000, 680_000])
  })

  it('has no signature, no signing details, and no full name anywhere in the file', () => {
    const text = everyText(workbook)
    for (const name of ['马德林', '李桂兰', '韩永福', '祁有才', '星占林', '李振华']) expect(text).not.toContain(name)
    for (const word of ['签名', '签收方式', '签收时间', '微信确认']) expect(text).not.toContain(word)
  })

  it('is audited as its own action', async () => {
    await expectExportAudited(
      world,
      { action: 'export.handoverSignSheetPublic', actorId: world.ref.users.cadre.id },
      { filters: { activityId: story.activityId, villageId: null, from: null, to: null }, handoverCount: 10 },
    )
  })
})

describe('scope and refusals', () => {
  it('gives a cadre of another village none of 前跃村’s handovers', async () => {
    const form = formOf(
      await workbookFrom(await download(tokens.otherCadre, `?activityId=${story.activityId}`)),
      SIGN_SHEET_NAME,
    )
    expect(form.rows).toEqual([])
    // Nor the activity's theme in the title.
    expect(form.title).toBe('发放签收表')
  })

  it('asks for an activity or a village', async () => {
    await expectValidationFailures((query) => download(tokens.secretary, query), {
      '': 'villageId',
      '?from=2025-01-01': 'villageId',
      '?activityId=abc': 'activityId',
      [`?villageId=${world.ref.villages.qianyue.id}&from=2025-02-01&to=2025-01-01`]: 'to',
      [`?activityId=${story.activityId}&householdId=x`]: 'query',
    })
  })

  // The story's activity when no query is given, so that only the refusal itself is tested.
  itRefusesLikeEveryExport({
    download: (token, query) => download(token, query || `?activityId=${story.activityId}`),
    tokens: () => ({ staff: tokens.secretary, resident: tokens.resident }),
    badFilters: { '?activityId=abc': 'activityId', [`?villageId=${ANY_VILLAGE}&from=2025-13-01`]: 'from' },
  })
})
