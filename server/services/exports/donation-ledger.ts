// The 捐赠台账 as an Excel workbook (docs/exports.md): every live donation in the caller's scope that
// matches the filters, one row per cash donation or per goods line, then a summary sheet.
//   - Streamed: donations are read in batches (keyset pagination on date and id) and each row is
//     committed to exceljs's streaming writer, which zips as it goes; between batches we wait for
//     the output to drain, so memory stays bounded however large the ledger is.
//   - The summary is tallied from the very rows written, in integer fen, so the two sheets
//     reconcile to the fen by construction (voided donations are in neither).
//   - Households the caller may not see are not named (visible-households.ts); their donations
//     still count, under one unnamed line.
//   - The export is audited before the file is finished: a file that could not be audited is
//     never completed. A download cut short is audited too, with what had been sent.
import type { Writable } from 'node:stream'
import type ExcelJS from 'exceljs'
import type { TDonationLedgerRequest } from '../../../common/contracts/export/donation-ledger'
import { dateOnlyToDate, dateToDateOnly, formatShanghaiDateTime } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { writeAudit } from '../audit/write-audit'
import { visibleHouseholdIds } from '../households/visible-households'
import { householdRefSelect } from '../record-selects'
import { donationScope } from '../scope'
import { onReadReplica, type ServiceContext } from '../service-context'
import { type PlainCell, toCells, YUAN_FORMAT, yuanCell } from './xlsx-cells'
import { addSheetWithHeader, inColumnOrder, keysetBatches, writeAuditedWorkbook } from './xlsx-stream'

/**
 * The ledger sheet's columns, in order. The order is part of the export's contract (people build
 * pivot tables and macros on it; docs/exports.md): add new columns at the end.
 */
export const LEDGER_COLUMNS = [
  { key: 'receivedOn', header: '日期', width: 12 },
  { key: 'donor', header: '捐赠方', width: 30 },
  { key: 'village', header: '受赠村', width: 12 },
  { key: 'recipient', header: '受赠方', width: 26 },
  { key: 'kind', header: '类型', width: 8 },
  { key: 'cash', header: '现金（元）', width: 14, isYuan: true },
  { key: 'item', header: '物资名称', width: 14 },
  { key: 'quantity', header: '数量', width: 8 },
  { key: 'unit', header: '单位', width: 8 },
  { key: 'unitValue', header: '单价（元）', width: 12, isYuan: true },
  { key: 'goodsValue', header: '物资价值（元）', width: 14, isYuan: true },
  { key: 'activity', header: '活动', width: 32 },
  { key: 'note', header: '备注', width: 32 },
  { key: 'donationId', header: '捐赠编号', width: 38 },
] as const

type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key']
type LedgerRow = Record<LedgerColumnKey, PlainCell>

/** The summary sheet's columns: a name, cash beside the in-kind value, their sum, the count. */
export const SUMMARY_COLUMNS = ['名称', '现金（元）', '物资价值（元）', '合计（元）', '捐赠笔数'] as const

export const LEDGER_SHEET = '捐赠台账'
export const SUMMARY_SHEET = '汇总'
/** Where the summary lists donations to households the caller may not see, without naming them. */
export const HIDDEN_HOUSEHOLDS_LABEL = '其他困难群众户（不在您的查看范围内）'

const KIND_LABELS = { CASH: '现金', GOODS: '物资' } as const
const DEFAULT_BATCH_SIZE = 500

const ledgerSelect = {
  id: true,
  kind: true,
  amountFen: true,
  recipientKind: true,
  receivedOn: true,
  note: true,
  donorOrgId: true,
  donorName: true,
  village: { select: { id: true, name: true } },
  household: { select: householdRefSelect },
  cadre: { select: { displayName: true } },
  activity: { select: { theme: true } },
  goods: {
    select: { item: true, quantity: true, unit: true, unitValueFen: true, valueFen: true },
    orderBy: { id: 'asc' },
  },
} satisfies Prisma.DonationSelect

type LedgerDonation = Prisma.DonationGetPayload<{ select: typeof ledgerSelect }>

export const ledgerWhere = (ctx: ServiceContext, input: TDonationLedgerRequest): Prisma.DonationWhereInput => ({
  AND: [
    donationScope(ctx.actor),
    { voidedAt: null },
    input.villageId ? { villageId: input.villageId } : {},
    input.activityId ? { activityId: input.activityId } : {},
    input.from ? { receivedOn: { gte: dateOnlyToDate(input.from) } } : {},
    input.to ? { receivedOn: { lte: dateOnlyToDate(input.to) } } : {},
  ],
})

/** The rows after the last one read, in (date, id) order; ids are unique, so none is read twice. */
const after = (last: LedgerDonation | undefined): Prisma.DonationWhereInput =>
  last
    ? {
        OR: [{ receivedOn: { gt: last.receivedOn } }, { receivedOn: last.receivedOn, id: { gt: last.id } }],
      }
    : {}

// ─── Tallies for the summary sheet ─────────────────────────────────────────────────────

type Tally = { label: string; cashFen: number; goodsValueFen: number; donationCount: number }

const exactSum = (a: number, b: number): number => {
  const sum = a + b
  if (!Number.isSafeInteger(sum)) throw new RangeError('donation total beyond the exact range')
  return sum
}

const addTo = (tally: Tally, donation: LedgerDonation) => {
  const fen = toFen(donation.amountFen)
  if (donation.kind === 'CASH') tally.cashFen = exactSum(tally.cashFen, fen)
  else tally.goodsValueFen = exactSum(tally.goodsValueFen, fen)
  tally.donationCount += 1
}

const tallyIn = (tallies: Map<string, Tally>, key: string, label: string): Tally => {
  const existing = tallies.get(key)
  if (existing) return existing
  const created = { label, cashFen: 0, goodsValueFen: 0, donationCount: 0 }
  tallies.set(key, created)
  return created
}

const totalOf = (t: Tally) => exactSum(t.cashFen, t.goodsValueFen)

const byTotalDesc = (a: Tally, b: Tally) => totalOf(b) - totalOf(a) || a.label.localeCompare(b.label, 'zh-CN')

// ─── Rows ──────────────────────────────────────────────────────────────────────────────

const householdLabel = (household: { code: string; headName: string }) => `${household.headName}（${household.code}）`

/** 受赠方 as the ledger shows it to this caller. */
const recipientOf = (donation: LedgerDonation, isHouseholdVisible: boolean): string => {
  if (donation.recipientKind === 'HOUSEHOLD')
    return donation.household && isHouseholdVisible ? `困难群众户 ${householdLabel(donation.household)}` : '困难群众户'
  if (donation.recipientKind === 'CADRE') return `驻村干部${donation.cadre ? ` ${donation.cadre.displayName}` : ''}`
  return '村集体'
}

const ledgerRowsOf = (donation: LedgerDonation, isHouseholdVisible: boolean): LedgerRow[] => {
  const common = {
    receivedOn: dateToDateOnly(donation.receivedOn),
    donor: donation.donorName,
    village: donation.village.name,
    recipient: recipientOf(donation, isHouseholdVisible),
    kind: KIND_LABELS[donation.kind],
    activity: donation.activity?.theme ?? null,
    note: donation.note,
    donationId: donation.id,
  }
  const noGoods = { item: null, quantity: null, unit: null, unitValue: null, goodsValue: null }
  if (donation.kind === 'CASH') return [{ ...common, ...noGoods, cash: yuanCell(toFen(donation.amountFen)) }]
  // Goods recorded without lines (none should be) still show their value.
  if (!donation.goods.length)
    return [{ ...common, ...noGoods, cash: null, goodsValue: yuanCell(toFen(donation.amountFen)) }]
  return donation.goods.map((line) => ({
    ...common,
    cash: null,
    item: line.item,
    quantity: line.quantity,
    unit: line.unit,
    unitValue: yuanCell(toFen(line.unitValueFen)),
    goodsValue: yuanCell(toFen(line.valueFen)),
  }))
}

// ─── Streaming ─────────────────────────────────────────────────────────────────────────

export type DonationLedgerExport = {
  ctx: ServiceContext
  input: TDonationLedgerRequest
  /** Where the .xlsx goes: the HTTP response, or a file. Ended when the workbook is complete. */
  output: Writable
  /** Donations read per query. */
  batchSize?: number
}

export type DonationLedgerResult = { rowCount: number; donationCount: number; cashFen: number; goodsValueFen: number }

export const exportDonationLedger = async ({
  ctx,
  input,
  output,
  batchSize = DEFAULT_BATCH_SIZE,
}: DonationLedgerExport): Promise<DonationLedgerResult> => {
  const total: Tally = { label: '合计', cashFen: 0, goodsValueFen: 0, donationCount: 0 }
  const byDonor = new Map<string, Tally>()
  const byVillage = new Map<string, Tally>()
  const byHousehold = new Map<string, Tally>()
  let rowCount = 0
  const where = ledgerWhere(ctx, input)
  // The rows from the read replica when there is one; the audit entry through ctx, on the primary.
  const reader = onReadReplica(ctx)

  const write = async (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => {
    const sheet = addSheetWithHeader(workbook, LEDGER_SHEET, LEDGER_COLUMNS)
    const batches = keysetBatches<LedgerDonation>({
      output,
      batchSize,
      read: (last, take) =>
        reader.db.donation.findMany({
          where: { AND: [where, after(last)] },
          select: ledgerSelect,
          orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
          take,
        }),
    })
    for await (const batch of batches) {
      const visible = await visibleHouseholdIds(
        reader,
        batch.map((d) => d.household?.id),
      )
      for (const donation of batch) {
        const isHouseholdVisible = Boolean(donation.household && visible.has(donation.household.id))
        for (const row of ledgerRowsOf(donation, isHouseholdVisible)) {
          sheet.addRow(inColumnOrder(LEDGER_COLUMNS, row)).commit()
          rowCount += 1
        }
        addTo(total, donation)
        addTo(tallyIn(byDonor, donation.donorOrgId ?? `name:${donation.donorName}`, donation.donorName), donation)
        addTo(tallyIn(byVillage, donation.village.id, donation.village.name), donation)
        if (donation.household) {
          const tally = isHouseholdVisible
            ? tallyIn(byHousehold, donation.household.id, householdLabel(donation.household))
            : tallyIn(byHousehold, 'hidden', HIDDEN_HOUSEHOLDS_LABEL)
          addTo(tally, donation)
        }
      }
    }
    sheet.commit()
    writeSummary(workbook, input, { total, byDonor, byVillage, byHousehold })
  }

  await writeAuditedWorkbook({
    ctx,
    output,
    write,
    hasWritten: () => rowCount > 0,
    audit: (isComplete) =>
      writeAudit(ctx, {
        action: 'export.donationLedger',
        entityType: 'Export',
        entityId: 'donation-ledger',
        after: {
          filters: {
            villageId: input.villageId ?? null,
            activityId: input.activityId ?? null,
            from: input.from ?? null,
            to: input.to ?? null,
          },
          rowCount,
          donationCount: total.donationCount,
          cashFen: total.cashFen,
          goodsValueFen: total.goodsValueFen,
          isComplete,
        },
      }),
  })
  return { rowCount, donationCount: total.donationCount, cashFen: total.cashFen, goodsValueFen: total.goodsValueFen }
}

type Tallies = {
  total: Tally
  byDonor: Map<string, Tally>
  byVillage: Map<string, Tally>
  byHousehold: Map<string, Tally>
}

const writeSummary = (
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  input: TDonationLedgerRequest,
  tallies: Tallies,
) => {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET)
  sheet.columns = [
    { width: 36 },
    ...SUMMARY_COLUMNS.slice(1, 4).map(() => ({ width: 16, style: { numFmt: YUAN_FORMAT } })),
    { width: 10 },
  ]
  const add = (values: PlainCell[], isBold = false) => {
    const row = sheet.addRow(toCells(values))
    if (isBold) row.font = { bold: true }
    row.commit()
  }
  const tallyRow = (t: Tally): PlainCell[] => [
    t.label,
    yuanCell(t.cashFen),
    yuanCell(t.goodsValueFen),
    yuanCell(totalOf(t)),
    t.donationCount,
  ]
  add(['捐赠台账汇总'], true)
  add(['统计范围', periodText(input)])
  add(['导出时间', formatShanghaiDateTime(new Date())])
  add([])
  add([...SUMMARY_COLUMNS], true)
  add(tallyRow(tallies.total), true)
  const section = (title: string, tallies: Map<string, Tally>) => {
    add([])
    add([title, ...SUMMARY_COLUMNS.slice(1)], true)
    const rows = [...tallies.values()].sort(byTotalDesc)
    if (!rows.length) add(['（无）'])
    for (const t of rows) add(tallyRow(t))
  }
  section('按捐赠方', tallies.byDonor)
  section('按受赠村', tallies.byVillage)
  section('按困难群众户', tallies.byHousehold)
  sheet.commit()
}

const periodText = (input: TDonationLedgerRequest): string => {
  if (input.from && input.to) return `${input.from} 至 ${input.to}`
  if (input.from) return `${input.from} 起`
  if (input.to) return `截至 ${input.to}`
  return '全部日期'
}
