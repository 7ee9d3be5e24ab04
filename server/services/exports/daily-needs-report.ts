// The 有诉必应日报 as an Excel workbook (docs/exports.md): one sheet laid out as the city's 12345 daily
// report is, from the same figures as `report.dailyNeeds` (reports/daily-needs.ts):
//   the title, the date and the time of export; the lead paragraph; the figures (受理, 直接办理,
//   转交, 办结, 回访, 不予受理, then 在办 and 超期 at the end of the day); the hot topics, one row
//   per category with its count and one line.
// A day's report is a few dozen rows, so nothing is batched; it is still written through the
// streaming writer and audited before the file is finished (xlsx-stream.ts), as every export.
import type ExcelJS from 'exceljs'
import type { TDailyNeedsReportRequest } from '../../../common/contracts/report/daily-needs'
import { formatChineseDate, formatShanghaiDateTime } from '../../../common/dates'
import { type DailyNeedsReport, dailyNeedsReport } from '../reports/daily-needs'
import { type PlainCell, toCells } from './xlsx-cells'
import { type WorkbookWriter, writeAuditedWorkbook, type XlsxExport } from './xlsx-stream'

export const DAILY_NEEDS_SHEET = '有诉必应日报'

/** The figures table's header and rows, in order (docs/exports.md). */
export const FIGURES_HEADER = ['项目', '件数'] as const
export const FIGURE_ROWS = [
  { label: '受理诉求', of: (r: DailyNeedsReport) => r.figures.received },
  { label: '直接办理', of: (r: DailyNeedsReport) => r.figures.handledDirectly },
  { label: '转交责任单位办理', of: (r: DailyNeedsReport) => r.figures.transferred },
  { label: '办结', of: (r: DailyNeedsReport) => r.figures.resolved },
  { label: '回访', of: (r: DailyNeedsReport) => r.figures.followedUp },
  { label: '不予受理', of: (r: DailyNeedsReport) => r.figures.rejected },
  { label: '截至当日在办', of: (r: DailyNeedsReport) => r.totals.open },
  { label: '其中超期', of: (r: DailyNeedsReport) => r.totals.overdue },
] as const

/** The hot topics table's header: the section's title, then one row per category. */
export const HOT_TOPICS_TITLE = '热点问题'
export const HOT_TOPICS_HEADER = ['类别', '件数', '情况'] as const

/** A day's report is read in one go: no batches. */
export type DailyNeedsReportExport = Omit<XlsxExport<TDailyNeedsReportRequest>, 'batchSize'>

/** "前跃村有诉必应日报", or for every village in scope "有诉必应日报". */
export const dailyNeedsTitle = (report: Pick<DailyNeedsReport, 'village'>) =>
  `${report.village?.name ?? ''}有诉必应日报`

export const exportDailyNeedsReport = async ({ ctx, input, output }: DailyNeedsReportExport) => {
  const report = await dailyNeedsReport({ ctx, input })
  let rowCount = 0

  const write = async (workbook: WorkbookWriter) => {
    const sheet = workbook.addWorksheet(DAILY_NEEDS_SHEET)
    sheet.columns = [{ width: 20 }, { width: 10 }, { width: 80 }]
    /** Every row through toCells: no text reaches a cell unescaped (xlsx-cells.ts). */
    const add = (values: PlainCell[], style: { isBold?: boolean; isWrapped?: boolean } = {}) => {
      const row = sheet.addRow(toCells(values))
      if (style.isBold) row.font = { bold: true }
      if (style.isWrapped) row.alignment = { wrapText: true, vertical: 'top' }
      rowCount += 1
      return row
    }
    const mergeAcross = (row: ExcelJS.Row) => sheet.mergeCells(row.number, 1, row.number, 3)

    const title = add([dailyNeedsTitle(report)])
    title.font = { bold: true, size: 16 }
    mergeAcross(title)
    title.commit()
    add([`日期：${formatChineseDate(report.date)}　导出时间：${formatShanghaiDateTime(new Date())}`]).commit()
    add([]).commit()
    const lead = add([report.lead], { isWrapped: true })
    lead.height = 48
    mergeAcross(lead)
    lead.commit()
    add([]).commit()

    add([...FIGURES_HEADER], { isBold: true }).commit()
    for (const figure of FIGURE_ROWS) add([figure.label, figure.of(report)]).commit()
    add([]).commit()

    add([HOT_TOPICS_TITLE], { isBold: true }).commit()
    add([...HOT_TOPICS_HEADER], { isBold: true }).commit()
    if (report.hotTopics.length === 0) add(['（当日无新受理诉求）']).commit()
    for (const topic of report.hotTopics) add([topic.label, topic.count, topic.line], { isWrapped: true }).commit()
    sheet.commit()
  }

  await writeAuditedWorkbook({
    ctx,
    output,
    write,
    hasWritten: () => rowCount > 0,
    audit: {
      action: 'export.dailyNeedsReport',
      entityId: 'daily-needs-report',
      // Figures only: the hot topics' lines quote needs, which the trail never holds.
      details: () => ({
        filters: { date: input.date, villageId: input.villageId ?? null },
        ...report.figures,
        ...report.totals,
        hotTopicCount: report.hotTopics.length,
      }),
    },
  })
  return report
}
