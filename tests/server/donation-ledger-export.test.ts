// The 捐赠台账 Excel export over real HTTP: the 前跃村 story's ¥44,000 must reconcile to the fen in
// the file as in the app, each caller gets only their scope, text cannot turn into formulas, and
// every export is audited.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { PARTY_DAY, replayStory, STORY_DONATIONS_FEN, STORY_MONEY } from '../../prisma/seed/story'
import { buildServer } from '../../server/http/build-server'
import {
  exportDonationLedger,
  HIDDEN_HOUSEHOLDS_LABEL,
  LEDGER_COLUMNS,
  LEDGER_SHEET,
  SUMMARY_SHEET,
} from '../../server/services/exports/donation-ledger'
import { BAD_VILLAGE_AND_DATES, itRefusesLikeEveryExport } from '../helpers/export-refusals'
import { serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'
import {
  downloadMonthOfVillage,
  expectExportAudited,
  exportDownload,
  exportedWorkbook,
  fenOf,
  headerOf,
  rowsOf,
  sheetOf,
  workbookFrom,
} from '../helpers/xlsx'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>
let baseUrl: string
let tokens: Record<'secretary' | 'cadre' | 'otherCadre' | 'resident', string>

/** The columns as documented in docs/exports.md. */
const DOCUMENTED_HEADERS = [
  '日期',
  '捐赠方',
  '受赠村',
  '受赠方',
  '类型',
  '现金（元）',
  '物资名称',
  '数量',
  '单位',
  '单价（元）',
  '物资价值（元）',
  '活动',
  '备注',
  '捐赠编号',
]
const column = (header: string) => DOCUMENTED_HEADERS.indexOf(header) + 1

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
  const served = await serveWorld(world, ['secretary', 'cadre', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
})

const download = (token: string | null, query = '') => exportDownload(baseUrl, 'donation-ledger')(token, query)

/** The ledger's data rows, as header → value. */
const ledgerRows = (workbook: ExcelJS.Workbook) => rowsOf(workbook, LEDGER_SHEET, DOCUMENTED_HEADERS)

/** The summary row whose first cell is `label`, within the section titled `section`. */
const summaryRow = (workbook: ExcelJS.Workbook, label: string, section?: string) => {
  const sheet = sheetOf(workbook, SUMMARY_SHEET)
  let inSection = section === undefined
  let found: ExcelJS.CellValue[] | undefined
  sheet.eachRow((row) => {
    const first = row.getCell(1).value
    if (section !== undefined && typeof first === 'string' && first.startsWith('按')) inSection = first === section
    if (inSection && first === label && !found) found = [1, 2, 3, 4, 5].map((i) => row.getCell(i).value)
  })
  return found
}

const summarySection = (workbook: ExcelJS.Workbook, section: string) => {
  const sheet = sheetOf(workbook, SUMMARY_SHEET)
  const rows: ExcelJS.CellValue[][] = []
  let inSection = false
  sheet.eachRow((row) => {
    const first = row.getCell(1).value
    if (typeof first === 'string' && first.startsWith('按')) {
      inSection = first === section
      return
    }
    if (inSection) rows.push([1, 2, 3, 4, 5].map((i) => row.getCell(i).value))
  })
  return rows
}

describe('the secretary’s download of the 前跃村 ledger', () => {
  const file = downloadMonthOfVillage(
    () => download(tokens.secretary, `?villageId=${world.ref.villages.qianyue.id}&from=2025-01-01&to=2025-01-31`),
    { village: '前跃村', what: '捐赠台账', whatAscii: 'donation-ledger', month: '2025-01' },
  )

  it('has the ledger then the summary, with the documented columns in order', () => {
    expect(file.workbook.worksheets.map((s) => s.name)).toEqual([LEDGER_SHEET, SUMMARY_SHEET])
    expect(headerOf(sheetOf(file.workbook, LEDGER_SHEET))).toEqual(DOCUMENTED_HEADERS)
    expect(LEDGER_COLUMNS.map((c) => c.header)).toEqual(DOCUMENTED_HEADERS)
  })

  it('has one row per cash donation and per goods line', () => {
    const rows = ledgerRows(file.workbook)
    expect(rows).toHaveLength(7 + 3)
    const goods = rows.filter((r) => r.类型 === '物资')
    expect(goods.map((r) => `${r.物资名称}${r.数量}${r.单位}`)).toEqual(['大米40袋', '面粉40袋', '食用油20桶'])
    expect(goods.map((r) => fenOf(r['物资价值（元）']))).toEqual([400_000, 300_000, 100_000])
    expect(goods.every((r) => r.捐赠方 === '西宁市司法局机关党支部' && r['现金（元）'] === null)).toBe(true)
    const cash = rows.filter((r) => r.类型 === '现金')
    expect(cash).toHaveLength(7)
    expect(new Set(cash.map((r) => r.捐赠编号)).size).toBe(7)
    expect(rows.every((r) => r.日期 === PARTY_DAY && r.受赠村 === '前跃村' && r.受赠方 === '村集体')).toBe(true)
    expect(rows.every((r) => r.活动 === '情系帮扶联点村 走访慰问暖民心')).toBe(true)
  })

  it('reconciles to ¥44,000 to the fen, in the rows and in the summary', () => {
    const rows = ledgerRows(file.workbook)
    const rowsFen = rows.reduce((sum, r) => sum + fenOf(r['现金（元）']) + fenOf(r['物资价值（元）']), 0)
    expect(rowsFen).toBe(STORY_DONATIONS_FEN)
    const [label, cash, goods, total, count] = summaryRow(file.workbook, '合计') ?? []
    expect(label).toBe('合计')
    expect([fenOf(cash), fenOf(goods), fenOf(total), count]).toEqual([3_600_000, 800_000, STORY_DONATIONS_FEN, 8])
    // Money cells are numbers shown as 44,000.00.
    const totalCell = sheetOf(file.workbook, SUMMARY_SHEET).findRow(6)?.getCell(4)
    expect(totalCell?.value).toBe(44_000)
    expect(totalCell?.numFmt).toBe('#,##0.00')
    expect(sheetOf(file.workbook, LEDGER_SHEET).getRow(2).getCell(column('现金（元）')).numFmt).toBe('#,##0.00')
  })

  it('totals per donor and per village, in-kind beside cash', () => {
    const donors = summarySection(file.workbook, '按捐赠方')
    expect(donors).toHaveLength(8)
    expect(donors.reduce((sum, [, , , total]) => sum + fenOf(total), 0)).toBe(STORY_DONATIONS_FEN)
    expect(summaryRow(file.workbook, '西宁市司法局机关党支部', '按捐赠方')?.slice(1)).toEqual([0, 8_000, 8_000, 1])
    expect(summaryRow(file.workbook, '前跃村', '按受赠村')?.slice(1)).toEqual([36_000, 8_000, 44_000, 8])
    expect(summarySection(file.workbook, '按困难群众户')).toEqual([['（无）', null, null, null, null]])
  })

  it('is on the audit trail with its filters and row count', async () => {
    await expectExportAudited(
      world,
      { action: 'export.donationLedger', actorId: world.ref.users.secretary.id },
      {
        filters: { villageId: world.ref.villages.qianyue.id, activityId: null, from: '2025-01-01', to: '2025-01-31' },
        rowCount: 10,
        donationCount: 8,
        ...STORY_MONEY,
      },
    )
  })
})

describe('scope', () => {
  it('gives a cadre of another village none of 前跃村’s donations', async () => {
    const response = await download(tokens.otherCadre)
    const workbook = await workbookFrom(response)
    expect(ledgerRows(workbook)).toEqual([])
    expect(summaryRow(workbook, '合计')?.slice(1)).toEqual([0, 0, 0, 0])
    expect(summaryRow(workbook, '前跃村')).toBeUndefined()
    // The file name does not name a village the caller cannot see, and says when it was made.
    const other = await download(tokens.otherCadre, `?villageId=${world.ref.villages.qianyue.id}`)
    expect(other.headers.get('content-disposition')).toContain(
      encodeURIComponent(`捐赠台账-${shanghaiDate()}.xlsx`).replace(/'/g, '%27'),
    )
    expect(other.headers.get('content-disposition')).not.toContain(encodeURIComponent('前跃村'))
    expect(ledgerRows(await workbookFrom(other))).toEqual([])
  })

  it('does not name a household the caller may not see, but counts its donation', async () => {
    // The bureau's branch gives to a household of 上滩村, a village not paired with it: the
    // secretary sees the donation (their branch gave it), but not who received it.
    const donation = await world.deps.prisma.donation.create({
      data: {
        donorOrgId: world.ref.orgs.bureauBranch.id,
        donorName: '西宁市司法局机关党支部',
        recipientKind: 'HOUSEHOLD',
        villageId: world.ref.villages.shangtan.id,
        householdId: story.shangtanHouseholdId,
        kind: 'CASH',
        amountFen: 12_345n,
        receivedOn: new Date('2025-03-05T00:00:00Z'),
      },
    })
    const asSecretary = await workbookFrom(await download(tokens.secretary, '?from=2025-03-01&to=2025-03-31'))
    expect(ledgerRows(asSecretary)).toMatchObject([
      { 捐赠编号: donation.id, 受赠村: '上滩村', 受赠方: '困难群众户', 类型: '现金' },
    ])
    expect(fenOf(ledgerRows(asSecretary)[0]?.['现金（元）'] ?? null)).toBe(12_345)
    expect(summarySection(asSecretary, '按困难群众户')).toEqual([[HIDDEN_HOUSEHOLDS_LABEL, 123.45, 0, 123.45, 1]])
    // The village's own cadre keeps its records, and sees the name.
    const asOtherCadre = await workbookFrom(await download(tokens.otherCadre, '?from=2025-03-01'))
    expect(ledgerRows(asOtherCadre).map((r) => r.受赠方)).toEqual(['困难群众户 何长寿（ST-001）'])
    expect(summarySection(asOtherCadre, '按困难群众户')).toEqual([['何长寿（ST-001）', 123.45, 0, 123.45, 1]])
  })
})

describe('refusals', () => {
  itRefusesLikeEveryExport({
    download,
    tokens: () => ({ staff: tokens.secretary, resident: tokens.resident }),
    badFilters: { ...BAD_VILLAGE_AND_DATES, '?village=前跃村': 'query' },
  })

  it('does not run the export for HEAD', async () => {
    const response = await fetch(`${baseUrl}/exports/donation-ledger.xlsx`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${tokens.secretary}` },
    })
    expect(response.status).toBe(404)
  })

  it('counts against the per-address limit', async () => {
    const deps = { ...world.deps, security: { ...world.deps.security, requestsPerMinutePerIp: 2 } }
    const server = await buildServer({ deps, logger: pino({ level: 'silent' }) })
    const url = await server.listen({ host: '127.0.0.1', port: 0 })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${url}/exports/donation-ledger.xlsx`)
        statuses.push(response.status)
        await response.arrayBuffer()
      }
      expect(statuses).toEqual([401, 401, 429])
    } finally {
      await server.close()
    }
  })
})

describe('formula injection', () => {
  it('makes a donor named like a formula inert when the file is opened', async () => {
    const donor = '=HYPERLINK("http://x","y")'
    await world.secretary.donation.create({
      donorName: donor,
      recipientKind: 'VILLAGE',
      villageId: world.ref.villages.qianyue.id,
      kind: 'CASH',
      amountFen: 100,
      receivedOn: '2025-02-10',
      note: '+1 与 @SUM(A1) 都只是文字',
    })
    const response = await download(tokens.secretary, '?from=2025-02-10&to=2025-02-10')
    expect(response.headers.get('content-disposition')).toContain('filename="donation-ledger-2025-02-10.xlsx"')
    const workbook = await workbookFrom(response)
    const cell = sheetOf(workbook, LEDGER_SHEET).getRow(2).getCell(column('捐赠方'))
    expect(cell.value).toBe(`'${donor}`)
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.formula).toBeUndefined()
    expect(sheetOf(workbook, LEDGER_SHEET).getRow(2).getCell(column('备注')).value).toBe("'+1 与 @SUM(A1) 都只是文字")
    expect(summaryRow(workbook, `'${donor}`, '按捐赠方')?.slice(1)).toEqual([1, 0, 1, 1])
  })
})

describe('voided donations and batches', () => {
  it('leaves voided donations out, and reads every row once across batches', async () => {
    const voided = await world.secretary.donation.create({
      donorOrgId: world.ref.orgs.firmBranches[0]?.id,
      recipientKind: 'VILLAGE',
      villageId: world.ref.villages.qianyue.id,
      kind: 'CASH',
      activityId: story.activityId,
      amountFen: 99_900,
      receivedOn: PARTY_DAY,
    })
    await world.secretary.donation.void({ id: voided.id, version: voided.version, reason: '重复登记' })
    const ctx = await world.serviceContextAs(world.ref.users.secretary.id)
    // Eight donations on one day and batches of three: the cursor must step within a date.
    for (const batchSize of [1, 3, 500]) {
      const { result, workbook } = await exportedWorkbook((output) =>
        exportDonationLedger({ ctx, input: { activityId: story.activityId }, output, batchSize }),
      )
      expect(result, `batches of ${batchSize}`).toEqual({
        rowCount: 10,
        donationCount: 8,
        ...STORY_MONEY,
      })
      const rows = ledgerRows(workbook)
      expect(rows.map((r) => r.捐赠编号)).not.toContain(voided.id)
      expect(new Set(rows.map((r) => `${r.捐赠编号}${r.物资名称}`)).size).toBe(10)
    }
  })
})

describe('a reader that stops reading', () => {
  it('holds the export back instead of buffering it, and audits what was sent when the download is cancelled', async () => {
    const total = 5_000
    await world.deps.prisma.donation.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        donorName: `外部捐赠人${i}`,
        recipientKind: 'VILLAGE' as const,
        villageId: world.ref.villages.qianyue.id,
        kind: 'CASH' as const,
        amountFen: BigInt(100 + i),
        receivedOn: new Date(`2024-06-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`),
      })),
    })
    const requestId = `slow-reader-${Date.now()}`
    const ctx = await world.serviceContextAs(world.ref.users.secretary.id, requestId)
    // Nobody reads this output, as when a client's connection stalls.
    const output = new PassThrough({ highWaterMark: 16 * 1024 })
    const running = exportDonationLedger({
      ctx,
      input: { from: '2024-06-01', to: '2024-06-30' },
      output,
      batchSize: 100,
    })
    // Until the unread output is full: the export has written rows and waits on the reader (however
    // busy the machine, which only makes that moment later).
    const started = Date.now()
    while (output.readableLength < output.readableHighWaterMark && Date.now() - started < 20_000)
      await new Promise((resolve) => setTimeout(resolve, 50))
    await new Promise((resolve) => setTimeout(resolve, 200))
    output.destroy()
    await expect(running).rejects.toThrow('cancelled')
    const entry = await world.deps.prisma.auditLog.findFirst({ where: { requestId } })
    const after = entry?.after as { rowCount: number; isComplete: boolean } | undefined
    expect(after?.isComplete).toBe(false)
    expect(after?.rowCount).toBeGreaterThan(0)
    expect(after?.rowCount).toBeLessThan(total)
  })
})
