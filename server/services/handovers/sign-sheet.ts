// handover.signSheet: the 发放签收表 (or its 公示 version) for the printable page, from the same
// rows as the Excel file (sign-sheet-rows.ts). The page lists at most SIGN_SHEET_PAGE_ROWS lines;
// the 合计 always covers every handover, so that a long sheet is never mistaken for a short one.

import { SIGN_SHEET_PAGE_ROWS, type TSignSheetRequest } from '../../../common/contracts/handover/sign-sheet'
import { onReadReplica, type ServiceContext } from '../service-context'
import {
  addToTotals,
  afterHandover,
  emptyTotals,
  SIGN_SHEET_ORDER,
  type SignSheetHandover,
  type SignSheetRow,
  signSheetHeading,
  signSheetRowsOf,
  signSheetSelect,
  signSheetWhere,
} from './sign-sheet-rows'

const BATCH_SIZE = 500

/** In the 公示 version a row carries nothing of how and when it was signed for. */
const publicRow = (row: SignSheetRow): SignSheetRow => ({ ...row, confirmedHow: null, confirmedAt: null })

export const getSignSheet = async ({ ctx, input }: { ctx: ServiceContext; input: TSignSheetRequest }) => {
  const reader = onReadReplica(ctx)
  const { isPublic } = input
  const where = signSheetWhere(reader, input)
  const totals = emptyTotals()
  const rows: SignSheetRow[] = []
  let last: SignSheetHandover | undefined
  for (;;) {
    const batch: SignSheetHandover[] = await reader.db.handover.findMany({
      where: { AND: [where, afterHandover(last)] },
      select: signSheetSelect,
      orderBy: [...SIGN_SHEET_ORDER],
      take: BATCH_SIZE,
    })
    for (const handover of batch) {
      const lines = signSheetRowsOf(handover, isPublic)
      addToTotals(totals, lines)
      for (const line of lines) if (rows.length < SIGN_SHEET_PAGE_ROWS) rows.push(isPublic ? publicRow(line) : line)
    }
    last = batch.at(-1)
    if (batch.length < BATCH_SIZE) break
  }
  return {
    isPublic,
    heading: await signSheetHeading(reader, input, isPublic),
    rows,
    isTruncated: totals.rowCount > rows.length,
    totals,
  }
}
