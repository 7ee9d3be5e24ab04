// The 捐赠台账 as an Excel workbook (docs/exports.md): every live donation in the caller's scope that
// matches the filters, one row per cash donation or per goods line, then a summary sheet.
//   - Streamed: donations are read in batches (keyset pagination on date and id) and each row is
//     committed to exceljs's streaming writer, which zips as it goes; between batches we wait for
//     the output to drain, so memory stays bounded however large the ledger is (xlsx-stream.ts).
//   - The summary is tallied from the very rows written, in integer fen, so the two sheets
//     reconcile to the fen by construction (voided donations are in neither;
//     donation-ledger-summary.ts).
//   - Households the caller may not see are not named (visible-households.ts); their donations
//     still count, under one unnamed line.
//   - The export is audited before the file is finished: a file that could not be audited is
//     never completed. A download cut short is audited too, with what had been sent.
import type { TDonationLedgerRequest } from '../../../common/contracts/export/donation-ledger'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { visibleHouseholdIds } from '../households/visible-households'
import { goodsLineSelect, householdRefSelect } from '../record-selects'
import { donationScope } from '../scope'
import { onReadReplica, type ServiceContext } from '../service-context'
import { createLedgerSummary, HIDDEN_HOUSEHOLDS_LABEL, type TalliedDonation } from './donation-ledger-summary'
import { type PlainCell, yuanCell } from './xlsx-cells'
import { DEFAULT_BATCH_SIZE, keysetBatches, writeAuditedWorkbook, writeSheet, type XlsxExport } from './xlsx-stream'

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

export const LEDGER_SHEET = '捐赠台账'
export { HIDDEN_HOUSEHOLDS_LABEL, SUMMARY_SHEET } from './donation-ledger-summary'

const KIND_LABELS = { CASH: '现金', GOODS: '物资' } as const

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
  goods: { select: goodsLineSelect, orderBy: { id: 'asc' } },
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

export type DonationLedgerExport = XlsxExport<TDonationLedgerRequest>

export type DonationLedgerResult = { rowCount: number; donationCount: number; cashFen: number; goodsValueFen: number }

/** A donation with whether the caller may see the household it went to. */
type LedgerRecord = { donation: LedgerDonation; isHouseholdVisible: boolean }

/** The donations with whether the caller may see the household each went to. */
const withVisibility = async (ctx: ServiceContext, donations: LedgerDonation[]): Promise<LedgerRecord[]> => {
  const visible = await visibleHouseholdIds(
    ctx,
    donations.map((d) => d.household?.id),
  )
  return donations.map((donation) => ({
    donation,
    isHouseholdVisible: Boolean(donation.household && visible.has(donation.household.id)),
  }))
}

/** The lines of the summary a donation counts under. */
const tallied = (donation: LedgerDonation, isHouseholdVisible: boolean): TalliedDonation => ({
  kind: donation.kind,
  fen: toFen(donation.amountFen),
  donor: { key: donation.donorOrgId ?? `name:${donation.donorName}`, label: donation.donorName },
  village: { key: donation.village.id, label: donation.village.name },
  household: !donation.household
    ? null
    : isHouseholdVisible
      ? { key: donation.household.id, label: householdLabel(donation.household) }
      : { key: 'hidden', label: HIDDEN_HOUSEHOLDS_LABEL },
})

export const exportDonationLedger = async ({
  ctx,
  input,
  output,
  batchSize = DEFAULT_BATCH_SIZE,
}: DonationLedgerExport): Promise<DonationLedgerResult> => {
  const summary = createLedgerSummary()
  let rowCount = 0
  const where = ledgerWhere(ctx, input)
  // The rows from the read replica when there is one; the audit entry through ctx, on the primary.
  const reader = onReadReplica(ctx)
  const batches = keysetBatches<LedgerRecord>({
    output,
    batchSize,
    read: async (last, take) =>
      withVisibility(
        reader,
        await reader.db.donation.findMany({
          where: { AND: [where, after(last?.donation)] },
          select: ledgerSelect,
          orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
          take,
        }),
      ),
  })
  const resultOf = (): DonationLedgerResult => ({
    rowCount,
    donationCount: summary.total.donationCount,
    cashFen: summary.total.cashFen,
    goodsValueFen: summary.total.goodsValueFen,
  })

  await writeAuditedWorkbook({
    ctx,
    output,
    write: async (workbook) => {
      await writeSheet(workbook, {
        name: LEDGER_SHEET,
        columns: LEDGER_COLUMNS,
        batches,
        rowsOf: ({ donation, isHouseholdVisible }) => ledgerRowsOf(donation, isHouseholdVisible),
        written: ({ donation, isHouseholdVisible }, rows) => {
          rowCount += rows
          summary.add(tallied(donation, isHouseholdVisible))
        },
      })
      summary.write(workbook, input)
    },
    hasWritten: () => rowCount > 0,
    audit: {
      action: 'export.donationLedger',
      entityId: 'donation-ledger',
      details: () => ({
        filters: {
          villageId: input.villageId ?? null,
          activityId: input.activityId ?? null,
          from: input.from ?? null,
          to: input.to ?? null,
        },
        ...resultOf(),
      }),
    },
  })
  return resultOf()
}
