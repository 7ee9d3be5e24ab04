// The 捐赠台账's ledger sheet cell by cell, against what it must hold: each cell's value and type,
// the yuan format on every cell of the money columns (blank ones too, so that what is typed in
// later is money), no format elsewhere, the bold header row, the frozen pane and the widths. The
// expected rows are built here from the database, not from the export's own code.
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { replayStory } from '../../prisma/seed/story'
import { exportDonationLedger, LEDGER_COLUMNS, LEDGER_SHEET } from '../../server/services/exports/donation-ledger'
import { YUAN_FORMAT } from '../../server/services/exports/xlsx-cells'
import { createWorld, type World } from '../helpers/world'
import { exportedWorkbook, sheetOf } from '../helpers/xlsx'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
})

type Expected = Record<(typeof LEDGER_COLUMNS)[number]['key'], ExcelJS.CellValue>

/** The rows the ledger must hold for the story's activity, in date then id order. */
const expectedRows = async (): Promise<Expected[]> => {
  const donations = await world.deps.prisma.donation.findMany({
    where: { activityId: story.activityId, voidedAt: null },
    include: { village: true, activity: true, goods: { orderBy: { id: 'asc' } } },
    orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
  })
  return donations.flatMap((d): Expected[] => {
    const common = {
      receivedOn: d.receivedOn.toISOString().slice(0, 10),
      donor: d.donorName,
      village: d.village.name,
      recipient: '村集体',
      activity: d.activity?.theme ?? null,
      note: d.note,
      donationId: d.id,
    }
    if (d.kind === 'CASH')
      return [
        {
          ...common,
          kind: '现金',
          cash: Number(d.amountFen) / 100,
          item: null,
          quantity: null,
          unit: null,
          unitValue: null,
          goodsValue: null,
        },
      ]
    return d.goods.map((line) => ({
      ...common,
      kind: '物资',
      cash: null,
      item: line.item,
      quantity: line.quantity,
      unit: line.unit,
      unitValue: Number(line.unitValueFen) / 100,
      goodsValue: Number(line.valueFen) / 100,
    }))
  })
}

describe('the ledger sheet, cell by cell', () => {
  let sheet: ExcelJS.Worksheet
  beforeAll(async () => {
    const ctx = await world.serviceContextAs(world.ref.users.secretary.id)
    const { workbook } = await exportedWorkbook((output) =>
      exportDonationLedger({ ctx, input: { activityId: story.activityId }, output, batchSize: 3 }),
    )
    sheet = sheetOf(workbook, LEDGER_SHEET)
  })

  it('holds every expected value, of the expected type, and the yuan format on the money columns only', async () => {
    const expected = await expectedRows()
    expect(expected).toHaveLength(10)
    expect(sheet.actualRowCount).toBe(1 + expected.length)
    expected.forEach((row, i) => {
      const cells = sheet.getRow(i + 2)
      LEDGER_COLUMNS.forEach((column, c) => {
        const cell = cells.getCell(c + 1)
        const at = `${cell.address} ${column.header}`
        expect(cell.value ?? null, at).toBe(row[column.key] ?? null)
        expect(cell.numFmt, at).toBe('isYuan' in column ? YUAN_FORMAT : undefined)
        expect(cell.font?.bold, at).toBeUndefined()
      })
    })
  })

  it('has the bold header row frozen above the rows, and the columns’ widths', () => {
    const header = sheet.getRow(1)
    LEDGER_COLUMNS.forEach((column, c) => {
      expect(header.getCell(c + 1).value).toBe(column.header)
      expect(header.getCell(c + 1).font?.bold, column.header).toBe(true)
      expect(sheet.getColumn(c + 1).width, column.header).toBe(column.width)
    })
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  })
})
