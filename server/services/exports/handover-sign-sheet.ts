// 发放签收表 as an Excel workbook (docs/exports.md), in the shape of the paper form: the title, the
// organising unit, place and date, then one row per recipient and item (慰问金 an item of its own)
// with its 签收 state, how and when it was signed for, and the signature; a 合计 that reconciles
// with 对账; lines for the signatures of whoever handed it out. Its 公示 version, for the notice
// board, masks the recipients' names (common/personal-data.ts) and has no signing details and no
// signature column at all.
// Handovers are read in keyset batches and each row committed as written (xlsx-stream.ts).
import type ExcelJS from 'exceljs'
import type { TSignSheetExportRequest } from '../../../common/contracts/handover/sign-sheet'
import { formatShanghaiDateTime } from '../../../common/dates'
import { fenToYuanText } from '../../../common/money'
import type { AppDeps } from '../../context'
import { AppError } from '../../errors'
import {
  addToTotals,
  afterHandover,
  emptyTotals,
  SIGN_SHEET_ORDER,
  type SignSheetHandover,
  type SignSheetRow,
  type SignSheetTotals,
  signSheetHeading,
  signSheetRowsOf,
  signSheetSelect,
  signSheetWhere,
} from '../handovers/sign-sheet-rows'
import { readSignaturePng, type SignatureRecord, signatureRecords } from '../handovers/signature-images'
import { onReadReplica } from '../service-context'
import { type PlainCell, toCells, YUAN_FORMAT, yuanCell } from './xlsx-cells'
import {
  commitSheet,
  DEFAULT_BATCH_SIZE,
  inColumnOrder,
  keysetBatches,
  type WorkbookWriter,
  writeAuditedWorkbook,
  type XlsxExport,
} from './xlsx-stream'
import { streamedSheetImages } from './xlsx-stream-images'

/** The photo store holds the signature images (docs/photos.md). */
export type SignSheetExport = XlsxExport<TSignSheetExportRequest> & { ctx: Pick<AppDeps, 'photos'> }

export const SIGN_SHEET_NAME = '发放签收表'
export const PUBLIC_SIGN_SHEET_NAME = '发放公示表'

/** The 公示 columns, in order: what a notice board may show. */
export const PUBLIC_SIGN_SHEET_COLUMNS = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'recipient', header: '户主', width: 14 },
  { key: 'place', header: '地址（组）', width: 14 },
  { key: 'item', header: '物品', width: 10 },
  { key: 'quantity', header: '数量', width: 8 },
  { key: 'unit', header: '单位', width: 6 },
  { key: 'amount', header: '金额（元）', width: 12, isYuan: true },
  { key: 'handedOverOn', header: '发放日期', width: 12 },
  { key: 'state', header: '签收', width: 8 },
] as const

/** The internal sheet's columns: the 公示 ones, then how and when it was signed for, and the signature. */
export const SIGN_SHEET_COLUMNS = [
  ...PUBLIC_SIGN_SHEET_COLUMNS,
  { key: 'confirmedHow', header: '签收方式', width: 10 },
  { key: 'confirmedAt', header: '签收时间', width: 17 },
  { key: 'signature', header: '签名', width: 16 },
] as const

type ColumnKey = (typeof SIGN_SHEET_COLUMNS)[number]['key']
type Columns = readonly { key: ColumnKey; header: string; width: number; isYuan?: boolean }[]

const cellsOf = (row: SignSheetRow, seq: number): Record<ColumnKey, PlainCell> => ({
  seq,
  recipient: row.recipient,
  place: row.place,
  item: row.item,
  quantity: row.quantity,
  unit: row.unit,
  amount: yuanCell(row.amountFen),
  handedOverOn: row.handedOverOn,
  state: row.stateLabel,
  confirmedHow: row.confirmedHow,
  confirmedAt: row.confirmedAt,
  // The image goes over the cell; the cell itself stays empty.
  signature: null,
})

/** 大米 40袋、面粉 40袋: the goods handed out, for the 合计's second line. */
const goodsText = (totals: SignSheetTotals) =>
  totals.goods.map((g) => `${g.item} ${g.quantity}${g.unit}`).join('、') || '无'

/** A signature's height on the sheet, in pixels; its width follows its proportions. */
const SIGNATURE_HEIGHT = 40
/** The row's height (points) that holds it. */
const SIGNATURE_ROW_HEIGHT = 32

/** A signature over the 签名 cell of `row`, scaled to the row (xlsx-stream-images.ts). */
const placeSignature = (
  images: SheetImages,
  sheet: ExcelJS.Worksheet,
  row: ExcelJS.Row,
  signature: SignatureRecord,
) => {
  const width = Math.round((signature.width / Math.max(signature.height, 1)) * SIGNATURE_HEIGHT)
  row.height = SIGNATURE_ROW_HEIGHT
  images.place(signature.sha256, signature, {
    col: sheet.getColumn('signature').number,
    row: row.number,
    width: Math.min(width, 110),
    height: SIGNATURE_HEIGHT,
  })
}

type SheetImages = ReturnType<typeof streamedSheetImages<SignatureRecord>>

const writeSignSheet = async (
  workbook: WorkbookWriter,
  {
    export: { ctx, input, output, batchSize = DEFAULT_BATCH_SIZE },
    isPublic,
    totals,
  }: { export: SignSheetExport; isPublic: boolean; totals: SignSheetTotals },
) => {
  const reader = onReadReplica(ctx)
  const columns: Columns = isPublic ? PUBLIC_SIGN_SHEET_COLUMNS : SIGN_SHEET_COLUMNS
  const width = columns.length
  const heading = await signSheetHeading(reader, input, isPublic)
  const sheet = workbook.addWorksheet(isPublic ? PUBLIC_SIGN_SHEET_NAME : SIGN_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 3 }],
    // On paper as the form: A4 across, every page under the same column headers.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.pageSetup.printTitlesRow = '3:3'
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    ...('isYuan' in c && c.isYuan ? { style: { numFmt: YUAN_FORMAT } } : {}),
  }))
  const addLine = (values: PlainCell[], font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow(toCells(values))
    if (font) row.font = font
    sheet.mergeCells(row.number, 1, row.number, width)
    row.commit()
  }
  addLine([heading.title], { bold: true, size: 16 })
  addLine([
    [
      heading.org ? `组织单位：${heading.org}` : null,
      heading.place ? `地点：${heading.place}` : null,
      `发放日期：${heading.period}`,
      `导出时间：${formatShanghaiDateTime(new Date())}`,
    ]
      .filter(Boolean)
      .join('　'),
  ])
  const header = sheet.addRow(toCells(columns.map((c) => c.header)))
  header.font = { bold: true }
  header.commit()

  const where = signSheetWhere(reader, input)
  const batches = keysetBatches<SignSheetHandover>({
    output,
    batchSize,
    read: (last, take) =>
      reader.db.handover.findMany({
        where: { AND: [where, afterHandover(last)] },
        select: signSheetSelect,
        orderBy: [...SIGN_SHEET_ORDER],
        take,
      }),
  })
  // The 公示 version shows no signature: it does not even read them. The images' files are
  // written once the rows are, each identical one once.
  const images = isPublic
    ? null
    : streamedSheetImages<SignatureRecord>(workbook, sheet, {
        output,
        read: (record) => readSignaturePng(ctx.photos?.storage, record),
      })
  let seq = 0
  for await (const batch of batches) {
    const signatures = images
      ? await signatureRecords(
          reader.db,
          batch.map((h) => h.id),
        )
      : null
    if (signatures?.size && !ctx.photos?.storage) throw new AppError('PHOTO_STORAGE_UNAVAILABLE')
    for (const handover of batch) {
      const rows = signSheetRowsOf(handover, isPublic)
      const signature = signatures?.get(handover.id)
      for (const [i, row] of rows.entries()) {
        seq += 1
        const written = sheet.addRow(inColumnOrder(columns, cellsOf(row, seq)))
        // The signature beside the handover's first line.
        if (images && signature && i === 0) placeSignature(images, sheet, written, signature)
        written.commit()
      }
      addToTotals(totals, rows)
    }
  }

  const total = sheet.addRow(
    inColumnOrder(columns, {
      ...Object.fromEntries(columns.map((c) => [c.key, null])),
      seq: '合计',
      amount: yuanCell(totals.totalFen),
    } as Record<ColumnKey, PlainCell>),
  )
  total.font = { bold: true }
  total.commit()
  addLine([
    `其中慰问金 ¥${fenToYuanText(totals.cashFen)}，物资 ¥${fenToYuanText(totals.goodsValueFen)}（${goodsText(totals)}）`,
  ])
  addLine([
    isPublic ? '公示期间如有异议，请向村委会反映。' : '发放人：　　　　　　经办人：　　　　　　村委会（盖章）：',
  ])
  commitSheet(sheet)
  await images?.finish()
}

const exportSheet = async (options: SignSheetExport, isPublic: boolean): Promise<SignSheetTotals> => {
  const totals = emptyTotals()
  await writeAuditedWorkbook({
    ctx: options.ctx,
    output: options.output,
    write: (workbook) => writeSignSheet(workbook, { export: options, isPublic, totals }),
    hasWritten: () => totals.rowCount > 0,
    audit: {
      action: isPublic ? 'export.handoverSignSheetPublic' : 'export.handoverSignSheet',
      entityId: isPublic ? 'handover-sign-sheet-public' : 'handover-sign-sheet',
      details: () => ({
        filters: {
          activityId: options.input.activityId ?? null,
          villageId: options.input.villageId ?? null,
          from: options.input.from ?? null,
          to: options.input.to ?? null,
        },
        rowCount: totals.rowCount,
        handoverCount: totals.handoverCount,
        cashFen: totals.cashFen,
        goodsValueFen: totals.goodsValueFen,
      }),
    },
  })
  return totals
}

export const exportHandoverSignSheet = (options: SignSheetExport) => exportSheet(options, false)
export const exportPublicHandoverSignSheet = (options: SignSheetExport) => exportSheet(options, true)
