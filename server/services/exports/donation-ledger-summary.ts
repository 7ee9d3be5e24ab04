// The 捐赠台账's 汇总 sheet: the donations tallied in integer fen, in all and by donor, village and
// household, from the very donations the ledger sheet lists, so the two reconcile to the fen.
// Households the caller may not see share one unnamed line (HIDDEN_HOUSEHOLDS_LABEL).
import type { TDonationLedgerRequest } from '../../../common/contracts/export/donation-ledger'
import { formatShanghaiDateTime } from '../../../common/dates'
import type { DonationKind } from '../../../common/enums'
import { type PlainCell, toCells, YUAN_FORMAT, yuanCell } from './xlsx-cells'
import type { WorkbookWriter } from './xlsx-stream'

/** The summary sheet's columns: a name, cash beside the in-kind value, their sum, the count. */
export const SUMMARY_COLUMNS = ['名称', '现金（元）', '物资价值（元）', '合计（元）', '捐赠笔数'] as const

export const SUMMARY_SHEET = '汇总'
/** Where the summary lists donations to households the caller may not see, without naming them. */
export const HIDDEN_HOUSEHOLDS_LABEL = '其他困难群众户（不在您的查看范围内）'

type Tally = { label: string; cashFen: number; goodsValueFen: number; donationCount: number }

const exactSum = (a: number, b: number): number => {
  const sum = a + b
  if (!Number.isSafeInteger(sum)) throw new RangeError('donation total beyond the exact range')
  return sum
}

const newTally = (label: string): Tally => ({ label, cashFen: 0, goodsValueFen: 0, donationCount: 0 })

const addTo = (tally: Tally, kind: DonationKind, fen: number) => {
  if (kind === 'CASH') tally.cashFen = exactSum(tally.cashFen, fen)
  else tally.goodsValueFen = exactSum(tally.goodsValueFen, fen)
  tally.donationCount += 1
}

const tallyIn = (tallies: Map<string, Tally>, key: string, label: string): Tally => {
  const existing = tallies.get(key)
  if (existing) return existing
  const created = newTally(label)
  tallies.set(key, created)
  return created
}

const totalOf = (t: Tally) => exactSum(t.cashFen, t.goodsValueFen)

const byTotalDesc = (a: Tally, b: Tally) => totalOf(b) - totalOf(a) || a.label.localeCompare(b.label, 'zh-CN')

/** A donation as the summary counts it: its amount, and the lines it counts under (key and label). */
export type TalliedDonation = {
  kind: DonationKind
  fen: number
  donor: { key: string; label: string }
  village: { key: string; label: string }
  /** Null for a donation to a village or a cadre; the hidden line for a household out of sight. */
  household: { key: string; label: string } | null
}

/** The running tallies of the donations written so far. */
export const createLedgerSummary = () => {
  const total = newTally('合计')
  const byDonor = new Map<string, Tally>()
  const byVillage = new Map<string, Tally>()
  const byHousehold = new Map<string, Tally>()

  const add = ({ kind, fen, donor, village, household }: TalliedDonation) => {
    addTo(total, kind, fen)
    addTo(tallyIn(byDonor, donor.key, donor.label), kind, fen)
    addTo(tallyIn(byVillage, village.key, village.label), kind, fen)
    if (household) addTo(tallyIn(byHousehold, household.key, household.label), kind, fen)
  }

  const write = (workbook: WorkbookWriter, input: TDonationLedgerRequest) => {
    const sheet = workbook.addWorksheet(SUMMARY_SHEET)
    sheet.columns = [
      { width: 36 },
      ...SUMMARY_COLUMNS.slice(1, 4).map(() => ({ width: 16, style: { numFmt: YUAN_FORMAT } })),
      { width: 10 },
    ]
    const addRow = (values: PlainCell[], isBold = false) => {
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
    addRow(['捐赠台账汇总'], true)
    addRow(['统计范围', periodText(input)])
    addRow(['导出时间', formatShanghaiDateTime(new Date())])
    addRow([])
    addRow([...SUMMARY_COLUMNS], true)
    addRow(tallyRow(total), true)
    const section = (title: string, tallies: Map<string, Tally>) => {
      addRow([])
      addRow([title, ...SUMMARY_COLUMNS.slice(1)], true)
      const rows = [...tallies.values()].sort(byTotalDesc)
      if (!rows.length) addRow(['（无）'])
      for (const t of rows) addRow(tallyRow(t))
    }
    section('按捐赠方', byDonor)
    section('按受赠村', byVillage)
    section('按困难群众户', byHousehold)
    sheet.commit()
  }

  return { total: total as Readonly<Tally>, add, write }
}

const periodText = (input: TDonationLedgerRequest): string => {
  if (input.from && input.to) return `${input.from} 至 ${input.to}`
  if (input.from) return `${input.from} 起`
  if (input.to) return `截至 ${input.to}`
  return '全部日期'
}
